"""Delivery of claimed outbox messages: queue them in batches, or send them in-process.

Claimed messages are queued in batches of one meeting each (``outbox_batches``): one
task sends a batch over one connection to the mail server, reading the meeting's agenda
once (``ReminderRenderer``). Each message of a batch is still sent on its own:
``outbox_message_send`` locks the row and sends only while it is still sending, so a
task delivered twice (late acknowledgement, a lost worker's row claimed again) never
sends twice; it records every attempt, and tells transient refusals (retried with
back-off, only those of the batch that were refused) from permanent ones. A reminder is
rendered when it is sent; any other email of the meeting is sent as it was queued
(``OutboxMessage.payload``). Either way the row keeps the subject and text that went out.
"""

import itertools
import logging
import smtplib
from collections import Counter
from dataclasses import dataclass, field

from django.core.mail import get_connection
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
# At most this many messages of one meeting go to one task: one read of the meeting's
# agenda and one connection to the mail server for all of them.
BATCH_SIZE = 100


class SendOutcome:
    SENT = "sent"
    RETRY = "retry"
    RELEASED = "released"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


def outbox_batches(messages, *, size=BATCH_SIZE):
    """Return the batches of ``(message id, meeting id)`` pairs: lists of message ids.

    A batch holds messages of one meeting only, at most ``size``, in the order given.
    """
    by_meeting = {}
    for message_id, meeting_id in messages:
        by_meeting.setdefault(meeting_id, []).append(message_id)
    return [
        ids[start : start + size]
        for ids in by_meeting.values()
        for start in range(0, len(ids), size)
    ]


def _joined(batches):
    return list(itertools.chain.from_iterable(batches))


def outbox_queue(*, batches, send_here_if_unreachable=False):
    """Queue one send task per batch of message ids once the claim commits (``jobs``).

    Where tasks run in-process the messages are sent here, in batches. Side effects:
    when the broker cannot be reached, logs it and returns the messages not queued to
    pending, so that the next sweep claims them, or, with ``send_here_if_unreachable``
    (an email someone's action just caused), sends them from this process; the request
    or sweep that claimed them still succeeds.
    """
    unreachable = _send_here if send_here_if_unreachable else _back_to_pending
    jobs.enqueue_each(
        "reminders.send_outbox_batch",
        [list(batch) for batch in batches if batch],
        on_unreachable=lambda left: unreachable(_joined(left)),
        in_process=lambda left: outbox_send_in_process(message_ids=_joined(left)),
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


def _session_lost(error):
    """Tell whether a failed send left the SMTP connection unusable for the next email.

    A refusal the server replied with (sender, recipients or text) leaves the session
    ready for the next email (``smtplib`` resets it), unless the reply was 421, which
    closes it.
    """
    if isinstance(error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)):
        return smtp_code(error) == 421
    return isinstance(error, OSError)


class BatchMailer:
    """One connection to the mail server for a batch of emails (Django's email backend).

    Opened at the first email sent, kept for the next ones, closed by ``close``. A
    connection the server broke is opened again for the next email; when it cannot be
    opened at all, the batch's other emails get the same error without trying again.
    """

    def __init__(self):
        self.backend = get_connection()
        self.unreachable = None

    def send(self, email):
        """Send one email over the batch's connection; raise what the server answered."""
        if self.unreachable is not None:
            raise self.unreachable
        try:
            self.backend.open()
        except Exception as error:
            self.unreachable = error
            raise
        email.connection = self.backend
        try:
            email.send()
        except Exception as error:
            if _session_lost(error):
                self.close()
            raise

    def close(self):
        """Close the connection, if open; a server already gone is no error."""
        try:
            self.backend.close()
        except OSError as error:
            logger.info("Closing the connection to the mail server: %s", error)


