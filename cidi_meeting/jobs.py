"""Queue background work: the one place that hands jobs to the Celery workers.

Services never import tasks. They call ``enqueue("<app>.<verb>", *ids, ...)``: the job
is sent by its task's stable name once the current transaction commits, so a write that
rolls back queues nothing and a worker never reads a row that is not there yet.

One policy for a broker that cannot be reached: the person's action is already saved,
so the page never fails for the queue. The job is logged and handed to the caller's
``on_unreachable`` callable with the job's arguments, which decides what the job's rows
say (send the email from here, mark the document failed, put the reminder back to
pending). Without one, the job is run here and now (``run_here``).

Where tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``: ``make run`` without Redis,
most tests), the job runs at commit in this process; ``in_process`` replaces the task
there when the caller has a cheaper way to do a batch.
"""

import logging
from collections.abc import Callable, Sequence

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

# What ``apply_async`` raises when the broker cannot be reached.
BROKER_ERRORS = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)


def task_for(name):
    """Return the registered task called ``name`` (importing the apps' tasks modules once)."""
    tasks = current_app.tasks
    if name not in tasks:
        # The web process has not imported the apps' ``tasks`` modules yet (a worker does
        # at start): importing them registers their tasks. Not Celery's loader, whose
        # Django fix-up would set Django up again and so reconfigure logging mid-request.
        autodiscover_modules("tasks")
    return tasks[name]


def run_here(name, *args):
    """Run the job ``name`` in this process, now; log instead of raising on failure."""
    task = task_for(name)
    try:
        task.run(*args)
    except Exception:  # a job run in the request must not fail the page
        logger.exception("Job %s%r failed when run in-process", name, args)


def _publish(task, args):
    """Hand one job to the broker, or run it here where tasks run in-process.

    Return False (and log it) when the broker cannot be reached.
    """
    if task.app.conf.task_always_eager:
        task.apply(args=args)
        return True
    try:
        task.apply_async(args=args)
    except BROKER_ERRORS:
        logger.warning("The broker cannot be reached: job %s%r not queued", task.name, args)
        return False
    return True


def _send(name, args, *, on_unreachable, in_process):
    task = task_for(name)
    if task.app.conf.task_always_eager and in_process is not None:
        in_process(*args)
    elif not _publish(task, args):
        if on_unreachable is None:
            run_here(name, *args)
        else:
            on_unreachable(*args)


def enqueue(
    name: str,
    *args,
    on_unreachable: Callable | None = None,
    in_process: Callable | None = None,
) -> None:
    """Queue the job ``name`` with primitive ``args`` once the transaction commits.

    ``on_unreachable(*args)`` runs instead when the broker cannot be reached; by default
    the job runs here (``run_here``). ``in_process(*args)`` replaces the task where tasks
    run in-process.
    """
    transaction.on_commit(
        lambda: _send(name, args, on_unreachable=on_unreachable, in_process=in_process)
    )


def enqueue_each(
    name: str,
    ids: Sequence,
    *,
    on_unreachable: Callable[[list], None],
    in_process: Callable[[list], None] | None = None,
) -> None:
    """Queue one job ``name`` per id once the transaction commits, in order.

    When the broker cannot be reached the ids not yet queued go to
    ``on_unreachable(ids_left)`` at once, without trying each. Where tasks run
    in-process, ``in_process(ids)`` takes them all (else each task runs in turn).
    """
    ids = list(ids)
    transaction.on_commit(
        lambda: _send_each(name, ids, on_unreachable=on_unreachable, in_process=in_process)
    )


def _send_each(name, ids, *, on_unreachable, in_process):
    task = task_for(name)
    if task.app.conf.task_always_eager and in_process is not None:
        in_process(ids)
        return
    for index, job_id in enumerate(ids):
        if not _publish(task, (job_id,)):
            on_unreachable(ids[index:])
            return
