"""Fault 1: Redis stops while focal points submit forms.

What the code means to do (``cidi_meeting.mail._deliver``): when the broker cannot be
reached, send the email directly from the web process, so that the request succeeds and
the email arrives once; once Redis is back, new submissions go through the worker again.

This test found that it did not: ``send_email`` kept its result, so ``delay()`` first
reached for the result store (the same Redis) and failed with ``RuntimeError`` after
about 95 s, skipping the fallback (a 500 page, no email). ``send_email`` and
``render_document`` now keep no result and ``_deliver`` falls back on any error.

A meeting's emails now go through its outbox (``reminders.delivery``), with the same
policy: sent from the web process when the broker is down, recorded as sent.
"""

import logging

import pytest
from django.test import Client

from accounts.models import User
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from reminders.models import OutboxMessage, OutboxStatus
from tests.faults.conftest import app_on, wait_for
from tests.outcomes.factories import delegation_of
from tests.outcomes.test_practices import practice_data

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def practice_form(title):
    return {**practice_data(title=title), "submit": "1"}


def test_redis_stopped_while_a_focal_point_submits_a_practice(  # noqa: PLR0917
    settings, demo_meeting, smtp_server, redis_process, workers, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        smtp_server.port,
        5,
    )
    mexico = delegation_of(demo_meeting, "MX")
    focal = Client(raise_request_exception=False)
    focal.force_login(User.objects.get(email="focal.mx@example.org"))

    with app_on(settings, redis_process.url) as app:
        # Production's retries of the result backend take ~95 s; one quick retry here.
        app.conf.result_backend_transport_options = {
            "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.1}
        }
        redis_process.stop()
        with caplog.at_level(logging.WARNING):
            response = focal.post(
                f"/delegations/{mexico.pk}/practices/new/", practice_form("Sin Redis")
            )

        assert response.status_code == 302, response.content[:500]
        practice = GoodPractice.objects.get(title="Sin Redis")
        assert practice.status == PracticeStatus.SUBMITTED
        # The email is the meeting's: it goes through the outbox, sent from here.
        assert "The broker cannot be reached: sending 1 emails from this process" in caplog.text
        assert OutboxMessage.objects.get(meeting=demo_meeting).status == OutboxStatus.SENT
        # Sent directly from the web process: already there, once.
        assert [m["to"] for m in smtp_server.messages] == [["focal.mx@example.org"]]

        redis_process.start()
        worker = workers.start(
            redis_url=redis_process.url,
            env={"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_server.port)},
        )
        # The worker answers a ping queued after everything else: the queue is drained.
        from cidi_meeting.tasks import ping

        assert ping.delay().get(timeout=60) == "pong", workers.log(worker)
        assert redis_process.llen() == 0
        assert len(smtp_server.messages) == 1, "the email of the outage was delivered twice"

        # With Redis back, the next submission goes through the worker, once.
        response = focal.post(
            f"/delegations/{mexico.pk}/practices/new/", practice_form("Con Redis")
        )
        assert response.status_code == 302
        assert wait_for(lambda: len(smtp_server.messages) == 2, 30), workers.log(worker)
        assert ping.delay().get(timeout=30) == "pong"
        assert "cidi_meeting.send_email" in workers.log(worker)
        app.control.purge()

    assert [m["to"] for m in smtp_server.messages] == [["focal.mx@example.org"]] * 2
    subjects = [m["data"] for m in smtp_server.messages]
    assert "Sin Redis" in subjects[0] and "Con Redis" in subjects[1]
