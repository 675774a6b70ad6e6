"""Delivery of claimed outbox messages: queue one task each, or send them in-process.

``outbox_message_send`` locks the row and sends only while it is still sending, so a
task delivered twice (late acknowledgement, a lost worker's row claimed again) never
sends twice; it records every attempt, and tells transient refusals (retried with
back-off) from permanent ones. A reminder is rendered when it is sent; any other email
of the meeting is sent as it was queued (``OutboxMessage.payload``). Either way the
row keeps the subject and text that went out.
"""

import logging
import smtplib
from collections import Counter

from django.db import transaction
from django.utils import timezone

from cidi_meeting import jobs
from cidi_meeting.mail import fields_to_message
from reminders.content import ReminderObsolete, ReminderRenderer
from reminders.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# In-process sends (no worker) give up after as many attempts as the task makes.
MAX_ATTEMPTS = 9
ERROR_MAX_CHARS = 1000


class SendOutcome:
    SENT = "sent"
    RETRY = "retry"
    RELEASED = "released"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


def outbox_queue(*, message_ids, send_here_if_unreachable=False):
    """Queue one send task per message once the claim commits (``cidi_meeting.jobs``).

    Where tasks run in-process the messages are sent here, one renderer for all. Side
    effects: when the broker cannot be reached, logs it and returns the messages not
    queued to pending, so that the next sweep claims them, or, with
    ``send_here_if_unreachable`` (an email someone's action just caused), sends them from
    this process; the request or sweep that claimed them still succeeds.
    """
    jobs.enqueue_each(
        "reminders.send_outbox_message",
        message_ids,
        on_unreachable=_send_here if send_here_if_unreachable else _back_to_pending,
        in_process=lambda ids: outbox_send_in_process(message_ids=ids),
    )


def _send_here(message_ids):
    logger.warning(
        "The broker cannot be reached: sending %s emails from this process", len(message_ids)
    )
    outbox_send_in_process(message_ids=message_ids)


def _back_to_pending(message_ids):
    logger.warning(
        "The broker cannot be reached: %s reminders stay pending for the next sweep",
        len(message_ids),
    )
    OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxStatus.SENDING).update(
        status=OutboxStatus.PENDING, claimed_at=None
    )


def smtp_code(error):
    """Return the SMTP reply code of a refusal (the highest for refused recipients)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return max(code for code, _reply in error.recipients.values())
    return None


def is_transient(error):
    """Return True for errors worth retrying: connection trouble and 4xx SMTP replies."""
    if not isinstance(error, OSError):  # SMTP errors and timeouts are OSErrors
        return False
    code = smtp_code(error)
    return code is None or code < 500


def error_text(error):
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_CHARS]


def _email_of(message, renderer):
    """Return the email of an outbox row: a reminder rendered now, any other as queued."""
    if message.payload:
        return fields_to_message(message.payload)
    return renderer.build(message)


def outbox_message_send(*, message_id, final_attempt=False, in_process=False, renderer=None):
    """Render and send one claimed message, unless it is no longer sending; return the outcome.

    Locks the row while it sends, so two deliveries of the same task never both send.
    ``in_process`` (no worker to retry): a transient error returns the row to pending,
    and nothing is raised. Side effects: sends one email; increments ``attempts``;
    records ``last_error``; marks the row sent (with ``sent_at``, and the subject and
    text that went out), cancelled (the slot, speaker or time changed: the sweep makes an
    updated reminder), or failed (a permanent SMTP refusal, or the last attempt). Raises
    the transient error otherwise, so that the task retries it with back-off.
    """
    renderer = renderer or ReminderRenderer()
    retry_error = None
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("rule", "meeting")
            .filter(pk=message_id, status=OutboxStatus.SENDING)
            .first()
        )
        if message is None:
            logger.info("Outbox message %s is not waiting to be sent; nothing to do", message_id)
            return SendOutcome.SKIPPED
        fields = ["status", "attempts", "last_error", "claimed_at", "sent_at", "subject", "body"]
        try:
            email = _email_of(message, renderer)
        except ReminderObsolete as obsolete:
            message.status = OutboxStatus.CANCELLED
            message.last_error = str(obsolete)
            message.save(update_fields=fields)
            logger.info("Outbox message %s cancelled: %s", message_id, obsolete)
            return SendOutcome.CANCELLED
        except Exception as error:
            # Failed at once: a reminder that cannot be rendered is never claimed again.
            logger.exception("Outbox message %s cannot be rendered", message_id)
            message.attempts += 1
            message.status = OutboxStatus.FAILED
            message.last_error = error_text(error)
            message.save(update_fields=fields)
            return SendOutcome.FAILED
        message.attempts += 1
        message.claimed_at = timezone.now()
        try:
            email.send()
        except Exception as error:  # noqa: BLE001 - recorded on the row; transient ones re-raised
            message.last_error = error_text(error)
            give_up = final_attempt or (in_process and message.attempts >= MAX_ATTEMPTS)
            if is_transient(error) and not give_up:
                if in_process:
                    message.status, message.claimed_at = OutboxStatus.PENDING, None
                    outcome = SendOutcome.RELEASED
                else:
                    outcome, retry_error = SendOutcome.RETRY, error
                logger.warning("Outbox message %s not sent yet: %s", message_id, error)
            else:
                message.status = OutboxStatus.FAILED
                outcome = SendOutcome.FAILED
                logger.error("Outbox message %s failed: %s", message_id, message.last_error)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = timezone.now()
            message.subject, message.body = email.subject[:300], email.body
            outcome = SendOutcome.SENT
            logger.info("Sent outbox message %s to %s", message_id, message.recipient_email)
        message.save(update_fields=fields)
    if retry_error is not None:
        raise retry_error
    return outcome


def outbox_send_in_process(*, message_ids):
    """Send claimed messages one after the other in this process; return the outcomes.

    Side effects: those of ``outbox_message_send`` for each message.
    """
    renderer = ReminderRenderer()
    outcomes = Counter()
    for message_id in message_ids:
        outcome = outbox_message_send(message_id=message_id, in_process=True, renderer=renderer)
        outcomes[outcome] += 1
    return outcomes
