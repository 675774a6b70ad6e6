"""Reminder rules, and the outbox of a meeting's emails (reminders and others), sent once."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from cidi_meeting.mail import MailKind


class ReminderAnchor(models.TextChoices):
    MEETING_START = "meeting_start", _("Start of the meeting")
    SLOT_START = "slot_start", _("Start of each speaker's slot")
    REGISTRATION_DEADLINE = "registration_deadline", _("Registration deadline")
    PRACTICE_DEADLINE = "practice_deadline", _("Good-practice deadline")
    SPEAKER_CONFIRMATION_DEADLINE = (
        "speaker_confirmation_deadline",
        _("Speaker-confirmation deadline"),
    )


class ReminderAudience(models.TextChoices):
    SPEAKERS_CONFIRMED = "speakers_confirmed", _("Speakers who confirmed")
    SPEAKERS_UNCONFIRMED = "speakers_unconfirmed", _("Speakers who have not confirmed")
    FOCAL_POINTS_UNREGISTERED = (
        "focal_points_unregistered",
        _("Focal points of delegations not yet registered"),
    )
    FOCAL_POINTS_UNACCREDITED = (
        "focal_points_unaccredited",
        _("Focal points of delegations not yet accredited"),
    )
    FOCAL_POINTS_ALL = "focal_points_all", _("All focal points")
    MODERATOR = "moderator", _("The moderator")
    CHAIR = "chair", _("The chair")
    DELEGATES_REGISTERED = "delegates_registered", _("Registered delegates")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ReminderRule(models.Model):
    """What to send, to whom, and when: an offset before or after an anchor time."""

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="reminder_rules"
    )
    name = models.CharField(_("name"), max_length=200)
    anchor = models.CharField(_("anchor"), max_length=30, choices=ReminderAnchor.choices)
    offset_minutes = models.IntegerField(
        _("offset in minutes"),
        help_text=_("Negative before the anchor, positive after (e.g. -1440 = one day before)."),
    )
    audience = models.CharField(_("recipients"), max_length=30, choices=ReminderAudience.choices)
    message = models.TextField(_("additional message"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sends_from = models.DateTimeField(
        _("sends reminders due from"),
        null=True,
        blank=True,
        help_text=_(
            "When the rule was created, activated again or given another time or other "
            "recipients: a reminder due before then is never sent. Empty: no limit."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["meeting", "anchor", "offset_minutes"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The rule's name in the active language.

        The default rules are stored under their English names, which the catalogue
        translates (``reminder_rules_default``); a name the secretariat typed has no
        translation and reads as typed.
        """
        return gettext(self.name) if self.name else ""


class OutboxMessage(models.Model):
    """One email of a meeting to one recipient, sent at most once.

    A reminder is one due (rule, recipient, anchor time), rendered when it is sent. Any
    other email of the meeting (an invitation, a registration notice) arrives rendered
    through ``cidi_meeting.mail`` and keeps what was queued in ``payload``.
    """

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="outbox_messages"
    )
    rule = models.ForeignKey(
        ReminderRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("rule"),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=MailKind.choices, default=MailKind.REMINDER
    )
    dedupe_key = models.CharField(_("unique key"), max_length=300, unique=True)
    anchor_key = models.CharField(
        _("anchor"),
        max_length=100,
        blank=True,
        help_text=_("What a reminder's time belongs to, e.g. slot:12."),
    )
    anchor_at = models.DateTimeField(_("anchor time"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"))
    recipient_email = models.EmailField(_("recipient"))
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("The plain text of the email, as it was sent.")
    )
    payload = models.JSONField(
        _("email as queued"),
        null=True,
        blank=True,
        help_text=_("Subject, text, headers and alternatives of an email other than a reminder."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-due_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.recipient_email}: {self.subject}"

    @property
    def is_reminder(self):
        return self.kind == MailKind.REMINDER
