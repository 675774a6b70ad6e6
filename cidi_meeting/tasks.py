"""Project-wide Celery tasks."""

import logging
import smtplib

from celery import shared_task

from cidi_meeting.mail import fields_to_message

logger = logging.getLogger(__name__)

# Options of the tasks that talk to the mail server: retried with back-off while it refuses.
EMAIL_TASK_OPTIONS = {
    "autoretry_for": (smtplib.SMTPException, ConnectionError, TimeoutError, OSError),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


# Nobody waits for the result: keeping none means queuing needs the broker only, not
# the result store too (with Redis down, the result store's retries held pages ~95 s).
@shared_task(bind=True, name="cidi_meeting.send_email", ignore_result=True, **EMAIL_TASK_OPTIONS)
def send_email(self, fields):
    """Deliver one rendered email; retried with back-off while the server refuses."""
    message = fields_to_message(fields)
    message.send()
    logger.info("Sent email %r to %s", message.subject, ", ".join(message.to))
    return len(message.to)


@shared_task(name="cidi_meeting.ping")
def ping():
    """Answer 'pong'; lets /healthz and the tests see that a worker consumes the queue."""
    return "pong"