def outbox_message_send(
    *, message_id, final_attempt=False, in_process=False, renderer=None, mailer=None
):
    """Render and send one claimed message, unless it is no longer sending; return the outcome.

    Locks the row while it sends, so two deliveries of the same task never both send.
    ``in_process`` (no worker to retry): a transient error returns the row to pending,
    and nothing is raised. ``renderer`` and ``mailer`` are shared by the messages of a
    batch (one read of each meeting, one connection); without them the message is
    rendered and sent on its own. Side effects: sends one email; increments ``attempts``;
    records ``last_error``; marks the row sent (with ``sent_at``, and the subject and
    text that went out), cancelled (the slot, speaker or time changed: the sweep makes an
    updated reminder), or failed (a permanent SMTP refusal, or the last attempt). Raises
    the transient error otherwise, so that the task retries it with back-off.
    """
    outcome, retry_error = _message_send(
        message_id,
        final_attempt=final_attempt,
        in_process=in_process,
        renderer=renderer or ReminderRenderer(),
        mailer=mailer,
    )
    if retry_error is not None:
        raise retry_error
    return outcome


def _message_send(message_id, *, final_attempt, in_process, renderer, mailer):
    """Send one message as ``outbox_message_send`` says; return ``(outcome, retry_error)``.

    ``retry_error`` is the transient error to retry the message for, else None.
    """
    retry_error = None
    with transaction.atomic():
        # The meeting and the rule come from the renderer, read once for the batch.
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxStatus.SENDING)
            .first()
        )
        if message is None:
            logger.info("Outbox message %s is not waiting to be sent; nothing to do", message_id)
            return SendOutcome.SKIPPED, None
        fields = ["status", "attempts", "last_error", "claimed_at", "sent_at", "subject", "body"]
        try:
            email = _email_of(message, renderer)
        except ReminderObsolete as obsolete:
            message.status = OutboxStatus.CANCELLED
            message.last_error = str(obsolete)
            message.save(update_fields=fields)
            logger.info("Outbox message %s cancelled: %s", message_id, obsolete)
            return SendOutcome.CANCELLED, None
        except Exception as error:
            # Failed at once: a reminder that cannot be rendered is never claimed again.
            logger.exception("Outbox message %s cannot be rendered", message_id)
            message.attempts += 1
            message.status = OutboxStatus.FAILED
            message.last_error = error_text(error)
            message.save(update_fields=fields)
            return SendOutcome.FAILED, None
        message.attempts += 1
        message.claimed_at = timezone.now()
        try:
            if mailer is None:
                email.send()
            else:
                mailer.send(email)
        except Exception as error:  # noqa: BLE001 - recorded on the row; transient ones retried
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
    return outcome, retry_error


@dataclass
class BatchResult:
    """What sending a batch did: the outcomes, and the messages to retry (and why)."""

    outcomes: Counter = field(default_factory=Counter)
    to_retry: list = field(default_factory=list)
    error: Exception | None = None


def outbox_batch_send(*, message_ids, final_attempt=False, in_process=False, renderer=None):
    """Send claimed messages over one connection to the mail server; return a BatchResult.

    Each message is sent as ``outbox_message_send`` sends it, in its own transaction
    with its row locked, so that one refused (or already sent) message never stops or
    resends the others. The meeting of the messages is read once (``renderer``, which
    may be shared by several batches). ``to_retry`` lists the messages refused for now,
    still sending: the task retries those only, after ``error``'s back-off. Side
    effects: those of ``outbox_message_send`` for each message; opens and closes one
    connection (again only when the server broke it).
    """
    renderer = renderer or ReminderRenderer()
    mailer = BatchMailer()
    result = BatchResult()
    try:
        for message_id in message_ids:
            outcome, retry_error = _message_send(
                message_id,
                final_attempt=final_attempt,
                in_process=in_process,
                renderer=renderer,
                mailer=mailer,
            )
            result.outcomes[outcome] += 1
            if retry_error is not None:
                result.to_retry.append(message_id)
                result.error = retry_error
    finally:
        mailer.close()
    return result


def outbox_send_in_process(*, message_ids):
    """Send claimed messages in this process, in batches; return the outcomes.

    One read of each meeting for all, one connection per ``BATCH_SIZE`` messages. Side
    effects: those of ``outbox_batch_send`` for each batch; a message refused for now
    goes back to pending for the next sweep.
    """
    renderer = ReminderRenderer()
    outcomes = Counter()
    message_ids = list(message_ids)
    for start in range(0, len(message_ids), BATCH_SIZE):
        result = outbox_batch_send(
            message_ids=message_ids[start : start + BATCH_SIZE],
            in_process=True,
            renderer=renderer,
        )
        outcomes.update(result.outcomes)
    return outcomes
