"""Celery tasks of reminders: the periodic sweep and the sending of one outbox message.

Both are thin: they take primitive ids, call the services of ``sweep.py`` and
``delivery.py``, and own the retries and the logging. Beat runs ``reminders.sweep``
(settings.CELERY_BEAT_SCHEDULE).
"""

import logging

from celery import shared_task

from cidi_meeting.tasks import EMAIL_TASK_OPTIONS
from reminders import delivery, sweep

logger = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", ignore_result=True)
def reminders_sweep():
    """Materialize the reminders that have come due, claim them and queue their sending."""
    result = sweep.reminders_sweep()
    logger.info("Reminder sweep: %s", result.as_dict())
    return result.as_dict()


@shared_task(
    bind=True, name="reminders.send_outbox_message", ignore_result=True, **EMAIL_TASK_OPTIONS
)
def send_outbox_message(self, message_id):
    """Send one claimed outbox message; retried with back-off while the mail server refuses.

    The last retry marks the message failed with the server's reply instead of raising.
    """
    return delivery.outbox_message_send(
        message_id=message_id, final_attempt=self.request.retries >= self.max_retries
    )
