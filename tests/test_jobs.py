"""The one place that queues work: after commit, by name, one policy for a dead broker."""

import pytest
from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from kombu.exceptions import OperationalError

from cidi_meeting import jobs
from cidi_meeting.tasks import ping

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """Record each run of the ping task instead of answering."""
    seen = []
    monkeypatch.setattr(ping, "run", lambda *args: seen.append(args))
    # apply() calls the task itself, not run: record there too.
    monkeypatch.setattr(ping, "apply", lambda args=(), **kwargs: seen.append(tuple(args)))
    return seen


@pytest.fixture
def broker_down(monkeypatch):
    """Queue for workers (not in-process) through a broker that refuses every job."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setitem(ping.app.conf, "task_always_eager", False)
    monkeypatch.setattr(ping, "apply_async", refuse)


def test_a_job_is_queued_only_once_the_transaction_commits(
    calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jobs.enqueue("cidi_meeting.ping", 7)
        assert calls == []

    assert len(callbacks) == 1
    assert calls == [(7,)]


def test_a_rolled_back_write_queues_nothing(calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            jobs.enqueue("cidi_meeting.ping", 7)
            raise RuntimeError("the write failed")

    assert callbacks == []
    assert calls == []


def test_a_dead_broker_hands_the_job_to_its_caller(
    broker_down, calls, django_capture_on_commit_callbacks
):
    unreachable = []
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(
            "cidi_meeting.ping", 7, 8, on_unreachable=lambda *args: unreachable.append(args)
        )

    assert unreachable == [(7, 8)]
    assert calls == []


def test_without_a_policy_a_dead_broker_runs_the_job_here(
    broker_down, calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue("cidi_meeting.ping", 7)

    assert calls == [(7,)]


def test_a_batch_stops_at_the_first_refusal_and_returns_what_is_left(
    broker_down, django_capture_on_commit_callbacks
):
    left = []
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_each("cidi_meeting.ping", [1, 2, 3], on_unreachable=left.append)

    assert left == [[1, 2, 3]]


def test_in_process_a_batch_goes_to_its_in_process_sender(
    calls, django_capture_on_commit_callbacks
):
    batches = []
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_each(
            "cidi_meeting.ping", [1, 2], on_unreachable=list, in_process=batches.append
        )

    assert batches == [[1, 2]]
    assert calls == []


def test_every_task_has_a_stable_name_and_keeps_no_result():
    autodiscover_modules("tasks")  # every app's tasks module, as a worker imports them
    own = {
        name: task
        for name, task in ping.app.tasks.items()
        if not name.startswith("celery.") and name != "cidi_meeting.ping"
    }

    assert sorted(own) == [
        "cidi_meeting.send_email",
        "delegations.send_invitation",
        "documents.render",
        "reminders.send_outbox_batch",
        "reminders.send_outbox_message",
        "reminders.sweep",
        "speakers.send_invitation",
    ]
    assert all(task.ignore_result for task in own.values())
