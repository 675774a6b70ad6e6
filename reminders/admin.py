"""Reminder rules and the outbox in the admin site.

The outbox is written by the reminders' sweep and delivery: it is shown, never edited
here (the outbox page sends a message again).
"""

from django.contrib import admin

from cidi_meeting.admin_base import ReadOnlyAdmin, in_every_language
from reminders.models import OutboxMessage, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "anchor", "offset_minutes", "audience", "is_active"]
    list_filter = ["anchor", "audience", "is_active"]
    search_fields = ["name", *in_every_language("meeting__title")]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "due_at",
        "recipient_email",
        "kind",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["recipient_email", "recipient_name", "subject", "dedupe_key"]
    date_hierarchy = "due_at"
