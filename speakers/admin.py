"""People, speaker slots, speaker invitations and statements in the admin site."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from cidi_meeting.admin_base import VersionedAdminMixin, in_every_language
from speakers.models import Person, SpeakerInvitation, SpeakerSlot, Statement


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = [
        "full_name",
        "protocol_title",
        "position",
        "member_state",
        "organization",
        "email",
        "preferred_language",
        "user",
    ]
    list_filter = [
        "preferred_language",
        ("member_state", admin.RelatedOnlyFieldListFilter),
        ("organization", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        *in_every_language("full_name", "position"),
        "email",
        "user__email",
        "member_state__name_en",
        "member_state__name_es_oas",
        "organization__acronym",
        "organization__name_en",
    ]
    autocomplete_fields = ["member_state", "organization", "user"]
    list_select_related = ["member_state", "organization", "user"]


@admin.register(SpeakerSlot)
class SpeakerSlotAdmin(VersionedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "__str__",
        "segment",
        "order",
        "role",
        "speaking_minutes",
        "qa_minutes",
        "status",
        "delivered_at",
    ]
    list_filter = ["status", "role", "attendance", "floor_language"]
    search_fields = [
        *in_every_language("person__full_name"),
        *in_every_language("segment__title"),
        *in_every_language("segment__meeting__title"),
        "person__email",
    ]
    autocomplete_fields = [
        "segment",
        "person",
        "representing_state",
        "representing_organization",
        "guiding_questions",
    ]
    list_select_related = [
        "segment",
        "person",
        "representing_state",
        "representing_organization",
    ]


@admin.register(SpeakerInvitation)
class SpeakerInvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "slot",
        "created_at",
        "sent_at",
        "expires_at",
        "response",
        "revoked_at",
    ]
    list_filter = ["response"]
    search_fields = ["email", *in_every_language("slot__person__full_name")]
    date_hierarchy = "created_at"
    autocomplete_fields = ["slot", "created_by"]
    list_select_related = [
        "slot__person",
        "slot__representing_state",
        "slot__representing_organization",
    ]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["original_name", "slot", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", *in_every_language("slot__person__full_name")]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["slot", "invitation"]
    list_select_related = [
        "slot__person",
        "slot__representing_state",
        "slot__representing_organization",
    ]
