"""Celery tasks of the delegations app."""

import logging

from celery import shared_task

from cidi_meeting.tasks import EMAIL_TASK_OPTIONS
from delegations.invitations import services
from delegations.invitations.selectors import INVITATION_RELATED
from delegations.models import FocalPointInvitation

logger = logging.getLogger(__name__)


@shared_task(name="delegations.send_invitation", ignore_result=True, **EMAIL_TASK_OPTIONS)
def invitation_email_send(invitation_id, language=services.DEFAULT_LANGUAGE):
    """Email a focal point invitation; retried with back-off while the mail server refuses.

    ``language`` is used when the invited address has no account. Does nothing for an
    invitation that is gone, revoked or already sent.
    """
    invitation = (
        FocalPointInvitation.objects.select_related(*INVITATION_RELATED)
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        logger.info("Focal point invitation %s is gone or revoked; not sent", invitation_id)
        return False
    if invitation.sent_at is not None:
        # Tasks are acknowledged late: a re-delivered task must not send twice.
        logger.info("Focal point invitation %s was already sent", invitation_id)
        return False
    services.invitation_email_send(invitation=invitation, language=language)
    logger.info("Sent focal point invitation %s to %s", invitation_id, invitation.email)
    return True
