import datetime
import zoneinfo
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from agenda.enums import (
    Body,
    LeadRole,
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    Precedence,
    SegmentKind,
)
from cidi_meeting.uploads import generated_name
from cidi_meeting.versioning import VersionedModel


def validate_time_zone(value):
    """Accept only IANA time-zone names such as America/New_York."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("%(value)s is not a known time zone; use a name such as America/New_York."),
            params={"value": value},
        ) from None


def can_see_drafts(user):
    """The drafts rule: meetings not yet published are shown to the secretariat only."""
    return is_secretariat(user)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[MeetingStatus.PUBLISHED, MeetingStatus.CLOSED])

    def visible_to(self, user):
        """Return the meetings ``user`` may see under the drafts rule."""
        return self if can_see_drafts(user) else self.published()


def concept_note_path(instance, filename):
    """Store concept notes under a generated name (never the uploaded one)."""
    return generated_name("concept-notes", PurePath(filename).suffix.lstrip(".").lower() or "pdf")


class Meeting(VersionedModel):
    """A meeting of an OAS body, such as the CIDI dialogue on social safety nets."""

    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    body = models.CharField(_("body"), max_length=10, choices=Body.choices, default=Body.CIDI)
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    document_code = models.CharField(
        _("document code"),
        max_length=60,
        blank=True,
        help_text=_("Stored as given, e.g. CIDRP03454E01."),
    )
    date = models.DateField(_("date"), help_text=_("The first day of the meeting."))
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("For a meeting of several days; leave empty for a meeting of one day."),
    )
    start_time = models.TimeField(_("start time"), help_text=_("In the meeting's time zone."))
    end_time = models.TimeField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_(
            "In the meeting's time zone. The editor warns when the agenda or the forecast "
            "runs past it."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.DEFAULT_MEETING_TIME_ZONE,
        validators=[validate_time_zone],
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.HYBRID
    )
    connection_link = models.URLField(
        _("connection link"),
        blank=True,
        help_text=_("Shown only to registered participants."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    background = models.TextField(_("background and rationale"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    chair = models.ForeignKey(
        "speakers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("After it, delegations see their registration read-only."),
    )
    precedence = models.CharField(
        _("order of precedence"),
        max_length=20,
        choices=Precedence.choices,
        default=Precedence.CREDENTIALS_DATE,
    )
    practice_deadline = models.DateTimeField(_("good-practice deadline"), null=True, blank=True)
    speaker_confirmation_deadline = models.DateTimeField(
        _("speaker-confirmation deadline"), null=True, blank=True
    )
    lot_seed = models.CharField(
        _("seed of the lot"),
        max_length=64,
        blank=True,
        help_text=_("Recorded when the lot is drawn, so that anyone can reproduce it."),
    )
    lot_drawn_at = models.DateTimeField(_("lot drawn at"), null=True, blank=True)
    quota_member_state = models.PositiveSmallIntegerField(
        _("seats per member state delegation"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Head of delegation plus four, as is usual in the room."),
    )
    quota_observer = models.PositiveSmallIntegerField(
        _("seats per observer delegation"), default=2, validators=[MinValueValidator(1)]
    )
    quota_organization = models.PositiveSmallIntegerField(
        _("seats per organization"), default=1, validators=[MinValueValidator(1)]
    )
    # The scenario's opening and closing, per language; empty means the portal's words.
    opening_words = models.TextField(
        _("opening words of the chair"),
        blank=True,
        help_text=_("Leave empty for the standard opening: welcome, agenda, moderator."),
    )
    closing_words = models.TextField(
        _("closing words of the chair"),
        blank=True,
        help_text=_("Leave empty for the standard closing, made from the expected outcomes."),
    )
    concept_note = models.FileField(
        _("concept note"),
        upload_to=concept_note_path,
        blank=True,
        help_text=_("PDF or Word (DOCX), up to 10 MB."),
    )
    # Grows with every change that shows on the agenda (the meeting, its parts, slots,
    # questions and the people in them): the calendar's SEQUENCE and the pages' cache key.
    agenda_revision = models.PositiveIntegerField(_("agenda revision"), default=1, editable=False)
    # How many sessions the meeting has (kept by ``agenda.sessions``): none means the
    # meeting is one session, made of its own date, start time, venue and chair, and its
    # pages need not ask for sessions at all.
    session_count = models.PositiveSmallIntegerField(_("sessions"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    unversioned_fields = ("agenda_revision", "session_count")

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "agenda_revision", "session_count"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:meeting_detail", kwargs={"slug": self.slug})

    def get_editor_url(self):
        return reverse("agenda:editor", kwargs={"slug": self.slug})

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self):
        """Return the aware start of the meeting in its own time zone."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.tzinfo)

    @property
    def ends_at(self):
        """Return the aware planned end of the meeting, or None when none is set."""
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.last_day, self.end_time, tzinfo=self.tzinfo)

    @property
    def last_day(self):
        """Return the meeting's last day: its end date, or its only day."""
        return self.end_date or self.date

    @property
    def has_sessions(self):
        """Tell whether the meeting is divided into sessions (days, rooms)."""
        return self.session_count > 0

    @property
    def is_registration_open(self):
        """Return False once the registration deadline has passed."""

        return self.registration_deadline is None or timezone.now() < self.registration_deadline

    @property
    def is_published(self):
        return self.status in {MeetingStatus.PUBLISHED, MeetingStatus.CLOSED}


