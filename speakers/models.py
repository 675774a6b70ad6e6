from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.enums import Language
from cidi_meeting.versioning import VersionedModel
from speakers.enums import Attendance, GrammaticalGender, InvitationResponse, SlotRole, SlotStatus


class Person(models.Model):
    """Someone who speaks, chairs or moderates: a minister, a panelist, an officer."""

    full_name = models.CharField(_("full name"), max_length=200)
    protocol_title = models.CharField(
        _("protocol title"),
        max_length=60,
        blank=True,
        help_text=_('e.g. "H.E.", "Minister", "Ms."'),
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    grammatical_gender = models.CharField(
        _("grammatical gender of role names"),
        max_length=1,
        choices=GrammaticalGender.choices,
        blank=True,
        help_text=_(
            "How the scenario names this person's role in Spanish, French and Portuguese, "
            'e.g. "la moderadora" or "el moderador". Leave empty for neutral wording.'
        ),
    )
    member_state = models.ForeignKey(
        "delegations.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("member state"),
    )
    organization = models.ForeignKey(
        "delegations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organization"),
    )
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Where the person is, for reminders (e.g. America/Panama)."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """Return the name with its protocol title, as announced in the room."""
        return f"{self.protocol_title} {self.full_name}".strip()

    @property
    def choice_label(self):
        """Return the name with what tells two people of that name apart in a list:
        "Ms. Ana Pérez — Panama, ana@example.org" (the position when neither is known).

        Select the state and the organization with the people listed.
        """
        affiliation = (self.member_state_id and self.member_state) or (
            self.organization_id and self.organization
        )
        details = [str(detail) for detail in (affiliation, self.email) if detail]
        if not details and self.position:
            details = [self.position]
        if not details:
            return self.display_name
        return f"{self.display_name} — {', '.join(details)}"


class SpeakerSlot(VersionedModel):
    """A person's turn to speak in a segment, with speaking and question minutes."""

    segment = models.ForeignKey(
        "agenda.Segment", on_delete=models.CASCADE, related_name="slots", verbose_name=_("part")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=_("speaker"),
    )
    role = models.CharField(_("role"), max_length=20, choices=SlotRole.choices)
    representing_state = models.ForeignKey(
        "delegations.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("representing (member state)"),
    )
    representing_organization = models.ForeignKey(
        "delegations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("representing (organization)"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    speaking_minutes = models.PositiveSmallIntegerField(
        _("speaking minutes"), validators=[MinValueValidator(1)]
    )
    qa_minutes = models.PositiveSmallIntegerField(
        _("question-and-answer minutes"),
        default=0,
        help_text=_("Minutes to answer the moderator's questions after the presentation."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.INVITED
    )
    floor_language = models.CharField(
        _("floor language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_ROOM
    )
    cue_notes = models.TextField(_("cue notes for the moderator"), blank=True)
    floor_words = models.TextField(
        _("words to give the floor"),
        blank=True,
        help_text=_("Leave empty for the standard words, with the speaker's title and name."),
    )
    guiding_questions = models.ManyToManyField(
        "agenda.GuidingQuestion",
        blank=True,
        related_name="addressed_slots",
        verbose_name=_("guiding questions addressed to this slot only"),
        help_text=_("Leave empty when the part's questions go to all its speakers."),
    )
    delivered_at = models.DateTimeField(
        _("delivered at"),
        null=True,
        blank=True,
        help_text=_("Set once the speaker has spoken; statements become public then."),
    )
    # What really happened in the room, recorded by the live console (live/).
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    qa_started_at = models.DateTimeField(_("questions began at"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("seconds paused"), default=0)
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    unversioned_fields = (
        "actual_start",
        "qa_started_at",
        "actual_end",
        "paused_seconds",
        "skipped_at",
        "delivered_at",
    )
    history = HistoricalRecords(
        m2m_fields=[guiding_questions],
        excluded_fields=["actual_start", "qa_started_at", "actual_end", "paused_seconds"],
    )

    class Meta:
        verbose_name = _("speaker slot")
        verbose_name_plural = _("speaker slots")
        ordering = ["segment", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaking_minutes__gte=1), name="slot_speaking_minutes_positive"
            ),
            models.CheckConstraint(
                condition=~(
                    Q(representing_state__isnull=False) & Q(representing_organization__isnull=False)
                ),
                name="slot_represents_state_or_organization",
            ),
        ]

    def __str__(self):
        if self.representing:
            return f"{self.representing_label}: {self.person}"
        return str(self.person)

    @property
    def label(self):
        """Return what names the slot in a list: the state or organization, else the person."""
        return self.representing_label or self.person.display_name

    @property
    def representing(self):
        return self.representing_state or self.representing_organization

    @property
    def representing_label(self):
        return str(self.representing) if self.representing else ""

    @property
    def total_minutes(self):
        return self.speaking_minutes + self.qa_minutes

    @property
    def actual_seconds(self):
        """Return the seconds the slot really took in the room (pauses left out), or None."""
        if self.actual_start is None or self.actual_end is None:
            return None
        taken = (self.actual_end - self.actual_start).total_seconds() - self.paused_seconds
        return max(0, int(taken))


class SpeakerInvitation(models.Model):
    """An emailed invitation to speak in a slot, bound to the invited address."""

    slot = models.ForeignKey(
        SpeakerSlot, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("slot")
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
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    response = models.CharField(
        _("response"),
        max_length=10,
        choices=InvitationResponse.choices,
        default=InvitationResponse.PENDING,
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaker invitation")
        verbose_name_plural = _("speaker invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.slot}"


class Statement(models.Model):
    """A speaker's statement or slides for a slot (PDF, DOCX or PPTX)."""

    slot = models.ForeignKey(
        SpeakerSlot, on_delete=models.CASCADE, related_name="statements", verbose_name=_("slot")
    )
    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=4)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    invitation = models.ForeignKey(
        SpeakerInvitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("uploaded through invitation"),
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["slot", "-uploaded_at"]

    def __str__(self):
        return self.original_name
