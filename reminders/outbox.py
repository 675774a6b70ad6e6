"""A meeting's emails other than reminders, written into its outbox and sent from there.

``cidi_meeting.mail.queue_message`` and ``send_message`` hand them here when the caller
names the meeting (``RemindersConfig.ready`` registers ``outbox_email_record``), so
that every email of a meeting is listed in its outbox with its status, and is sent once
by the outbox's delivery.
"""

import hashlib
import uuid

from django.utils import timezone

from cidi_meeting.mail import MailKind
from reminders.delivery import outbox_message_send, outbox_queue
from reminders.models import OutboxMessage, OutboxStatus
from reminders.recipients import DEDUPE_KEY_MAX, language_or_default

RECIPIENT_MAX_CHARS = 254
SUBJECT_MAX_CHARS = 300


def email_dedupe_key(*, kind, key=""):
    """Return the outbox key of an email: its kind and the caller's key, else a new one."""
    value = f"{kind}:{key or uuid.uuid4().hex}"
    if len(value) <= DEDUPE_KEY_MAX:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def _claim(row, now):
    """Mark a row that waits (pending) as sending; return True if it is sending now."""
    if row.status == OutboxStatus.PENDING:
        claimed = OutboxMessage.objects.filter(pk=row.pk, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.SENDING, claimed_at=now
        )
        return bool(claimed)
    return row.status == OutboxStatus.SENDING


def outbox_email_record(
    fields, *, meeting_id, kind=MailKind.OTHER, key="", send_now=False, now=None
):
    """Write a meeting's email into its outbox and have it sent once; return the row.

    ``fields`` is the email as ``cidi_meeting.mail.message_to_fields`` gives it. ``key``
    names the email within its kind: recording it again (a task delivered twice) finds
    the row already written and never sends it twice. Side effects: creates the row,
    sending, with its recipients, subject, text and the email as queued; then either
    sends it from here at once (``send_now``: a transient refusal is raised for the
    caller's task to retry, and the row stays sending, which a later sweep takes up again
    if the caller gives up; a permanent one marks it failed), or queues its send task once
    the transaction commits (the broker unreachable, it is sent from here).
    """
    now = now or timezone.now()
    headers = fields.get("headers") or {}
    row, created = OutboxMessage.objects.get_or_create(
        dedupe_key=email_dedupe_key(kind=kind, key=key),
        defaults={
            "meeting_id": meeting_id,
            "kind": kind,
            "due_at": now,
            "recipient_email": ", ".join(fields.get("to") or [])[:RECIPIENT_MAX_CHARS],
            "language": language_or_default(headers.get("Content-Language", "")),
            "subject": fields.get("subject", "")[:SUBJECT_MAX_CHARS],
            "body": fields.get("body", ""),
            "payload": fields,
            "status": OutboxStatus.SENDING,
            "claimed_at": now,
        },
    )
    if send_now:
        if _claim(row, now):
            outbox_message_send(message_id=row.pk)
            row.refresh_from_db()
    elif created:
        outbox_queue(batches=[[row.pk]], send_here_if_unreachable=True)
    return row
