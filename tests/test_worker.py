"""A real Celery worker consuming a real Redis broker, delivering to a real SMTP server."""

import contextlib
import time

import pytest
from celery.contrib.testing.worker import start_worker

from accounts import services
from accounts.enums import Role
from cidi_meeting.celery import app
from cidi_meeting.tasks import ping
from tests.services import require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def real_worker(settings):
    """Run a Celery worker thread on the Redis broker for the duration of the block."""
    require_redis()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
    )
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            yield app
    finally:
        app.conf.task_always_eager = True


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_task_queued_through_redis_runs_in_the_worker(settings):
    with real_worker(settings):
        result = ping.delay()

        assert result.get(timeout=20) == "pong"


def test_account_email_goes_through_the_worker_to_the_smtp_server(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False

    with real_worker(settings):
        services.account_create(
            email="worker.test@example.org",
            full_name="Worker Test",
            roles=[Role.DELEGATE],
            preferred_language="en",
        )

        assert wait_for(lambda: smtp_server.messages), "no email reached the SMTP server"

    [message] = smtp_server.messages
    assert message["to"] == ["worker.test@example.org"]
    assert "Your account on the CIDI meeting portal" in message["data"]


def test_healthz_reports_the_running_worker(settings, client):
    from django.core.cache import cache

    cache.clear()
    with real_worker(settings):
        body = client.get("/healthz").json()

    assert body["broker"] == "ok"
    assert len(body["workers"]) == 1


def test_a_dead_broker_does_not_fail_the_request_and_the_email_still_goes(
    settings, smtp_server, monkeypatch
):
    from kombu.exceptions import OperationalError

    from cidi_meeting.tasks import send_email

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused")

    # Queued for workers (not run in-process), through a broker that refuses.
    monkeypatch.setitem(send_email.app.conf, "task_always_eager", False)
    monkeypatch.setattr(send_email, "apply_async", broker_down)

    services.account_create(
        email="no.broker@example.org",
        full_name="No Broker",
        roles=[Role.DELEGATE],
        preferred_language="en",
    )

    assert wait_for(lambda: smtp_server.messages)
    assert smtp_server.messages[0]["to"] == ["no.broker@example.org"]
