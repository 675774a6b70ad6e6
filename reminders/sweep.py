"""The sweep: turn due reminders into outbox rows, claim them and have them sent once.

1. ``reminders_materialize`` writes one ``OutboxMessage`` per due (rule, recipient,
   anchor), keyed by ``dedupe_key``: inserting an existing key does nothing, so sweeps
   may run again or side by side. A pending row whose anchor moved is updated in place;
   a sent one is left alone and the moved anchor makes one new row. A reminder that was
   due before its rule began to send (``ReminderRule.sends_from``: created, activated
   again) is never written.
2. ``outbox_claim`` locks due pending rows (``SKIP LOCKED``: concurrent sweeps take
   different rows), and rows left sending too long, and marks them sending.
3. After the claim commits, ``delivery.outbox_queue`` queues one send task per batch of
   rows of one meeting (``delivery.outbox_batches``); if the broker cannot be reached,
   the rows go back to pending for the next sweep.
4. ``delivery.outbox_batch_send`` (the task, or in-process) sends each row of a batch
   once, over one connection to the mail server and one read of the meeting.
"""

import datetime
import itertools
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.enums import MeetingStatus
from cidi_meeting.mail import MailKind
from reminders.content import reminder_subject
from reminders.delivery import outbox_batches, outbox_queue, outbox_send_in_process
from reminders.models import OutboxMessage, OutboxStatus, ReminderRule
from reminders.recipients import (
    LATE_GRACE,
    MeetingAudiences,
    anchor_key_parse,
    rule_candidates,
)

logger = logging.getLogger(__name__)

# A row still sending this long after its last attempt is claimed again: its worker died.
# Longer than the send task's longest back-off (10 minutes), which refreshes claimed_at.
STALE_SENDING_AFTER = datetime.timedelta(minutes=15)
# Meetings whose date is further back than this have no reminders left to send.
MEETING_HORIZON = datetime.timedelta(days=31)
CLAIM_LIMIT = 2000


@dataclass
class SweepResult:
    """What one sweep did, for the logs and ``send_due_reminders``.

    ``created`` counts the rows this sweep wrote or revived; two sweeps running at once
    may both count a row that only one of them actually inserted.
    """

    created: int = 0
    moved: int = 0
    cancelled: int = 0
    claimed: int = 0
    reclaimed: int = 0
    sent: Counter = field(default_factory=Counter)

    def as_dict(self):
        return {
            "created": self.created,
            "moved": self.moved,
            "cancelled": self.cancelled,
            "claimed": self.claimed,
            "reclaimed": self.reclaimed,
            **{f"send_{outcome}": count for outcome, count in sorted(self.sent.items())},
        }


def _rules_in_scope(*, now, meeting=None):
    rules = ReminderRule.objects.filter(
        is_active=True,
        meeting__status=MeetingStatus.PUBLISHED,
        meeting__date__gte=(now - MEETING_HORIZON).date(),
    ).select_related("meeting")
    if meeting is not None:
        rules = rules.filter(meeting=meeting)
    return list(rules.order_by("meeting_id", "pk"))


def _cancel(queryset, reason):
    return queryset.update(status=OutboxStatus.CANCELLED, last_error=reason, claimed_at=None)


def _outbox_row(candidate):
    rule = candidate.rule
    return OutboxMessage(
        meeting_id=rule.meeting_id,
        rule=rule,
        dedupe_key=candidate.dedupe_key,
        anchor_key=candidate.anchor_key,
        anchor_at=candidate.anchor_at,
        due_at=candidate.due_at,
        recipient_email=candidate.email,
        recipient_name=candidate.name[:200],
        language=candidate.language,
        subject=reminder_subject(
            meeting=rule.meeting,
            anchor=anchor_key_parse(candidate.anchor_key).anchor,
            anchor_at=candidate.anchor_at,
            language=candidate.language,
        ),
    )


def _move(pk, candidate, now):
    """Point a pending row at its anchor's new time; return True if this sweep moved it."""
    with transaction.atomic():
        row = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboxStatus.PENDING)
            .first()
        )
        if row is None:
            return False
        if candidate.is_too_late(now) or candidate.is_before_rule():
            row.status = OutboxStatus.CANCELLED
            row.last_error = _("Its time moved into the past before it could be sent.")
            row.save(update_fields=["status", "last_error"])
            return False
        row.anchor_at = candidate.anchor_at
        row.due_at = candidate.due_at
        row.dedupe_key = candidate.dedupe_key
        row.subject = _outbox_row(candidate).subject
        try:
            with transaction.atomic():
                row.save(update_fields=["anchor_at", "due_at", "dedupe_key", "subject"])
        except IntegrityError:
            # A concurrent sweep already wrote the reminder at its new time.
            _cancel(OutboxMessage.objects.filter(pk=pk), _("Replaced by an updated reminder."))
            return False
    return True


