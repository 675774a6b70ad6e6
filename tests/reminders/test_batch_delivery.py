"""Batches through a real Redis broker, a real Celery worker and a real SMTP server.

One SMTP connection per batch; a message the server refuses is retried alone, with the
back-off of every email, and never holds up or resends the others of its batch.
"""

from collections import Counter

import pytest

from cidi_meeting.celery import app
from reminders import sweep
from reminders.models import OutboxMessage, OutboxStatus
from tests.reminders.conftest import DAY_BEFORE, received, smtp_settings
from tests.reminders.test_batches import meeting_with_due_reminders
from tests.reminders.test_delivery import LATER, all_done, moderator_rule
from tests.test_worker import real_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PANAMA = "speaker.pa@example.org"


def test_a_sweep_sends_a_meetings_reminders_over_one_smtp_connection(
    settings, flaky_smtp_server, demo_rules
):
    smtp_settings(settings, flaky_smtp_server.port)

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7)), "the reminders were not all sent"

    assert len(flaky_smtp_server.messages) == 7
    assert len(set(flaky_smtp_server.peers)) == 1
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_a_refused_message_is_retried_alone_and_the_others_go_once(
    settings, flaky_smtp_server, demo_rules, fast_retries
):
    smtp_settings(settings, flaky_smtp_server.port)
    flaky_smtp_server.refuse_to = {PANAMA: 2}

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7)), "the reminders were not all sent"

    recipients = [item["to"][0] for item in flaky_smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == 7
    # Offered: the seven once, and Panama's twice more.
    assert len(flaky_smtp_server.peers) == 9
    attempts = dict(OutboxMessage.objects.values_list("recipient_email", "attempts"))
    assert attempts.pop(PANAMA) == 3
    assert set(attempts.values()) == {1}
    panama = OutboxMessage.objects.get(recipient_email=PANAMA)
    assert (panama.status, "451" in panama.last_error) == (OutboxStatus.SENT, True)


def test_a_message_refused_to_the_last_retry_fails_alone_with_the_servers_reply(
    settings, flaky_smtp_server, demo_rules, fast_retries
):
    smtp_settings(settings, flaky_smtp_server.port)
    flaky_smtp_server.refuse_to = {PANAMA: 1000}

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7), seconds=30), "the reminders were not all done"

    panama = OutboxMessage.objects.get(recipient_email=PANAMA)
    assert (panama.status, panama.attempts) == (OutboxStatus.FAILED, 9)
    assert panama.last_error.startswith("SMTPDataError: (451")
    others = OutboxMessage.objects.exclude(pk=panama.pk)
    assert set(others.values_list("status", "attempts")) == {(OutboxStatus.SENT, 1)}
    recipients = [item["to"][0] for item in flaky_smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == 6


def test_a_permanent_refusal_fails_at_once_and_the_others_go(
    settings, flaky_smtp_server, demo_rules, fast_retries
):
    smtp_settings(settings, flaky_smtp_server.port)
    flaky_smtp_server.reply = "550 5.1.1 No such mailbox"
    flaky_smtp_server.refuse_to = {PANAMA: 1}

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7)), "the reminders were not all done"

    panama = OutboxMessage.objects.get(recipient_email=PANAMA)
    assert (panama.status, panama.attempts) == (OutboxStatus.FAILED, 1)
    assert "550" in panama.last_error
    assert len(flaky_smtp_server.messages) == 6
    assert len(set(flaky_smtp_server.peers)) == 1


def test_a_message_queued_under_the_single_message_task_is_still_sent(
    settings, flaky_smtp_server, demo_meeting
):
    """A task queued by an older deployment, one per message, still sends it once."""
    smtp_settings(settings, flaky_smtp_server.port)
    moderator_rule(demo_meeting)
    sweep.reminders_materialize(now=DAY_BEFORE)
    [message_id], _reclaimed = sweep.outbox_claim(now=DAY_BEFORE, queue=False)

    with real_worker(settings):
        app.send_task("reminders.send_outbox_message", args=[message_id])
        assert wait_for(all_done(1)), "the message was not sent"

    assert [item["to"] for item in flaky_smtp_server.messages] == [["moderator@example.org"]]
    assert OutboxMessage.objects.get().attempts == 1


def test_in_process_a_batch_goes_over_one_connection_and_a_refusal_waits_alone(
    settings, flaky_smtp_server, demo_rules
):
    """Without a worker (the demo without Redis) the sweep sends its batches itself."""
    smtp_settings(settings, flaky_smtp_server.port)
    flaky_smtp_server.refuse_to = {PANAMA: 1}

    first = sweep.reminders_sweep(now=DAY_BEFORE, in_process=True)
    peers = list(flaky_smtp_server.peers)
    second = sweep.reminders_sweep(now=LATER, in_process=True)

    assert first.sent == Counter(sent=6, released=1)
    assert len(peers) == 7
    assert len(set(peers)) == 1
    assert second.sent == Counter(sent=1)
    emails = received(flaky_smtp_server)
    assert len(flaky_smtp_server.messages) == len(emails) == 7
    assert PANAMA in emails


def test_thirty_reminders_go_over_one_connection_each_once(settings, flaky_smtp_server):
    smtp_settings(settings, flaky_smtp_server.port)
    meeting, now = meeting_with_due_reminders(30)

    with real_worker(settings):
        sweep.reminders_sweep(now=now, meeting=meeting)
        assert wait_for(all_done(30)), "the reminders were not all sent"

    recipients = [item["to"][0] for item in flaky_smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == 30
    assert len(set(flaky_smtp_server.peers)) == 1


def test_a_server_closing_the_connection_has_the_rest_of_the_batch_sent_on_a_new_one(
    settings, flaky_smtp_server, demo_rules, fast_retries
):
    """A 421 reply closes the session: the next message opens a new connection."""
    smtp_settings(settings, flaky_smtp_server.port)
    flaky_smtp_server.reply = "421 4.3.2 Service shutting down"
    flaky_smtp_server.refuse_to = {PANAMA: 1}

    with real_worker(settings):
        sweep.reminders_sweep(now=DAY_BEFORE)
        assert wait_for(all_done(7)), "the reminders were not all sent"

    recipients = [item["to"][0] for item in flaky_smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == 7
    attempts = dict(OutboxMessage.objects.values_list("recipient_email", "attempts"))
    assert attempts.pop(PANAMA) == 2
    assert set(attempts.values()) == {1}
