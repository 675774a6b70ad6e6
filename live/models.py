"""The room's speaking clock: its state per sitting, its log, and the room displays.

A sitting is a session of the meeting, or the meeting itself when it has none
(``agenda.sessions``): each has its own clock, so parallel rooms run side by side.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClockState(models.TextChoices):
    IDLE = "idle", _("Not started")
    READY = "ready", _("Ready")
    SPEAKING = "speaking", _("Speaking")
    QUESTIONS = "questions", _("Questions and answers")
    ENDED = "ended", _("Ended")
    FINISHED = "finished", _("All speakers heard")


class ClockAction(models.TextChoices):
    START = "start", _("Start")
    PAUSE = "pause", _("Pause")
    RESUME = "resume", _("Resume")
    QUESTIONS = "questions", _("Questions")
    END = "end", _("End slot")
    SKIP = "skip", _("Skip")
    NEXT = "next", _("Next")
    GO_TO = "go_to", _("Go to")


class RoomClock(models.Model):
    """The speaking clock of one sitting: which slot holds the floor and for how long.

    ``session`` is empty for the clock of a meeting without sessions (its one sitting).

    The phase's elapsed time is ``elapsed_before_run`` plus, while the clock runs, the
    time since ``run_started_at``; the server's clock is the only clock that counts.
    ``revision`` grows with every control press, so consoles and displays see a change.
    """

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="room_clocks"
    )
    session = models.ForeignKey(
        "agenda.MeetingSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="room_clocks",
        verbose_name=_("session"),
    )
    slot = models.ForeignKey(
        "speakers.SpeakerSlot",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current slot"),
    )
    # A part without speaker slots that the console times as a whole (a dialogue, an
    # opening); at most one of ``slot`` and ``segment`` is set.
    segment = models.ForeignKey(
        "agenda.Segment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current part"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ClockState.choices, default=ClockState.IDLE
    )
    is_running = models.BooleanField(_("running"), default=False)
    run_started_at = models.DateTimeField(_("run started at"), null=True, blank=True)
    elapsed_before_run = models.FloatField(_("seconds of the phase before this run"), default=0)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("room clock")
        verbose_name_plural = _("room clocks")
        constraints = [
            # One clock per sitting; a meeting without sessions (session empty) has one.
            models.UniqueConstraint(
                fields=["meeting", "session"],
                condition=models.Q(session__isnull=False),
                name="live_one_clock_per_sitting",
            ),
            # Written as two partial indexes (not ``nulls_distinct``) so SQLite keeps it too.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(session__isnull=True),
                name="live_one_clock_per_meeting",
            ),
        ]

    def __str__(self):
        if self.session_id is not None:
            return f"{self.meeting} · {self.session}: {self.get_state_display()}"
        return f"{self.meeting}: {self.get_state_display()}"


class ClockEvent(models.Model):
    """One press of a console control, kept as the log of the session."""

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="clock_events"
    )
    # The sitting whose console was pressed (empty: the meeting without sessions).
    session = models.ForeignKey(
        "agenda.MeetingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clock_events",
        verbose_name=_("session"),
    )
    slot = models.ForeignKey(
        "speakers.SpeakerSlot",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clock_events",
    )
    segment = models.ForeignKey(
        "agenda.Segment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clock_events",
    )
    action = models.CharField(_("control"), max_length=10, choices=ClockAction.choices)
    at = models.DateTimeField(_("at"))
    phase_seconds = models.PositiveIntegerField(_("seconds into the phase"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pressed by"),
    )

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        ordering = ["meeting", "at", "pk"]

    def __str__(self):
        return f"{self.at:%H:%M:%S} {self.get_action_display()}"


def display_token():
    return secrets.token_urlsafe(24)


class RoomDisplay(models.Model):
    """A read-only room display (projector, speaker's monitor) reached by a secret link."""

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="room_displays"
    )
    # The session whose clock the display shows; empty: the meeting's own clock, or for a
    # meeting with sessions, the screen asks which session to show.
    session = models.ForeignKey(
        "agenda.MeetingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_displays",
        verbose_name=_("session"),
        help_text=_("The session whose clock it shows. Leave empty to choose on the screen."),
    )
    label = models.CharField(
        _("name"), max_length=100, help_text=_('Where it is shown, e.g. "Projector, Room A".')
    )
    token = models.CharField(max_length=64, unique=True, default=display_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("room display")
        verbose_name_plural = _("room displays")
        ordering = ["meeting", "-created_at"]

    def __str__(self):
        return self.label

    @property
    def is_revoked(self):
        return self.revoked_at is not None
