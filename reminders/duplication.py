"""The reminder rules go with a meeting that is duplicated (``agenda.duplication``)."""

from django.utils import timezone

from agenda import duplication
from reminders.models import ReminderRule


@duplication.register
def copy_reminder_rules(*, source, copy, days):
    """Copy the rules: their offsets are relative to the copy's own anchors."""
    now = timezone.now()
    ReminderRule.objects.bulk_create(
        # A copied rule sends from now on, as a new one does (``sends_from``).
        ReminderRule(**{**duplication.copy_values(rule), "meeting_id": copy.pk, "sends_from": now})
        for rule in source.reminder_rules.all()
    )
