"""Reads of reminder rules and the outbox, each page in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cidi_meeting.mail import MailKind
from reminders.content import ReminderObsolete, ReminderRenderer
from reminders.models import OutboxMessage, OutboxStatus, ReminderAnchor, ReminderRule
from reminders.recipients import (
    MeetingAudiences,
    meeting_anchor_time,
    rule_candidates,
    rule_unreachable,
)

OUTBOX_PAGE_SIZE = 50
MINUTES_PER_UNIT = {"minutes": 1, "hours": 60, "days": 24 * 60}
BEFORE, AFTER = "before", "after"
UNIT_LABELS = {
    "minutes": lambda count: ngettext("%(count)s minute", "%(count)s minutes", count),
    "hours": lambda count: ngettext("%(count)s hour", "%(count)s hours", count),
    "days": lambda count: ngettext("%(count)s day", "%(count)s days", count),
}


def offset_parts(offset_minutes):
    """Return ``(amount, unit, direction)`` that spell an offset the simplest way."""
    minutes = abs(offset_minutes)
    direction = BEFORE if offset_minutes < 0 else AFTER
    for unit in ("days", "hours"):
        if minutes and minutes % MINUTES_PER_UNIT[unit] == 0:
            return minutes // MINUTES_PER_UNIT[unit], unit, direction
    return minutes, "minutes", direction


def rule_when_label(rule):
    """Return when a rule sends, e.g. "1 day before: Start of each speaker's slot"."""
    amount, unit, direction = offset_parts(rule.offset_minutes)
    anchor = rule.get_anchor_display()
    if not amount:
        return _("At: %(anchor)s") % {"anchor": anchor}
    span = UNIT_LABELS[unit](amount) % {"count": amount}
    if direction == BEFORE:
        return _("%(span)s before: %(anchor)s") % {"span": span, "anchor": anchor}
    return _("%(span)s after: %(anchor)s") % {"span": span, "anchor": anchor}


# Where a person's record is edited: the secretariat's directory when it is installed,
# else the administration site; the first name that resolves is used.
PERSON_EDIT_URL_NAMES = ["directory:person_edit", "admin:speakers_person_change"]


def person_edit_url(person_id):
    """Return the address of the page that edits a person's record, or "" if none."""
    if person_id is None:
        return ""
    for name in PERSON_EDIT_URL_NAMES:
        try:
            return reverse(name, args=[person_id])
        except NoReverseMatch:
            continue
    return ""


@dataclass(frozen=True)
class UnreachableRow:
    """Someone a rule is meant for who gets nothing for lack of an address."""

    name: str
    edit_url: str
    rule_names: tuple = ()


class NextSend:
    """What a rule sends next: a time, nothing more for now, or nothing (its time passed)."""

    AT = "at"
    NOTHING_MORE = "nothing_more"
    PASSED = "passed"
    INACTIVE = "inactive"
    # The meeting has no time for the rule's anchor (a deadline left empty).
    NO_DATE = "no_date"


@dataclass
class RuleRow:
    rule: ReminderRule
    when: str
    # The meeting has no time for the rule's anchor yet (a deadline left empty).
    is_anchor_missing: bool
    next_state: str = NextSend.NOTHING_MORE
    # When the next reminder is due (in the past: the next sweep sends it).
    next_at: datetime.datetime | None = None
    unreachable: list = field(default_factory=list)


def _due_times(rule, audiences):
    """Return every time the rule is due, for anyone, whether it has recipients or not."""
    offset = datetime.timedelta(minutes=rule.offset_minutes)
    if rule.anchor == ReminderAnchor.SLOT_START:
        return [slot_timing.planned_start + offset for slot_timing in audiences.slot_timings()]
    anchor_at = meeting_anchor_time(audiences.meeting, rule.anchor)
    return [anchor_at + offset] if anchor_at else []


def rule_next_send(*, rule, audiences, rows, now):
    """Return ``(state, due time)`` of what ``rule`` sends next (see ``NextSend``).

    ``rows`` maps the dedupe keys of the outbox's reminders to ``(status, due_at)``. A
    reminder is still to send when it is waiting in the outbox, or not written yet and
    neither too late nor due before the rule began to send.
    """
    if not rule.is_active:
        return NextSend.INACTIVE, None
    if rule.anchor != ReminderAnchor.SLOT_START and (
        meeting_anchor_time(audiences.meeting, rule.anchor) is None
    ):
        return NextSend.NO_DATE, None
    upcoming = []
    for candidate in rule_candidates(rule=rule, audiences=audiences):
        status, due_at = rows.get(candidate.dedupe_key, (None, None))
        if status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            upcoming.append(due_at)
        elif status is None and not (candidate.is_too_late(now) or candidate.is_before_rule()):
            upcoming.append(candidate.due_at)
    if upcoming:
        return NextSend.AT, min(upcoming)
    starts = max(now, rule.sends_from) if rule.sends_from else now
    if any(due_at >= starts for due_at in _due_times(rule, audiences)):
        return NextSend.NOTHING_MORE, None
    return NextSend.PASSED, None


