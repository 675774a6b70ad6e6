"""Writes of rules: from when a rule sends, as it is made, changed, activated or copied."""

import datetime

from django.utils import timezone

from reminders import services, sweep
from reminders.duplication import copy_reminder_rules
from reminders.models import OutboxStatus, ReminderAnchor, ReminderAudience
from tests.factories import MeetingFactory
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE


def day_before_rule(rules):
    return next(r for r in rules if r.offset_minutes == -1440 and r.anchor == "slot_start")


def update(rule, *, now, **changes):
    fields = {
        "name": rule.name,
        "anchor": rule.anchor,
        "offset_minutes": rule.offset_minutes,
        "audience": rule.audience,
        "message": rule.message,
        "is_active": rule.is_active,
        **changes,
    }
    return services.reminder_rule_update(rule=rule, now=now, **fields)


def test_a_new_rule_sends_from_its_creation(demo_meeting):
    rule = services.reminder_rule_create(
        meeting=demo_meeting,
        name="Chair",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-60,
        audience=ReminderAudience.CHAIR,
        now=RULES_MADE,
    )

    assert rule.sends_from == RULES_MADE


def test_renaming_a_rule_keeps_when_it_sends_from(demo_rules):
    rule = update(day_before_rule(demo_rules), name="Renamed", now=DAY_BEFORE)

    assert rule.sends_from == RULES_MADE


def test_another_offset_sends_from_the_change_and_cancels_what_was_already_due(demo_rules):
    sweep.reminders_materialize(now=DAY_BEFORE)
    rule = day_before_rule(demo_rules)

    # Two days before: every reminder of the rule was due before the change.
    rule = update(rule, offset_minutes=-2 * 1440, now=DAY_BEFORE)

    assert rule.sends_from == DAY_BEFORE
    assert set(rule.messages.values_list("status", "last_error")) == {
        (OutboxStatus.CANCELLED, "Not sent: it was already due when the rule changed.")
    }
    assert sweep.reminders_materialize(now=DAY_BEFORE).created == 0


def test_a_copied_rule_sends_from_the_copy(demo_rules):
    source = demo_rules[0].meeting
    copy = MeetingFactory(date=source.date + datetime.timedelta(days=91))
    before = timezone.now()

    copy_reminder_rules(source=source, copy=copy, days=91)

    assert copy.reminder_rules.count() == len(demo_rules)
    assert all(rule.sends_from >= before for rule in copy.reminder_rules.all())
