"""Delivery end to end: a real Redis broker, a real Celery worker, a real SMTP server.

Each reminder reaches the SMTP server exactly once, whatever sweeps run again or side by
side, whatever the server refuses for a while, and even when the broker is down when
the work is queued.
"""

import contextlib
import datetime
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from cidi_meeting.celery import app
from reminders import services, sweep
from reminders.models import OutboxMessage, OutboxStatus, ReminderAnchor, ReminderAudience
from speakers.models import SpeakerSlot
from tests.conftest import free_port
from tests.factories import secretariat_user
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE, received, smtp_settings
from tests.test_worker import real_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

LATER = DAY_BEFORE + datetime.timedelta(minutes=5)


def all_done(count):
    """Return a check that ``count`` messages exist and none waits to be sent."""

    def check():
        statuses = list(OutboxMessage.objects.values_list("status", flat=True))
        waiting = {OutboxStatus.PENDING, OutboxStatus.SENDING}
        return len(statuses) == count and not waiting.intersection(statuses)

    return check


def moderator_rule(meeting):
    return services.reminder_rule_create(
        meeting=meeting,
        name="Moderator, the day before",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-1440,
        audience=ReminderAudience.MODERATOR,
        now=RULES_MADE,
    )


@contextlib.contextmanager
def broker_down(settings):
    """Point the app's broker at a port nothing listens on, with tasks really queued."""
    saved = (app.conf.broker_url, app._pool, app.amqp._producer_pool)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    # The app keeps its connection pools: drop them so that the dead address is used.
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app._pool, app.amqp._producer_pool = saved
        app.conf.task_always_eager = True


def test_due_reminders_reach_the_smtp_server_once_with_the_right_time_and_language(
    settings, smtp_server, demo_rules
):
    smtp_settings(settings, smtp_server.port)

    with real_worker(settings):
        first = sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7)), "the reminders were not all sent"
        second = sweep.reminders_sweep(now=LATER)
        time.sleep(1)

    assert (first.claimed, second.created, second.claimed) == (7, 0, 0)
    emails = received(smtp_server)
    assert len(smtp_server.messages) == len(emails) == 7
    panama = emails["speaker.pa@example.org"]
    assert panama.message["Content-Language"] == "es"
    assert (
        "Su horario: 17 de noviembre de 2022, 10:00–10:07 (hora oriental, Nueva York)"
        in panama.text
    )
    assert "10:00–10:07 (hora oriental, Nueva York)" in panama.html
    [calendar] = panama.calendars
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (str(start.tzinfo), start.hour, start.minute) == ("America/New_York", 10, 0)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"
    assert emails["moderator@example.org"].calendars == []
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_two_sweeps_at_once_send_each_reminder_once(settings, smtp_server, demo_rules):
    smtp_settings(settings, smtp_server.port)
    start = threading.Barrier(2)
    results = []

    def run_sweep():
        try:
            start.wait(timeout=10)
            results.append(sweep.reminders_sweep(now=DAY_BEFORE))
        finally:
            connection.close()

    with real_worker(settings):
        threads = [threading.Thread(target=run_sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert wait_for(all_done(7)), "the reminders were not all sent"
        time.sleep(1)

    assert len(results) == 2
    assert sum(result.claimed for result in results) == 7
    assert sorted(item["to"][0] for item in smtp_server.messages) == sorted(
        OutboxMessage.objects.values_list("recipient_email", flat=True)
    )
    assert len(smtp_server.messages) == 7


def test_a_refusing_server_gets_the_reminder_once_when_it_accepts_again(
    settings, flaky_smtp_server, demo_meeting, fast_retries
):
    smtp_settings(settings, flaky_smtp_server.port)
    moderator_rule(demo_meeting)
    flaky_smtp_server.refusals = 2

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(1)), "the reminder was not sent"

    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 3)
    assert "451" in message.last_error
    assert [item["to"] for item in flaky_smtp_server.messages] == [["moderator@example.org"]]


def test_a_reminder_refused_to_the_last_retry_fails_and_can_be_sent_again(
    settings, flaky_smtp_server, demo_meeting, fast_retries, client
):
    smtp_settings(settings, flaky_smtp_server.port)
    moderator_rule(demo_meeting)
    flaky_smtp_server.refusals = 1000
    client.force_login(secretariat_user())

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(1), seconds=30), "the reminder did not fail"
        failed = OutboxMessage.objects.get()
        flaky_smtp_server.refusals = 0
        response = client.post(
            reverse("reminders:outbox_send_again", args=[demo_meeting.slug, failed.pk])
        )
        assert wait_for(lambda: OutboxMessage.objects.get().status == OutboxStatus.SENT)

    assert (failed.status, failed.attempts) == (OutboxStatus.FAILED, 9)
    assert failed.last_error.startswith("SMTPDataError: (451")
    assert response.status_code == 302
    assert len(flaky_smtp_server.messages) == 1
    assert OutboxMessage.objects.get().attempts == 10


def test_a_moved_slot_gets_exactly_one_updated_reminder(settings, smtp_server, demo_rules):
    smtp_settings(settings, smtp_server.port)
    meeting = demo_rules[0].meeting

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7))
        before = len(smtp_server.messages)
        # Three more minutes of questions for the Dominican Republic move ECLAC's slot.
        dominican = SpeakerSlot.objects.get(segment__meeting=meeting, representing_state__iso2="DO")
        dominican.qa_minutes += 3
        dominican.save()
        sweep.reminders_sweep(now=LATER)
        assert wait_for(all_done(8))
        sweep.reminders_sweep(now=LATER + datetime.timedelta(minutes=5))
        time.sleep(1)

    assert before == 7
    updates = [item for item in smtp_server.messages[7:]]
    assert [item["to"] for item in updates] == [["speaker.eclac@example.org"]]
    assert (
        "10:38–10:45 (hora oriental, Nueva York)"
        in received(smtp_server)["speaker.eclac@example.org"].text
    )


def test_with_the_broker_down_requests_and_sweeps_succeed_and_a_later_sweep_sends(
    settings, smtp_server, demo_rules, client
):
    smtp_settings(settings, smtp_server.port)
    client.force_login(secretariat_user())

    with broker_down(settings):
        result = sweep.reminders_sweep(now=DAY_BEFORE)
        statuses = set(OutboxMessage.objects.values_list("status", flat=True))
        failed = OutboxMessage.objects.get(recipient_email="moderator@example.org")
        OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED)
        response = client.post(
            reverse("reminders:outbox_send_again", args=[demo_rules[0].meeting.slug, failed.pk])
        )
        failed.refresh_from_db()

    assert result.claimed == 7
    assert statuses == {OutboxStatus.PENDING}
    assert response.status_code == 302
    assert failed.status == OutboxStatus.PENDING
    assert smtp_server.messages == []
    with real_worker(settings):
        later = sweep.reminders_sweep(now=LATER)
        assert wait_for(all_done(7)), "the reminders were not sent after the broker came back"
        time.sleep(1)
    assert later.claimed == 7
    assert len(smtp_server.messages) == 7
