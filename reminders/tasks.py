"""Celery tasks of reminders: the periodic sweep and the sending of outbox messages.

They are thin: they take primitive ids, call the services of ``sweep.py`` and
``delivery.py``, and own the retries and the logging. Beat runs ``reminders.sweep``
(settings.CELERY_BEAT_SCHEDULE).
"""

import logging

from celery import shared_task
from celery.app import autoretry

from cidi_meeting.tasks import EMAIL_TASK_OPTIONS
from reminders import delivery, sweep

logger = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", ignore_result=True)
def reminders_sweep():
    """Materialize the reminders that have come due, claim them and queue their sending."""
    result = sweep.reminders_sweep()
    logger.info("Reminder sweep: %s", result.as_dict())
    return result.as_dict()


def _backoff(task):
    """Return the seconds before the task's next retry, as its automatic retries wait."""
    return autoretry.get_exponential_backoff_interval(
        factor=int(max(1.0, float(task.retry_backoff))),
        retries=task.request.retries,
        maximum=int(task.retry_backoff_max),
        full_jitter=getattr(task, "retry_jitter", True),
    )


@shared_task(
    bind=True, name="reminders.send_outbox_batch", ignore_result=True, **EMAIL_TASK_OPTIONS
)
def send_outbox_batch(self, message_ids):
    """Send a batch of claimed outbox messages of one meeting over one SMTP connection.

    The messages the mail server refused for now are retried, those only, with the
    back-off of every email; the last retry marks them failed with the server's reply
    instead of raising. A message already sent is never sent again.
    """
    result = delivery.outbox_batch_send(
        message_ids=message_ids, final_attempt=self.request.retries >= self.max_retries
    )
    if result.to_retry:
        raise self.retry(args=(result.to_retry,), exc=result.error, countdown=_backoff(self))
    return dict(result.outcomes)


@shared_task(
    bind=True, name="reminders.send_outbox_message", ignore_result=True, **EMAIL_TASK_OPTIONS
)
def send_outbox_message(self, message_id):
    """Send one claimed outbox message; retried with back-off while the mail server refuses.

    The last retry marks the message failed with the server's reply instead of raising.
    Kept for the messages queued one by one before batches (``send_outbox_batch``).
    """
    return delivery.outbox_message_send(
        message_id=message_id, final_attempt=self.request.retries >= self.max_retries
    )
