from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.enums import Language
from cidi_meeting.versioning import VersionedModel
from delegations.enums import (
    DelegationKind,
    DelegationStatus,
    FloorRequestStatus,
    MemberRole,
    OrganizationKind,
)
from speakers.enums import Attendance


def active_language():
    """Return the two-letter code of the active language ("en" when none is)."""
    return (get_language() or "en")[:2]


def _of_pattern():
    # Translators: only used when a member state or organization has no "of" form in
    # this language yet; the secretariat enters the right one ("du Panama") in the admin.
    return gettext("of %(name)s")


def _in_pattern():
    # Translators: only used when a member state has no "in" form in this language yet;
    # the secretariat enters the right one ("au Panama") in the admin.
    return gettext("in %(name)s")


def name_form(record, field, name, pattern):
    """Return the record's ``field`` form ("of Panama") in the active language.

    Read from the active language's own column, never through modeltranslation's
    fallback: an English "of Panama" inside a French sentence is worse than the
    preposition joined to the French name.
    """
    return getattr(record, f"{field}_{active_language()}", "") or pattern() % {"name": name}


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
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=100, blank=True)
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
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ES,
        help_text=_(
            "The OAS official language its delegates usually speak: the default floor "
            "language of its delegation's members."
        ),
    )
    # Entered per language (delegations/translation.py): the preposition agrees with
    # the name, which no sentence can do by joining "of" and the name.
    name_of = models.CharField(
        _('"of" form of the name'),
        max_length=120,
        blank=True,
        help_text=_(
            'The name after "of", with its article: "of the Dominican Republic", '
            '"de la República Dominicana", "du Panama", "do México".'
        ),
    )
    name_in = models.CharField(
        _('"in" form of the name'),
        max_length=120,
        blank=True,
        help_text=_(
            'The name after "in", with its article: "in the United States", '
            '"en los Estados Unidos", "au Panama", "no México".'
        ),
    )

    class Meta:
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        ordering = ["name_en"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """Return the state's name in the active language (OAS usage in Spanish)."""
        language = active_language()
        if language == "es":
            return self.name_es_oas or self.name_en
        if language in ("fr", "pt"):
            return getattr(self, f"name_{language}") or self.name_en
        return self.name_en

    @property
    def display_name_of(self):
        """Return "of" and the name in the active language: "du Panama", "do México"."""
        return name_form(self, "name_of", self.display_name, _of_pattern)

    @property
    def display_name_in(self):
        """Return "in" and the name in the active language: "au Panama", "no México"."""
        return name_form(self, "name_in", self.display_name, _in_pattern)


class Organization(models.Model):
    """A non-state entity that takes part: OAS secretariats, ECLAC, observers."""

    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=200, blank=True)
    acronym_es = models.CharField(_("acronym in Spanish"), max_length=20, blank=True)
    acronym_fr = models.CharField(_("acronym in French"), max_length=20, blank=True)
    acronym_pt = models.CharField(_("acronym in Portuguese"), max_length=20, blank=True)
    # Entered per language (delegations/translation.py), as for member states.
    name_of = models.CharField(
        _('"of" form of the name'),
        max_length=230,
        blank=True,
        help_text=_(
            'The name after "of", with its article: "of the Inter-American Commission of '
            'Women", "de la Comisión Interamericana de Mujeres", "du Secrétariat…".'
        ),
    )
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
        """Return the acronym used in the active language (ECLAC, CEPAL, CEPALC)."""
        language = active_language()
        if language == "en":
            return self.acronym
        return getattr(self, f"acronym_{language}", "") or self.acronym

    @property
    def display_name(self):
        language = active_language()
        if language == "en":
            return self.name_en
        return getattr(self, f"name_{language}", "") or self.name_en

    @property
    def display_name_of(self):
        """Return "of" and the name in the active language: "de la CEPAL" style."""
        return name_form(self, "name_of", self.display_name, _of_pattern)


