"""Writes of speaker invitations, speakers' answers and their statements."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cidi_meeting import jobs
from cidi_meeting.links import link_expiry
from cidi_meeting.mail import MailKind, render_email, send_message
from cidi_meeting.uploads import DOCX, PDF, PPTX, generated_name
from cidi_meeting.versioning import save_versioned
from speakers.enums import InvitationResponse, SlotStatus
from speakers.models import SpeakerInvitation, SpeakerSlot, Statement
from speakers.selectors import invitation_check_open, invitation_details
from speakers.tokens import invitation_url

STATEMENT_TYPES = [PDF, DOCX, PPTX]
STATEMENT_MAX_BYTES = 20 * 1024 * 1024
SLOT_STATUS_FOR_RESPONSE = {
    InvitationResponse.CONFIRMED: SlotStatus.CONFIRMED,
    InvitationResponse.DECLINED: SlotStatus.DECLINED,
}


def invitation_expiry(*, meeting, now):
    """Return when a link sent at ``now`` stops working: not before the answer deadline."""
    return link_expiry(meeting=meeting, now=now, deadline=meeting.speaker_confirmation_deadline)


@transaction.atomic
def invitation_send(*, slot, sent_by=None):
    """Invite the slot's speaker by email; the new link replaces any earlier one.

    Raises ValidationError when the speaker has no email address. Side effects: revokes
    the slot's earlier invitations that were not revoked yet; creates the invitation,
    open until ``invitation_expiry``; queues the email task once the transaction commits
    (the task sends the email in the speaker's language and sets ``sent_at``).
    """
    email = slot.person.email.strip()
    if not email:
        raise ValidationError(
            _("%(name)s has no email address; add one to the speaker's record first."),
            code="no_email",
            params={"name": slot.person.display_name},
        )
    now = timezone.now()
    slot.invitations.filter(revoked_at__isnull=True).update(revoked_at=now)
    invitation = SpeakerInvitation.objects.create(
        slot=slot,
        email=email,
        created_by=sent_by,
        expires_at=invitation_expiry(meeting=slot.segment.meeting, now=now),
    )
    jobs.enqueue("speakers.send_invitation", invitation.pk)
    return invitation


@transaction.atomic
def invitations_send_all(*, slots, sent_by=None):
    """Invite the speaker of each of ``slots`` (the secretariat's "Invite all").

    All or none: raises ValidationError, and sends nothing, when a speaker has no email
    address. Side effects: those of ``invitation_send`` for each slot.
    """
    return [invitation_send(slot=slot, sent_by=sent_by) for slot in slots]


def invitation_email_send(*, invitation):
    """Render the invitation email in the speaker's preferred language and send it now.

    Side effects: sends one email to the invited address; sets ``sent_at``.
    """
    language = invitation.slot.person.preferred_language
    context = {
        "details": invitation_details(invitation=invitation),
        "person": invitation.slot.person,
        "invitation_url": invitation_url(invitation=invitation),
    }
    message = render_email(
        subject_template="speakers/email/invitation_subject.txt",
        body_template="speakers/email/invitation_message.txt",
        context=context,
        language=language,
        to=[invitation.email],
    )
    send_message(
        message,
        meeting_id=invitation.slot.segment.meeting_id,
        kind=MailKind.SPEAKER_INVITATION,
        key=str(invitation.pk),
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


@transaction.atomic
def invitation_respond(*, invitation, response):
    """Record the speaker's answer (confirmed or declined) and set the slot's status to match.

    Raises InvitationExpired or InvitationWithdrawn when the invitation is closed. Side
    effects: saves the answer and its time on the invitation; when the slot's status
    changes, saves the slot with ``save_versioned``, so its version rises and its history
    records the change.
    """
    slot_status = SLOT_STATUS_FOR_RESPONSE[response]
    # Lock the slot first: the version read here is then the one save_versioned checks.
    invitation.slot = SpeakerSlot.objects.select_for_update().get(pk=invitation.slot_id)
    invitation_check_open(invitation)
    invitation.response = response
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    slot = invitation.slot
    if slot.status != slot_status:
        slot.status = slot_status
        save_versioned(slot, expected_version=slot.version, update_fields=["status"])
    return invitation


def statement_upload(*, invitation, uploaded, kind):
    """Store a statement the speaker sent through the invitation's page.

    ``kind`` is what ``cidi_meeting.uploads.validate_document`` detected in the file's
    content (``StatementUploadForm`` checks it). Raises InvitationExpired or
    InvitationWithdrawn when the invitation is closed. Side effects: writes the file to the
    default storage under a generated name (never the uploaded one); creates the
    Statement, which keeps the original name for downloads.
    """
    invitation_check_open(invitation)
    stored_name = default_storage.save(generated_name("statements", kind), uploaded)
    try:
        return Statement.objects.create(
            slot_id=invitation.slot_id,
            invitation=invitation,
            file=stored_name,
            original_name=PurePath(uploaded.name).name[:255],
            kind=kind,
            size=uploaded.size,
        )
    except Exception:
        default_storage.delete(stored_name)
        raise
