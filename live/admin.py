"""The room clocks, their log and the room displays in the admin site.

The clock and its log are written by the console only: they are shown, never edited here.
"""

from django.contrib import admin

from cidi_meeting.admin_base import ReadOnlyAdmin, in_every_language
from live.models import ClockEvent, RoomClock, RoomDisplay


@admin.register(RoomClock)
class RoomClockAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "session", "slot", "state", "is_running", "revision", "updated_at"]
    list_filter = ["state", "is_running"]
    search_fields = in_every_language("meeting__title")
    list_select_related = ["meeting", "session", "slot__person"]


@admin.register(ClockEvent)
class ClockEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "meeting", "action", "slot", "phase_seconds", "by"]
    list_filter = ["action", ("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*in_every_language("meeting__title"), "by__email"]
    date_hierarchy = "at"
    list_select_related = [
        "meeting",
        "slot__person",
        "slot__representing_state",
        "slot__representing_organization",
        "by",
    ]


@admin.register(RoomDisplay)
class RoomDisplayAdmin(admin.ModelAdmin):
    list_display = ["label", "meeting", "session", "created_at", "revoked_at", "last_seen_at"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label", *in_every_language("meeting__title")]
    autocomplete_fields = ["meeting", "created_by"]
    list_select_related = ["meeting", "session"]
