"""Celery tasks of the speakers app."""

import logging

from celery import shared_task

from cidi_meeting.tasks import EMAIL_TASK_OPTIONS
from speakers import services
from speakers.models import SpeakerInvitation

logger = logging.getLogger(__name__)


@shared_task(name="speakers.send_invitation", ignore_result=True, **EMAIL_TASK_OPTIONS)
def invitation_email_send(invitation_id):
    """Email a speaker invitation; retried with back-off while the mail server refuses."""
    invitation = (
        SpeakerInvitation.objects.select_related("slot__person", "slot__segment__meeting")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        logger.info("Speaker invitation %s is gone or revoked; not sent", invitation_id)
        return False
    if invitation.sent_at is not None:
        # Tasks are acknowledged late: a re-delivered task must not send twice.
        logger.info("Speaker invitation %s was already sent", invitation_id)
        return False
    services.invitation_email_send(invitation=invitation)
    logger.info("Sent speaker invitation %s to %s", invitation_id, invitation.email)
    return True