def reminders_materialize(*, now, meeting=None):
    """Write an outbox row for every due reminder of the active rules; return the counts.

    ``meeting`` limits the sweep to one meeting. Side effects: inserts rows (ON CONFLICT
    DO NOTHING on ``dedupe_key``); updates pending rows whose anchor moved, or cancels
    them when the new time has passed; makes a cancelled row pending again when its
    reminder applies again; cancels pending rows that no longer apply (the speaker
    confirmed, the delegation registered, the rule was deactivated). Reads a fixed
    number of queries per meeting, whatever the number of recipients.
    """
    result = SweepResult()
    rules = _rules_in_scope(now=now, meeting=meeting)
    candidates = []
    for _meeting_id, group in itertools.groupby(rules, key=lambda rule: rule.meeting_id):
        meeting_rules = list(group)
        audiences = MeetingAudiences(meeting_rules[0].meeting)
        for rule in meeting_rules:
            candidates.extend(rule_candidates(rule=rule, audiences=audiences))

    existing = list(
        OutboxMessage.objects.filter(rule__in=rules).values_list(
            "pk", "rule_id", "recipient_email", "anchor_key", "status", "dedupe_key", named=True
        )
    )
    by_key = {row.dedupe_key: row for row in existing}
    pending_by_triple = {
        (row.rule_id, row.recipient_email.lower(), row.anchor_key): row.pk
        for row in existing
        if row.status == OutboxStatus.PENDING
    }
    wanted, to_create, to_revive = set(), [], []
    for candidate in candidates:
        wanted.add(candidate.triple)
        row = by_key.get(candidate.dedupe_key)
        if row is not None:
            # A cancelled reminder that applies again (e.g. the rule is active again).
            if row.status == OutboxStatus.CANCELLED and candidate.is_sendable(now):
                to_revive.append(row.pk)
            continue
        pending_pk = pending_by_triple.get(candidate.triple)
        if pending_pk is not None:
            result.moved += _move(pending_pk, candidate, now)
        elif candidate.is_sendable(now):
            # Never one that was due before its rule began to send (``sends_from``).
            to_create.append(_outbox_row(candidate))

    OutboxMessage.objects.bulk_create(to_create, ignore_conflicts=True, batch_size=500)
    result.created = len(to_create)
    if to_revive:
        result.created += OutboxMessage.objects.filter(
            pk__in=to_revive, status=OutboxStatus.CANCELLED
        ).update(status=OutboxStatus.PENDING, last_error="")
    obsolete = [pk for triple, pk in pending_by_triple.items() if triple not in wanted]
    result.cancelled += _cancel(
        OutboxMessage.objects.filter(pk__in=obsolete, status=OutboxStatus.PENDING),
        _("No longer applies: the recipient or the rule changed."),
    )
    unpublished = ~Q(meeting__status=MeetingStatus.PUBLISHED)
    # Only reminders: the meeting's other emails have no rule and go out unpublished too.
    out_of_scope = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING, kind=MailKind.REMINDER
    ).filter(Q(rule__isnull=True) | Q(rule__is_active=False) | unpublished)
    if meeting is not None:
        out_of_scope = out_of_scope.filter(meeting=meeting)
    result.cancelled += _cancel(
        out_of_scope, _("No longer applies: the rule is inactive or the meeting unpublished.")
    )
    return result


def outbox_cancel_too_late(*, now, meeting=None):
    """Cancel pending rows never tried whose time to be useful has passed; return how many.

    A reminder before its anchor is useless once the anchor has passed (the broker may
    have been down for a long time); rows the secretariat sends again are left alone.
    """
    late = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING, attempts=0, kind=MailKind.REMINDER
    ).filter(
        Q(due_at__lt=F("anchor_at"), anchor_at__lte=now)
        | Q(due_at__gte=F("anchor_at"), due_at__lte=now - LATE_GRACE)
    )
    if meeting is not None:
        late = late.filter(meeting=meeting)
    return _cancel(late, _("Not sent: its time had passed before it could be sent."))


def outbox_claim(*, now, meeting=None, limit=CLAIM_LIMIT, queue=True):
    """Claim the due pending rows and the stale sending ones; return ``(ids, reclaimed)``.

    Every kind of email: a meeting's other emails wait here too when the broker was down
    or the mail server refused them for a while.

    Side effects: locks the rows with ``SELECT … FOR UPDATE SKIP LOCKED`` (rows another
    sweep or a sending worker holds are skipped), marks them sending with ``claimed_at``;
    with ``queue``, queues one send task per batch of rows of one meeting once the
    transaction commits.
    """
    claimable = Q(status=OutboxStatus.PENDING, due_at__lte=now) | Q(
        status=OutboxStatus.SENDING, claimed_at__lt=now - STALE_SENDING_AFTER
    )
    with transaction.atomic():
        rows = OutboxMessage.objects.select_for_update(skip_locked=True).filter(claimable)
        if meeting is not None:
            rows = rows.filter(meeting=meeting)
        claimed = list(
            rows.order_by("due_at", "pk").values_list("pk", "status", "meeting_id")[:limit]
        )
        ids = [pk for pk, _status, _meeting_id in claimed]
        if ids:
            OutboxMessage.objects.filter(pk__in=ids).update(
                status=OutboxStatus.SENDING, claimed_at=now
            )
            if queue:
                batches = outbox_batches((pk, meeting_id) for pk, _status, meeting_id in claimed)
                outbox_queue(batches=batches)
    reclaimed = sum(status == OutboxStatus.SENDING for _pk, status, _meeting_id in claimed)
    if reclaimed:
        logger.warning("Claimed again %s reminders left sending by a lost worker", reclaimed)
    return ids, reclaimed


def reminders_sweep(*, now=None, meeting=None, in_process=False):
    """Materialize due reminders, claim the due rows and send them; return what it did.

    ``now`` replaces the clock (tests, dry runs). ``in_process`` sends here instead of
    queuing tasks (``send_due_reminders``, the benchmark). Side effects: those of
    ``reminders_materialize``, ``outbox_cancel_too_late``, ``outbox_claim`` and the sends.
    """
    now = now or timezone.now()
    result = reminders_materialize(now=now, meeting=meeting)
    result.cancelled += outbox_cancel_too_late(now=now, meeting=meeting)
    ids, result.reclaimed = outbox_claim(now=now, meeting=meeting, queue=not in_process)
    result.claimed = len(ids)
    if in_process:
        result.sent = outbox_send_in_process(message_ids=ids)
    return result
