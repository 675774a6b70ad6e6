"""Send email through the Celery workers.

Messages are rendered where the data is (a request or a task), then queued as plain
fields so that a worker delivers them; a failing mail server delays delivery instead of
failing the page.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation

from cidi_meeting import jobs

logger = logging.getLogger(__name__)


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


def queue_message(message):
    """Queue the message for a worker once the current transaction commits.

    With the broker down the message is sent from here: what the person did is saved
    and the email should still reach its reader.
    """
    jobs.enqueue("cidi_meeting.send_email", message_to_fields(message), on_unreachable=send_here)
