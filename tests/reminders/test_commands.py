"""The management commands: one synchronous sweep, and the benchmark."""

import io

from django.core import mail
from django.core.management import call_command

from reminders.models import OutboxMessage, OutboxStatus


def test_send_due_reminders_sends_in_process_and_prints_the_counts(demo_rules):
    out = io.StringIO()

    call_command("send_due_reminders", now="2022-11-16T15:45Z", stdout=out)
    call_command("send_due_reminders", now="2022-11-16T15:50Z", stdout=out)

    first, counts, second, _second_counts = out.getvalue().splitlines()
    assert first == (
        "Reminders due at 2022-11-16T15:45:00+00:00: 7 new, 0 moved, 0 cancelled; "
        "7 claimed (0 left sending by a lost worker)."
    )
    assert counts.startswith("Sent 7, failed 0, to retry at the next sweep 0,")
    assert second.startswith("Reminders due at 2022-11-16T15:50:00+00:00: 0 new,")
    assert len(mail.outbox) == 7
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_the_benchmark_prints_figures_and_leaves_nothing_behind(db):
    out = io.StringIO()

    call_command("bench_reminders", count=25, stdout=out)

    text = out.getvalue()
    assert "Reminder sweep: 25 due reminders" in text
    assert "second sweep" in text
    assert "rows sent: 25" in text
    assert not OutboxMessage.objects.exists()
