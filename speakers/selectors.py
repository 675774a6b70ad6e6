"""Reads of speaker invitations and statements."""

from dataclasses import dataclass

from django.utils import timezone

from accounts.roles import is_moderator, is_secretariat
from agenda.enums import MeetingStatus
from agenda.models import Meeting
from agenda.selectors import (
    SegmentTiming,
    SlotTiming,
    agenda_timing,
    meeting_get_for_agenda,
    questions_for_slot,
)
from cidi_meeting.labels import time_limit_label
from cidi_meeting.links import (
    BadInvitationToken,
    InvitationExpired,
    InvitationForAnotherAccount,
    InvitationLinkInvalid,
    InvitationWithdrawn,
    emails_match,
)
from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation, SpeakerSlot, Statement
from speakers.tokens import invitation_token_read


def invitation_check_open(invitation, *, now=None):
    """Raise InvitationWithdrawn or InvitationExpired unless ``invitation`` can be used."""
    if invitation.revoked_at is not None or invitation.slot.status == SlotStatus.WITHDRAWN:
        raise InvitationWithdrawn(invitation)
    if invitation.expires_at <= (now or timezone.now()):
        raise InvitationExpired(invitation)


def invitation_get_by_token(*, token, user):
    """Return the open invitation that ``token`` opens for ``user``.

    ``user`` may be anonymous: the link itself is the speaker's credential. Raises
    InvitationLinkInvalid for an altered link, InvitationForAnotherAccount when someone
    signed in under another address uses a forwarded link, InvitationWithdrawn and
    InvitationExpired for links that can no longer be used.
    """
    try:
        invitation_id, email = invitation_token_read(token)
    except BadInvitationToken:
        raise InvitationLinkInvalid from None
    invitation = (
        SpeakerInvitation.objects.select_related("slot__person", "slot__segment__meeting")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise InvitationWithdrawn
    if not emails_match(invitation.email, email):
        raise InvitationLinkInvalid
    if user.is_authenticated and not emails_match(user.email, invitation.email):
        raise InvitationForAnotherAccount(invitation)
    invitation_check_open(invitation)
    return invitation


@dataclass
class InvitationDetails:
    invitation: SpeakerInvitation
    meeting: Meeting
    slot: SpeakerSlot
    segment_timing: SegmentTiming
    # None while the slot takes no time on the agenda (declined).
    slot_timing: SlotTiming | None
    questions: list
    statements: list

    @property
    def time_limit(self):
        return time_limit_label(self.slot)


def invitation_details(*, invitation):
    """Return what the invitation's page and email show about the speaker's slot.

    The meeting, the slot's part, its clock times in the meeting's time zone, the guiding
    questions the speaker answers (those addressed to the slot and the part's general
    ones, in the part's order) and the statements already sent.
    """
    meeting = meeting_get_for_agenda(
        slug=invitation.slot.segment.meeting.slug, published_only=False
    )
    timing = agenda_timing(meeting)
    segment_timing = next(
        part for part in timing.segments if part.segment.pk == invitation.slot.segment_id
    )
    slot = next(s for s in segment_timing.segment.slots.all() if s.pk == invitation.slot_id)
    slot_timing = next((item for item in segment_timing.slots if item.slot.pk == slot.pk), None)
    statements = list(Statement.objects.filter(slot_id=slot.pk))
    return InvitationDetails(
        invitation=invitation,
        meeting=meeting,
        slot=slot,
        segment_timing=segment_timing,
        slot_timing=slot_timing,
        questions=questions_for_slot(slot=slot, segment_timing=segment_timing),
        statements=statements,
    )


def statement_get_for_download(*, pk, user):
    """Return the statement ``user`` may download, or raise ``Statement.DoesNotExist``.

    Those who run meetings read statements at any time; everyone else once the speaker has
    delivered them in a published meeting.
    """
    statements = Statement.objects.select_related("slot")
    if not (is_secretariat(user) or is_moderator(user)):
        statements = statements.filter(
            slot__delivered_at__isnull=False,
            slot__segment__meeting__status__in=[MeetingStatus.PUBLISHED, MeetingStatus.CLOSED],
        )
    return statements.get(pk=pk)
