"""Send email through the Celery workers, and through a meeting's outbox when it has one.

Messages are rendered where the data is (a request or a task), then queued as plain
fields so that a worker delivers them; a failing mail server delays delivery instead of
failing the page.

An email that belongs to a meeting is named by the caller (``meeting_id=``, ``kind=``).
The app that keeps the outbox (``reminders``, a higher layer that this module cannot
import) registers a recorder with ``outbox_register`` in its ``AppConfig.ready()``: the
email is then written into the meeting's outbox, with its status, and delivered from
there. Without a recorder, or without a meeting, it goes the plain way.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cidi_meeting import jobs

logger = logging.getLogger(__name__)


class MailKind(models.TextChoices):
    """What an email is about, as the meeting's outbox lists it."""

    REMINDER = "reminder", _("Reminder")
    SPEAKER_INVITATION = "speaker_invitation", _("Speaker invitation")
    FOCAL_POINT_INVITATION = "focal_point_invitation", _("Focal-point invitation")
    REGISTRATION = "registration", _("Registration and accreditation")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    ACCOUNT = "account", _("Account")
    OTHER = "other", _("Other")


# The outbox's recorder, if an app registered one: at most one.
_recorders: list[Callable] = []


def outbox_register(recorder: Callable) -> None:
    """Record and deliver the emails of meetings through ``recorder`` from now on.

    ``recorder(fields, *, meeting_id, kind, key, send_now)`` receives the message as
    ``message_to_fields`` gives it. ``key`` names the email so that asking twice (a task
    delivered again) records it once; ``send_now`` asks for it to be sent at once, in this
    process, raising the mail server's transient errors as ``message.send()`` would.
    Registering again replaces the earlier recorder.
    """
    _recorders[:] = [recorder]


def outbox_recorder() -> Callable | None:
    """Return the registered recorder, or None."""
    return _recorders[0] if _recorders else None


def _record(message, *, meeting_id, kind, key, send_now):
    """Hand the message to the outbox; return False when it takes the plain way."""
    recorder = outbox_recorder()
    if meeting_id is None or recorder is None:
        return False
    recorder(
        message_to_fields(message),
        meeting_id=meeting_id,
        kind=str(kind),
        key=key,
        send_now=send_now,
    )
    return True


def _is_link(value):
    return isinstance(value, str) and value.startswith(("http://", "https://", "/"))


def render_email(*, subject_template, body_template, context, language, to):
    """Render a plain-text email in ``language`` from two templates; return the message.

    The subject is folded onto one line and carries the portal's prefix. Links to the
    portal's pages in ``context`` are given the recipient's language prefix.
    """
    context = {
        key: translate_url(value, language) if _is_link(value) else value
        for key, value in context.items()
    }
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers={"Content-Language": language},
    )


def message_to_fields(message):
    """Return the message as JSON-serialisable fields for a task."""
    alternatives = [
        {"content": content, "mimetype": mimetype}
        for content, mimetype in getattr(message, "alternatives", [])
    ]
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": alternatives,
        "content_subtype": getattr(message, "content_subtype", "plain"),
    }


def fields_to_message(fields):
    """Rebuild an email message from ``message_to_fields`` output."""
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        cc=fields.get("cc") or None,
        bcc=fields.get("bcc") or None,
        reply_to=fields.get("reply_to") or None,
        headers=fields.get("headers") or None,
    )
    message.content_subtype = fields.get("content_subtype", "plain")
    for alternative in fields.get("alternatives", []):
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    return message


def send_here(fields):
    """Send the message from this process (the broker is down); never raise."""
    logger.warning("Sending %r directly", fields["subject"])
    try:
        fields_to_message(fields).send()
    except OSError:
        logger.exception("Could not send %r either", fields["subject"])


def queue_message(message, *, meeting_id=None, kind=MailKind.OTHER, key=""):
    """Queue the message for a worker once the current transaction commits.

    With ``meeting_id`` and an outbox recorder, the message is written into the meeting's
    outbox as ``kind`` and delivered from there (see the module's docstring); ``key``
    names it so that queuing it twice records it once. With the broker down the message
    is sent from here: what the person did is saved and the email should still reach its
    reader.
    """
    if _record(message, meeting_id=meeting_id, kind=kind, key=key, send_now=False):
        return
    jobs.enqueue("cidi_meeting.send_email", message_to_fields(message), on_unreachable=send_here)


def send_message(message, *, meeting_id=None, kind=MailKind.OTHER, key=""):
    """Send the message now, from this process (a task that owns its retries).

    Raises the mail server's errors, so that the calling task retries. With
    ``meeting_id`` and an outbox recorder, the message is written into the meeting's
    outbox as ``kind`` and sent through it: ``key`` names it so that a task delivered
    again sends it once, and only transient errors are raised; a permanent refusal is
    recorded in the outbox as failed, where the secretariat can send it again.
    """
    if _record(message, meeting_id=meeting_id, kind=kind, key=key, send_now=True):
        return
    message.send()