def _reminder_rows(meeting):
    return {
        key: (status, due_at)
        for key, status, due_at in OutboxMessage.objects.filter(
            meeting=meeting, kind=MailKind.REMINDER
        ).values_list("dedupe_key", "status", "due_at")
    }


def reminder_rule_rows(*, meeting, now=None):
    """Return the meeting's rules, each with its timing, next send, misses and counts.

    Each row says when the rule sends, what it sends next (``rule_next_send``), whom it
    misses for lack of an address, and its messages counted by status. ``now`` replaces
    the clock (tests). Reads a fixed number of queries, whatever the
    number of rules, recipients and messages.
    """
    now = now or timezone.now()
    rules = list(
        ReminderRule.objects.filter(meeting=meeting)
        .annotate(
            sent_count=Count("messages", filter=Q(messages__status=OutboxStatus.SENT)),
            waiting_count=Count(
                "messages",
                filter=Q(messages__status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]),
            ),
            failed_count=Count("messages", filter=Q(messages__status=OutboxStatus.FAILED)),
        )
        .order_by("-is_active", "anchor", "offset_minutes", "pk")
    )
    if not rules:
        return []
    audiences = MeetingAudiences(meeting)
    outbox_rows = _reminder_rows(meeting)
    result = []
    for rule in rules:
        state, next_at = rule_next_send(rule=rule, audiences=audiences, rows=outbox_rows, now=now)
        unreachable = (
            [
                UnreachableRow(name=person.name, edit_url=person_edit_url(person.person_id))
                for person in rule_unreachable(rule=rule, audiences=audiences)
            ]
            if rule.is_active
            else []
        )
        result.append(
            RuleRow(
                rule=rule,
                when=rule_when_label(rule),
                is_anchor_missing=state == NextSend.NO_DATE,
                next_state=state,
                next_at=next_at,
                unreachable=unreachable,
            )
        )
    return result


def outbox_unreachable(*, meeting):
    """Return the people the meeting's active rules miss for lack of an address.

    Each comes once, with the names of the rules that miss them; in a fixed number of
    queries.
    """
    rules = list(
        ReminderRule.objects.filter(meeting=meeting, is_active=True).order_by(
            "anchor", "offset_minutes", "pk"
        )
    )
    audiences = MeetingAudiences(meeting)
    found = {}
    for rule in rules:
        for person in rule_unreachable(rule=rule, audiences=audiences):
            key = person.person_id if person.person_id is not None else person.name
            names = found.setdefault(key, (person, []))[1]
            if rule.display_name not in names:
                names.append(rule.display_name)
    return [
        UnreachableRow(
            name=person.name,
            edit_url=person_edit_url(person.person_id),
            rule_names=tuple(names),
        )
        for person, names in found.values()
    ]


def outbox_counts(*, meeting):
    """Return ``({status: count}, {kind: count})`` of the meeting's outbox, each key present."""
    by_status = dict.fromkeys(OutboxStatus.values, 0)
    by_kind = dict.fromkeys(MailKind.values, 0)
    rows = (
        OutboxMessage.objects.filter(meeting=meeting)
        .values_list("status", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for status, kind, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        by_kind[kind] = by_kind.get(kind, 0) + count
    return by_status, by_kind


def outbox_page(*, meeting, status=None, kind=None, page=None):
    """Return one page of the meeting's outbox, latest first, filtered by status and kind."""
    messages = (
        OutboxMessage.objects.filter(meeting=meeting)
        .select_related("rule")
        .defer("payload", "body")
    )
    if status:
        messages = messages.filter(status=status)
    if kind:
        messages = messages.filter(kind=kind)
    paginator = Paginator(messages.order_by("-due_at", "-pk"), OUTBOX_PAGE_SIZE)
    return paginator.get_page(page)


@dataclass(frozen=True)
class MessagePreview:
    """The subject and text of an outbox message, and whether they are exactly as sent."""

    subject: str
    body: str
    is_as_sent: bool
    # Why a reminder cannot be shown (it no longer matches the agenda), or "".
    problem: str = ""


def outbox_message_get(*, meeting, pk):
    """Return the meeting's outbox message ``pk`` with its rule, or None."""
    return (
        OutboxMessage.objects.select_related("rule", "meeting")
        .filter(meeting=meeting, pk=pk)
        .first()
    )


def outbox_message_preview(*, message):
    """Return what the message says: as sent (or queued), or a reminder rendered now.

    A reminder is rendered when it is sent, from the agenda as it is then; until then the
    preview renders it from the agenda as it is now.
    """
    if message.body or not message.is_reminder:
        return MessagePreview(subject=message.subject, body=message.body, is_as_sent=True)
    try:
        email = ReminderRenderer().build(message)
    except ReminderObsolete as obsolete:
        return MessagePreview(
            subject=message.subject, body="", is_as_sent=False, problem=str(obsolete)
        )
    return MessagePreview(subject=email.subject, body=email.body, is_as_sent=False)
