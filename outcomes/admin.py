"""Taxonomies, good practices, cooperation offers and needs, matches and outcome records."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from cidi_meeting.admin_base import VersionedAdminMixin, in_every_language
from outcomes.models import (
    CooperationItem,
    CooperationMatch,
    GoodPractice,
    Instrument,
    OutcomeRecord,
    PracticeAttachment,
    SdgTarget,
    TargetGroup,
    Theme,
)

DELEGATION_SEARCH = [
    "delegation__member_state__name_en",
    "delegation__member_state__name_es_oas",
    "delegation__organization__acronym",
]


class VersionedHistoryAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """A record several staff members edit at once, with its change history."""


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name_en", "code", "name_es", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_en", "name_es", "name_fr", "name_pt"]


@admin.register(Instrument)
class InstrumentAdmin(TaxonomyAdmin):
    list_display = [*TaxonomyAdmin.list_display, "parent"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(TargetGroup)
class TargetGroupAdmin(TaxonomyAdmin):
    pass


@admin.register(Theme)
class ThemeAdmin(TaxonomyAdmin):
    pass


@admin.register(SdgTarget)
class SdgTargetAdmin(TranslationAdmin):
    list_display = ["code", "text", "order"]
    search_fields = ["code", *in_every_language("text")]


@admin.register(GoodPractice)
class GoodPracticeAdmin(VersionedHistoryAdmin):
    list_display = ["title", "delegation", "meeting", "status", "submitted_at", "published_at"]
    list_filter = ["status", "language", ("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "programme_name", "contact_name", "contact_email", *DELEGATION_SEARCH]
    autocomplete_fields = [
        "meeting",
        "delegation",
        "created_by",
        "instruments",
        "target_groups",
        "sdg_targets",
    ]
    list_select_related = ["meeting", "delegation__member_state", "delegation__organization"]


@admin.register(PracticeAttachment)
class PracticeAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "practice", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "practice__title"]
    autocomplete_fields = ["practice"]
    list_select_related = ["practice"]


@admin.register(CooperationItem)
class CooperationItemAdmin(VersionedHistoryAdmin):
    list_display = ["title", "kind", "delegation", "meeting", "modality", "theme", "is_open"]
    list_filter = ["kind", "modality", "is_open", "theme"]
    search_fields = ["title", *DELEGATION_SEARCH]
    autocomplete_fields = [
        "meeting",
        "delegation",
        "theme",
        "instrument",
        "target_groups",
        "practice",
    ]
    list_select_related = [
        "meeting",
        "delegation__member_state",
        "delegation__organization",
        "theme",
    ]


@admin.register(CooperationMatch)
class CooperationMatchAdmin(VersionedHistoryAdmin):
    list_display = ["__str__", "score", "status", "agreed_on", "completed_on"]
    list_filter = ["status"]
    search_fields = ["offer__title", "need__title", "reason"]
    autocomplete_fields = ["offer", "need"]
    list_select_related = ["offer", "need"]


@admin.register(OutcomeRecord)
class OutcomeRecordAdmin(VersionedHistoryAdmin):
    list_display = ["__str__", "updated_at"]
    search_fields = in_every_language("expected_outcome__text")
    autocomplete_fields = ["expected_outcome", "practices", "matches", "interventions"]
    list_select_related = ["expected_outcome"]
