"""Meetings, their parts, guiding questions and expected outcomes in the admin site."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment
from cidi_meeting.admin_base import VersionedAdminMixin, in_every_language


class HistoryTranslationAdmin(VersionedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """A record with a change history whose texts are entered per language."""


@admin.register(Meeting)
class MeetingAdmin(HistoryTranslationAdmin):
    list_display = ["title", "date", "start_time", "time_zone", "body", "kind", "status"]
    list_filter = ["status", "body", "kind", "format"]
    search_fields = [*in_every_language("title", "venue"), "slug", "document_code"]
    date_hierarchy = "date"
    autocomplete_fields = ["chair"]
    readonly_fields = ["agenda_revision", "session_count", "created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ExpectedOutcome)
class ExpectedOutcomeAdmin(HistoryTranslationAdmin):
    list_display = ["__str__", "meeting", "order"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*in_every_language("text"), *in_every_language("meeting__title")]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]


@admin.register(MeetingSession)
class MeetingSessionAdmin(HistoryTranslationAdmin):
    list_display = ["title", "meeting", "date", "start_time", "end_time", "room"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*in_every_language("title"), "room", *in_every_language("meeting__title")]
    autocomplete_fields = ["meeting", "chair"]
    list_select_related = ["meeting"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Segment)
class SegmentAdmin(HistoryTranslationAdmin):
    list_display = ["title", "meeting", "order", "kind", "lead", "allotted_minutes"]
    list_filter = ["kind", "accepts_floor_requests", ("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*in_every_language("title"), *in_every_language("meeting__title")]
    autocomplete_fields = ["meeting", "session", "lead"]
    list_select_related = ["meeting", "lead"]


@admin.register(GuidingQuestion)
class GuidingQuestionAdmin(HistoryTranslationAdmin):
    list_display = ["__str__", "segment", "order"]
    list_filter = [("segment__meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*in_every_language("text"), *in_every_language("segment__title")]
    autocomplete_fields = ["segment"]
    list_select_related = ["segment"]
