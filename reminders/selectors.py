"""Reads of reminder rules and the outbox, each page in a fixed number of queries."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reminders.models import OutboxMessage, OutboxStatus, ReminderAnchor, ReminderRule
from reminders.recipients import meeting_anchor_time

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


@dataclass
class RuleRow:
    rule: ReminderRule
    when: str
    # The meeting has no time for the rule's anchor yet (a deadline left empty).
    is_anchor_missing: bool


def reminder_rule_rows(*, meeting):
    """Return the meeting's rules with when they send and their messages counted by status."""
    rules = (
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
    return [
        RuleRow(
            rule=rule,
            when=rule_when_label(rule),
            is_anchor_missing=(
                rule.anchor != ReminderAnchor.SLOT_START
                and meeting_anchor_time(meeting, rule.anchor) is None
            ),
        )
        for rule in rules
    ]


def outbox_status_counts(*, meeting):
    """Return ``{status: count}`` of the meeting's outbox, every status present."""
    counts = dict.fromkeys(OutboxStatus.values, 0)
    rows = (
        OutboxMessage.objects.filter(meeting=meeting)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts.update(dict(rows))
    return counts


def outbox_page(*, meeting, status=None, page=None):
    """Return one page of the meeting's outbox, latest due first, filtered by ``status``."""
    messages = OutboxMessage.objects.filter(meeting=meeting).select_related("rule")
    if status:
        messages = messages.filter(status=status)
    paginator = Paginator(messages.order_by("-due_at", "-pk"), OUTBOX_PAGE_SIZE)
    return paginator.get_page(page)
