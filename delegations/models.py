from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from delegations.enums import DelegationStatus, OrganizationKind


class MemberState(models.Model):
    """One of the OAS member states, with the names OAS documents use."""

    iso2 = models.CharField(_("ISO code (2 letters)"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO code (3 letters)"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_es_oas = models.CharField(
        _("name in Spanish (OAS usage)"),
        max_length=100,
        help_text=_("The Spanish name as OAS documents write it, e.g. 'Saint Kitts y Nevis'."),
    )
    name_es_common = models.CharField(_("common Spanish name"), max_length=100, blank=True)
    spanish_order = models.PositiveSmallIntegerField(
        _("Spanish alphabetical order"),
        unique=True,
        help_text=_("Position in the Spanish alphabetical order (drives chair rotation)."),
    )
    joined_year = models.PositiveSmallIntegerField(_("year joined"), null=True, blank=True)
    participates = models.BooleanField(
        _("participates in OAS meetings"),
        default=True,
        help_text=_("Unset for a state that does not currently take part."),
    )
    participation_note = models.CharField(_("participation note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        ordering = ["name_en"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """Return the state's name in the active language (OAS usage in Spanish)."""
        if (get_language() or "en").startswith("es"):
            return self.name_es_oas
        return self.name_en


class Organization(models.Model):
    """A non-state entity that takes part: OAS secretariats, ECLAC, observers."""

    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)
    acronym_es = models.CharField(_("acronym in Spanish"), max_length=20, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["acronym"]

    def __str__(self):
        return self.display_acronym

    @property
    def display_acronym(self):
        if (get_language() or "en").startswith("es") and self.acronym_es:
            return self.acronym_es
        return self.acronym

    @property
    def display_name(self):
        if (get_language() or "en").startswith("es") and self.name_es:
            return self.name_es
        return self.name_en


class Delegation(models.Model):
    """The delegation of a member state (or an organization) to one meeting."""

    meeting = models.ForeignKey(
        "agenda.Meeting",
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("meeting"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("member state"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("organization"),
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focal_point_delegations",
        verbose_name=_("focal point"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DelegationStatus.choices,
        default=DelegationStatus.INVITED,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["meeting", "member_state__name_en", "organization__acronym"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(member_state__isnull=False, organization__isnull=True)
                    | Q(member_state__isnull=True, organization__isnull=False)
                ),
                name="delegation_state_xor_organization",
            ),
            models.UniqueConstraint(
                fields=["meeting", "member_state"],
                condition=Q(member_state__isnull=False),
                name="one_delegation_per_state_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organization"],
                condition=Q(organization__isnull=False),
                name="one_delegation_per_organization_per_meeting",
            ),
        ]

    def __str__(self):
        return str(self.member_state or self.organization)
