"""Writes of reminder rules, and the secretariat's "Send again" (the sweep is in sweep.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reminders.delivery import outbox_queue
from reminders.models import (
    OutboxMessage,
    OutboxStatus,
    ReminderAnchor,
    ReminderAudience,
    ReminderRule,
)
from reminders.recipients import SPEAKER_AUDIENCES

HOUR = 60
DAY = 24 * HOUR

# (name, anchor, offset in minutes, audience) of the rules every meeting starts with.
DEFAULT_RULES = [
    (
        _("Speakers: one day before their slot"),
        ReminderAnchor.SLOT_START,
        -DAY,
        ReminderAudience.SPEAKERS_CONFIRMED,
    ),
    (
        _("Speakers: one hour before their slot"),
        ReminderAnchor.SLOT_START,
        -HOUR,
        ReminderAudience.SPEAKERS_CONFIRMED,
    ),
    (
        _("Speakers who have not confirmed: two days before the confirmation deadline"),
        ReminderAnchor.SPEAKER_CONFIRMATION_DEADLINE,
        -2 * DAY,
        ReminderAudience.SPEAKERS_UNCONFIRMED,
    ),
    (
        _("Focal points not registered yet: three days before the registration deadline"),
        ReminderAnchor.REGISTRATION_DEADLINE,
        -3 * DAY,
        ReminderAudience.FOCAL_POINTS_UNREGISTERED,
    ),
    (
        _("Focal points: three days before the good-practice deadline"),
        ReminderAnchor.PRACTICE_DEADLINE,
        -3 * DAY,
        ReminderAudience.FOCAL_POINTS_ALL,
    ),
    (
        _("Moderator: one day before the meeting"),
        ReminderAnchor.MEETING_START,
        -DAY,
        ReminderAudience.MODERATOR,
    ),
]


def reminder_rule_check(*, anchor, audience):
    """Raise ValidationError for a combination that reaches nobody."""
    if anchor == ReminderAnchor.SLOT_START and audience not in SPEAKER_AUDIENCES:
        raise ValidationError(
            _("Only speakers can be reminded of the start of their slot; choose speakers."),
            code="slot_anchor_needs_speakers",
        )


def _cancel_pending(rule):
    return rule.messages.filter(status=OutboxStatus.PENDING).update(
        status=OutboxStatus.CANCELLED,
        last_error=gettext("Not sent: the rule was deactivated."),
        claimed_at=None,
    )


@transaction.atomic
def reminder_rule_create(
    *, meeting, name, anchor, offset_minutes, audience, message="", is_active=True, now=None
):
    """Create a reminder rule for ``meeting``.

    ``now`` replaces the clock (tests). Raises ValidationError for an anchor its audience
    cannot have. Side effects: saves the rule, sending from ``now``: a reminder that was
    already due is never sent; the next sweep sends those that come due.
    """
    reminder_rule_check(anchor=anchor, audience=audience)
    return ReminderRule.objects.create(
        meeting=meeting,
        name=name,
        anchor=anchor,
        offset_minutes=offset_minutes,
        audience=audience,
        message=message,
        is_active=is_active,
        sends_from=now or timezone.now(),
    )


def _cancel_already_due(rule, now):
    return rule.messages.filter(status=OutboxStatus.PENDING, due_at__lt=now).update(
        status=OutboxStatus.CANCELLED,
        last_error=gettext("Not sent: it was already due when the rule changed."),
        claimed_at=None,
    )


@transaction.atomic
def reminder_rule_update(
    *, rule, name, anchor, offset_minutes, audience, message, is_active, now=None
):
    """Change a rule.

    ``now`` replaces the clock (tests). Raises ValidationError for an anchor its audience
    cannot have. Side effects: saves the rule; when it is activated again or given another
    anchor, offset or audience, it sends from ``now`` on, as a new rule would (a reminder
    already due is never sent, and its pending messages already due are cancelled); gives
    its pending messages the new due time; cancels them when the rule is deactivated.
    Reminders already sent are not sent again for the same anchor time.
    """
    reminder_rule_check(anchor=anchor, audience=audience)
    now = now or timezone.now()
    starts_again = is_active and (
        not rule.is_active
        or (rule.anchor, rule.offset_minutes, rule.audience) != (anchor, offset_minutes, audience)
    )
    rule.name, rule.anchor, rule.audience = name, anchor, audience
    rule.offset_minutes, rule.message, rule.is_active = offset_minutes, message, is_active
    if starts_again:
        rule.sends_from = now
    rule.save()
    if not is_active:
        _cancel_pending(rule)
    else:
        rule.messages.filter(status=OutboxStatus.PENDING).update(
            due_at=F("anchor_at") + datetime.timedelta(minutes=offset_minutes)
        )
        if starts_again:
            _cancel_already_due(rule, now)
    return rule


@transaction.atomic
def reminder_rule_deactivate(*, rule):
    """Stop a rule. Side effects: saves it inactive; cancels its pending messages."""
    rule.is_active = False
    rule.save(update_fields=["is_active"])
    _cancel_pending(rule)
    return rule


@transaction.atomic
def reminder_rules_default(*, meeting, now=None):
    """Give ``meeting`` the default reminder rules it does not have yet; return them all.

    Idempotent: a rule with the same anchor, offset and audience counts as present, even
    renamed or inactive. ``now`` replaces the clock (tests). Side effects: creates the
    missing rules (active, sending from ``now``).
    """
    now = now or timezone.now()
    rules = []
    for name, anchor, offset_minutes, audience in DEFAULT_RULES:
        timing = {"anchor": anchor, "offset_minutes": offset_minutes, "audience": audience}
        rule = meeting.reminder_rules.filter(**timing).order_by("pk").first()
        if rule is None:
            # Stored under its English name, which every page translates (display_name).
            with translation.override("en"):
                english = str(name)
            rule = ReminderRule.objects.create(
                meeting=meeting, name=english, sends_from=now, **timing
            )
        rules.append(rule)
    return rules


def outbox_message_send_again(*, message, now=None):
    """Claim a failed message again and queue its send task once the transaction commits.

    Raises ValidationError unless the message is failed. Side effects: marks it sending
    with ``claimed_at``; queues the send task on commit (when the broker cannot be
    reached the message waits, pending, for the next sweep).
    """
    with transaction.atomic():
        row = OutboxMessage.objects.select_for_update().filter(pk=message.pk).first()
        if row is None or row.status != OutboxStatus.FAILED:
            raise ValidationError(
                _("Only a failed message can be sent again; this one is not failed any more."),
                code="not_failed",
            )
        row.status = OutboxStatus.SENDING
        row.claimed_at = now or timezone.now()
        row.save(update_fields=["status", "claimed_at"])
        outbox_queue(batches=[[row.pk]])
    return row
