"""Member states, organizations, delegations and their members, requests for the floor."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from cidi_meeting.admin_base import VersionedAdminMixin, in_every_language
from delegations.models import (
    CredentialsLetter,
    Delegation,
    DelegationMember,
    FloorRequest,
    FocalPointInvitation,
    MemberState,
    Organization,
)

DELEGATION_SEARCH = [
    "delegation__member_state__name_en",
    "delegation__member_state__name_es_oas",
    "delegation__organization__acronym",
    "delegation__organization__name_en",
]


class VersionedHistoryAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """A record several staff members edit at once, with its change history."""


# TranslationAdmin shows the "of" and "in" forms once per language (name_of_en…).
@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ["name_en", "name_es_oas", "iso2", "iso3", "spanish_order", "participates"]
    list_filter = ["participates"]
    search_fields = [
        "name_en",
        "name_es_oas",
        "name_es_common",
        "name_fr",
        "name_pt",
        "iso2",
        "iso3",
    ]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["acronym", "name_en", "acronym_es", "name_es", "kind"]
    list_filter = ["kind"]
    search_fields = [
        "acronym",
        "acronym_es",
        "acronym_fr",
        "acronym_pt",
        "name_en",
        "name_es",
        "name_fr",
        "name_pt",
    ]


@admin.register(Delegation)
class DelegationAdmin(VersionedHistoryAdmin):
    list_display = ["__str__", "meeting", "status", "quota", "focal_point", "accredited_at"]
    list_filter = ["status", ("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "member_state__name_en",
        "member_state__name_es_oas",
        "organization__acronym",
        "organization__name_en",
        "focal_point__email",
        *in_every_language("meeting__title"),
    ]
    autocomplete_fields = ["meeting", "member_state", "organization", "focal_point"]
    list_select_related = ["meeting", "member_state", "organization", "focal_point"]


@admin.register(DelegationMember)
class DelegationMemberAdmin(VersionedHistoryAdmin):
    list_display = [
        "display_name",
        "delegation",
        "role",
        "order",
        "email",
        "account",
        "attendance",
    ]
    list_filter = ["role", "attendance", "preferred_language"]
    search_fields = ["full_name", "email", "account__email", *DELEGATION_SEARCH]
    # The secretariat links a member's portal account here (or clears it): read access
    # to the delegation follows this link, never the member's address.
    autocomplete_fields = ["delegation", "person", "account"]
    list_select_related = ["delegation__member_state", "delegation__organization", "account"]


@admin.register(CredentialsLetter)
class CredentialsLetterAdmin(admin.ModelAdmin):
    list_display = ["original_name", "delegation", "size", "uploaded_at", "uploaded_by"]
    search_fields = ["original_name", *DELEGATION_SEARCH]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["delegation", "uploaded_by"]
    list_select_related = [
        "delegation__member_state",
        "delegation__organization",
        "uploaded_by",
    ]


@admin.register(FocalPointInvitation)
class FocalPointInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "delegation", "created_at", "sent_at", "accepted_at", "revoked_at"]
    search_fields = ["email", *DELEGATION_SEARCH]
    date_hierarchy = "created_at"
    autocomplete_fields = ["delegation", "created_by", "accepted_by"]
    list_select_related = ["delegation__member_state", "delegation__organization"]


@admin.register(FloorRequest)
class FloorRequestAdmin(VersionedHistoryAdmin):
    list_display = ["__str__", "segment", "status", "queue_position", "minutes", "requested_at"]
    list_filter = ["status", "floor_language"]
    search_fields = ["topic", "member__full_name", *DELEGATION_SEARCH]
    date_hierarchy = "requested_at"
    autocomplete_fields = ["segment", "delegation", "member", "slot", "decided_by"]
    list_select_related = [
        "segment",
        "delegation__member_state",
        "delegation__organization",
    ]
