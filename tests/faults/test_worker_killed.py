"""Fault 2: a Celery worker killed (kill -9) in the middle of a PDF and of an email.

Real worker processes (``tests/faults/worker.py``) on a private redis-server, the test
database and real SMTP servers. Late acknowledgement keeps the job in Redis until it is
done, so another worker does it, and the outbox's row lock makes the email go once.
"""

import os
import signal

import pytest

from documents import services as documents
from documents.models import DocumentStatus, RenderedDocument
from reminders import sweep
from reminders.models import OutboxMessage, OutboxStatus, ReminderRule
from tests.faults.conftest import app_on, wait_for
from tests.reminders.conftest import DAY_BEFORE
from tests.reminders.test_delivery import moderator_rule

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_worker_killed_mid_pdf_has_the_pdf_rendered_by_the_next_one(
    settings, demo_meeting, redis_process, workers, tmp_path
):
    """kill -9 of the pool process: reject_on_worker_lost puts the job back at once."""
    hold = tmp_path / "hold"
    hold.mkdir()
    worker = workers.start(
        redis_url=redis_process.url, pool="prefork", env={"FAULTS_HOLD_DIR": str(hold)}
    )
    with app_on(settings, redis_process.url):
        document = documents.document_request(
            meeting=demo_meeting,
            kind="run-of-show",
            language="en",
            paper="a4",
            orientation="landscape",
            user=None,
        )
        assert wait_for(lambda: list(hold.glob("rendering-*")), 60), workers.log(worker)
        document.refresh_from_db()
        assert document.status == DocumentStatus.RENDERING
        [marker] = hold.glob("rendering-*")
        os.kill(int(marker.name.split("-")[1]), signal.SIGKILL)

        def ready():
            return RenderedDocument.objects.get(pk=document.pk).status == DocumentStatus.READY

        assert wait_for(ready, 90), workers.log(worker)

    document.refresh_from_db()
    assert document.page_count >= 1 and document.size > 0
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes().startswith(b"%PDF")
    log = workers.log(worker)
    assert "WorkerLostError" in log or "signal 9" in log, log
    assert RenderedDocument.objects.count() == 1


def test_a_worker_killed_mid_email_has_it_sent_once_by_a_new_worker(
    settings, demo_meeting, redis_process, workers, holding_smtp_server
):
    """kill -9 of the whole worker while the SMTP server holds DATA; a new worker sends it.

    The job waits in Redis for the visibility timeout (3600 s in the settings, 3 s here);
    the dead worker's transaction (row lock, attempt count) was rolled back by PostgreSQL.
    """
    mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(holding_smtp_server.port)}
    fast = {**mail, "FAULTS_VISIBILITY_SECONDS": "3"}
    # One reminder in the whole database: earlier tests may have left other meetings.
    ReminderRule.objects.all().delete()
    moderator_rule(demo_meeting)
    first = workers.start(redis_url=redis_process.url, env=fast)
    with app_on(settings, redis_process.url):
        result = sweep.reminders_sweep(now=DAY_BEFORE)
        assert result.claimed == 1
        assert holding_smtp_server.arrived.wait(60), workers.log(first)
        workers.kill(first)
        assert wait_for(lambda: holding_smtp_server.dropped == 1, 10)
        message = OutboxMessage.objects.get()
        assert (message.status, message.attempts) == (OutboxStatus.SENDING, 0)

        second = workers.start(redis_url=redis_process.url, env=fast)

        def sent():
            return OutboxMessage.objects.get().status == OutboxStatus.SENT

        assert wait_for(sent, 60), workers.log(second)

    message.refresh_from_db()
    assert message.attempts == 1
    assert [m["to"] for m in holding_smtp_server.messages] == [["moderator@example.org"]]