class MeetingSession(VersionedModel):
    """A sitting of a meeting: a day's morning or afternoon, or a working group in a room.

    A meeting without sessions is one sitting made of the meeting's own date, start time,
    planned end, venue and chair (``agenda.sessions.sittings``); once the secretariat adds
    a session, each part belongs to one.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), help_text=_("In the meeting's time zone."))
    end_time = models.TimeField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_("In the meeting's time zone. The editor warns when the session runs past it."),
    )
    room = models.CharField(
        _("room"),
        max_length=200,
        blank=True,
        help_text=_("Sessions in the same room may not overlap; other rooms run in parallel."),
    )
    chair = models.ForeignKey(
        "speakers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_sessions",
        verbose_name=_("chair"),
        help_text=_("Leave empty when the meeting's chair presides."),
    )
    connection_link = models.URLField(
        _("connection link"),
        blank=True,
        help_text=_("Leave empty to use the meeting's. Shown only to registered participants."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["meeting", "date", "start_time", "room", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_implicit(self):
        """Tell whether this is the meeting itself standing as its only session (unsaved)."""
        return self.pk is None

    @property
    def starts_at(self):
        """Return the aware start of the session in the meeting's time zone."""
        tz = self.meeting.tzinfo
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=tz)

    @property
    def ends_at(self):
        """Return the aware planned end of the session, or None when none is set."""
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.meeting.tzinfo)


class ExpectedOutcome(VersionedModel):
    """One of the outcomes a meeting is expected to produce, in the note's order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="expected_outcomes")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expected outcome")
        verbose_name_plural = _("expected outcomes")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Segment(VersionedModel):
    """A part of a meeting: opening, high-level remarks, a panel, a dialogue, a break."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="segments")
    session = models.ForeignKey(
        MeetingSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="segments",
        verbose_name=_("session"),
        help_text=_("Empty in a meeting without sessions."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=SegmentKind.choices)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "speakers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_segments",
        verbose_name=_("led by"),
        help_text=_("The chair or moderator who leads this part."),
    )
    lead_role = models.CharField(
        _("leads as"), max_length=10, choices=LeadRole.choices, default=LeadRole.CHAIR
    )
    allotted_minutes = models.PositiveSmallIntegerField(
        _("allotted minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty when the part lasts as long as its speaker slots."),
    )
    accepts_floor_requests = models.BooleanField(
        _("accepts requests for the floor"),
        default=False,
        help_text=_("Delegations may ask to speak in this part (e.g. the dialogue)."),
    )
    floor_minutes = models.PositiveSmallIntegerField(
        _("minutes per intervention"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Default time limit of a delegation's intervention in this part."),
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer minutes"),
        default=0,
        help_text=_("Time kept free at the end of the part (changeovers, applause)."),
    )
    # The scenario: what the part's lead says, per language; empty means the portal's words.
    opening_words = models.TextField(
        _("words to open the part"),
        blank=True,
        help_text=_("Leave empty for the standard words, made from the part and its lead."),
    )
    late_note = models.TextField(
        _("if running late"),
        blank=True,
        help_text=_("What can be shortened in this part when the meeting runs late."),
    )
    # What really happened in the room when the console timed the part itself (a part
    # without speaker slots: a dialogue, an opening), recorded by the live console.
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("seconds paused"), default=0)
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    unversioned_fields = ("actual_start", "actual_end", "paused_seconds", "skipped_at")
    history = HistoricalRecords(
        excluded_fields=["actual_start", "actual_end", "paused_seconds", "skipped_at"]
    )

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title


class GuidingQuestion(VersionedModel):
    """A question put to the speakers of a segment (all of them, or named slots only)."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="guiding_questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ["segment", "order", "pk"]

    def __str__(self):
        return self.text[:80]
