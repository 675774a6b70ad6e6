"""The management commands: one synchronous sweep, and the benchmark."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from agenda.models import Meeting
from reminders.models import OutboxMessage, OutboxStatus
from tests.services import require_redis


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


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_benchmark_prints_its_figures_merges_them_and_leaves_nothing_behind(tmp_path):
    """A real worker process, the Redis broker and an SMTP server of its own; no figure is
    asserted, only that every reminder arrived and the other benchmarks' keys are kept."""
    require_redis()
    results = tmp_path / "bench-results.json"
    results.write_text(json.dumps({"pages": {"agenda": 1}}))
    out = io.StringIO()

    call_command(
        "bench_reminders", count=5, rounds=1, concurrency=1, output=str(results), stdout=out
    )

    text = out.getvalue()
    assert "raw smtplib, one connection" in text
    assert "worker of 1 process(es), queued → SMTP" in text
    written = json.loads(results.read_text())
    assert written["pages"] == {"agenda": 1}
    figures = written["reminders"]
    assert figures["by_worker_processes"]["1"]["received"] == 5
    assert figures["by_worker_processes"]["1"]["all_sent"] is True
    assert figures["ratio_worker_to_raw_smtp"] > 0
    assert not OutboxMessage.objects.exists()
    assert not Meeting.objects.filter(slug__startswith="bench-reminders").exists()