class Delegation(VersionedModel):
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
    quota = models.PositiveSmallIntegerField(
        _("seats (quota)"),
        default=5,
        help_text=_("How many members the delegation may register for this meeting."),
    )
    submitted_at = models.DateTimeField(_("submitted for accreditation"), null=True, blank=True)
    credentials_presented_at = models.DateTimeField(
        _("credentials presented"),
        null=True,
        blank=True,
        help_text=_("Drives the order of precedence at CIDI regular and special meetings."),
    )
    accredited_at = models.DateTimeField(_("accredited"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    # An accredited delegation's request for a change, until the secretariat handles it.
    change_request = models.TextField(_("change requested"), blank=True)
    change_requested_at = models.DateTimeField(_("change requested on"), null=True, blank=True)
    lot_number = models.PositiveSmallIntegerField(_("number drawn by lot"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

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

    @property
    def kind(self):
        if self.member_state_id:
            return DelegationKind.MEMBER_STATE
        if self.organization.kind == OrganizationKind.OBSERVER:
            return DelegationKind.OBSERVER
        return DelegationKind.ORGANIZATION

    @property
    def language(self):
        """Return the language its members speak by default: the member state's, else Spanish."""
        if self.member_state_id:
            return self.member_state.language
        return Language.ES

    @property
    def name(self):
        """Return the delegation's name in the active language."""
        if self.member_state_id:
            return self.member_state.display_name
        return self.organization.display_name

    @property
    def name_of(self):
        """Return "of" and the delegation's name in the active language.

        Sentences take this whole ("Delegation %(of_delegation)s"): French and Portuguese
        join the preposition to the article ("du Panama", "das Bahamas") and English and
        Spanish need one before some names ("of the United States", "de las Bahamas").
        """
        if self.member_state_id:
            return self.member_state.display_name_of
        return self.organization.display_name_of

    @property
    def is_accredited(self):
        return self.status == DelegationStatus.ACCREDITED


class DelegationMember(VersionedModel):
    """A member of a delegation, in the delegation's protocol order."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("delegation")
    )
    order = models.PositiveSmallIntegerField(_("protocol order"), default=0)
    protocol_title = models.CharField(
        _("protocol title"), max_length=60, blank=True, help_text=_('e.g. "H.E.", "Ms."')
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ES
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_ROOM
    )
    needs = models.TextField(
        _("accessibility or interpretation needs"),
        blank=True,
        help_text=_("Anything the secretariat should arrange: access, seating, interpretation."),
    )
    person = models.OneToOneField(
        "speakers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_member",
        verbose_name=_("speaker record"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_memberships",
        verbose_name=_("portal account"),
        help_text=_(
            "The account that reads the delegation's page as this member: linked when the "
            "member confirms the focal point's invitation, or set by the secretariat."
        ),
    )
    history = HistoricalRecords()
    # The link is made by the member's confirmation or in the admin, never by the
    # registration form: a member's edit keeps the stored account.
    unversioned_fields = ("account",)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "order", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.protocol_title} {self.full_name}".strip()


class CredentialsLetter(models.Model):
    """A delegation's credentials letter (note verbale), a PDF served through a view."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="credentials_letters",
        verbose_name=_("delegation"),
    )
    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("credentials letter")
        verbose_name_plural = _("credentials letters")
        ordering = ["delegation", "-uploaded_at"]

    def __str__(self):
        return self.original_name


class FocalPointInvitation(models.Model):
    """An emailed invitation to a delegation's focal point, bound to the invited address."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("delegation"),
    )
    email = models.EmailField(_("invited address"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("focal point invitation")
        verbose_name_plural = _("focal point invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.delegation}"


class FloorRequest(VersionedModel):
    """A delegation's request to take the floor in a part that accepts interventions."""

    segment = models.ForeignKey(
        "agenda.Segment",
        on_delete=models.CASCADE,
        related_name="floor_requests",
        verbose_name=_("part"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="floor_requests",
        verbose_name=_("delegation"),
    )
    member = models.ForeignKey(
        DelegationMember,
        on_delete=models.PROTECT,
        related_name="floor_requests",
        verbose_name=_("who speaks"),
    )
    floor_language = models.CharField(
        _("floor language"), max_length=2, choices=Language.choices, default=Language.ES
    )
    topic = models.CharField(_("topic"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FloorRequestStatus.choices,
        default=FloorRequestStatus.PENDING,
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    queue_position = models.PositiveSmallIntegerField(
        _("position in the list"), null=True, blank=True
    )
    minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    slot = models.OneToOneField(
        "speakers.SpeakerSlot",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="floor_request",
        verbose_name=_("speaker slot"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request for the floor")
        verbose_name_plural = _("requests for the floor")
        ordering = ["segment", "queue_position", "requested_at", "pk"]

    def __str__(self):
        return f"{self.delegation}: {self.topic}"
