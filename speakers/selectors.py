"""Reads of speaker invitations and statements."""

from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class InvitationState(models.TextChoices):
    """Where a slot stands with its speaker: invited or not, and the answer."""

    NOT_INVITED = "not_invited", _("Not invited yet")
    SENDING = "sending", _("Invitation being sent")
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The slot's status settles the state once the speaker has answered or left.
STATE_OF_SETTLED_STATUS = {
    SlotStatus.CONFIRMED: InvitationState.CONFIRMED,
    SlotStatus.DECLINED: InvitationState.DECLINED,
    SlotStatus.WITHDRAWN: InvitationState.WITHDRAWN,
}


@dataclass(frozen=True)
class SlotInvitationState:
    """A slot's InvitationState with its latest invitation (None: never invited)."""

    state: InvitationState
    latest: SpeakerInvitation | None
    is_expired: bool = False

    @property
    def sent_at(self):
        return self.latest.sent_at if self.latest else None

    @property
    def is_invited(self):
        """Return True once an invitation exists: inviting again must be confirmed."""
        return self.latest is not None


def slot_invitation_state(slot, *, now=None):
    """Return the SlotInvitationState of ``slot``.

    Read from the slot's status and its invitations (prefetch ``invitations`` to read a
    list of slots without a query each): a new slot is not invited until an invitation
    for it exists, and invited on the day its latest invitation was sent.
    """
    latest = max(slot.invitations.all(), key=lambda row: (row.created_at, row.pk), default=None)
    settled = STATE_OF_SETTLED_STATUS.get(slot.status)
    if settled is not None:
        return SlotInvitationState(settled, latest)
    if latest is None:
        return SlotInvitationState(InvitationState.NOT_INVITED, None)
    if latest.sent_at is None:
        return SlotInvitationState(InvitationState.SENDING, latest)
    is_expired = latest.expires_at <= (now or timezone.now())
    return SlotInvitationState(InvitationState.INVITED, latest, is_expired=is_expired)


@dataclass
class InviteAllPlan:
    """The meeting's slots awaiting an answer, split by what inviting them all would do."""

    # Never invited, with an address: invited by default.
    to_invite: list = field(default_factory=list)
    # Never invited, without an address: cannot be invited.
    without_email: list = field(default_factory=list)
    # Invited already: ``(slot, SlotInvitationState)``, invited again only when chosen.
    already_invited: list = field(default_factory=list)
    # Confirmed, declined or withdrawn: left alone.
    settled_count: int = 0


def invite_all_plan(*, meeting):
    """Return the InviteAllPlan of ``meeting``, in the agenda's order, in two queries."""
    slots = (
        SpeakerSlot.objects.filter(segment__meeting=meeting)
        .select_related(
            "person", "segment__meeting", "representing_state", "representing_organization"
        )
        .prefetch_related("invitations")
        .order_by("segment__order", "segment__pk", "order", "pk")
    )
    plan = InviteAllPlan()
    for slot in slots:
        state = slot_invitation_state(slot)
        if slot.status in STATE_OF_SETTLED_STATUS:
            plan.settled_count += 1
        elif state.is_invited:
            plan.already_invited.append((slot, state))
        elif slot.person.email.strip():
            plan.to_invite.append(slot)
        else:
            plan.without_email.append(slot)
    return plan


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
    # The session the slot is in; None in a meeting without sessions.
    session: object = None

    @property
    def day(self):
        """Return the day the speaker speaks: the slot's, or its part's while declined."""
        timing = self.slot_timing or self.segment_timing
        return timing.planned_start.date()

    @property
    def time_limit(self):
        return time_limit_label(self.slot)

    @property
    def answer_deadline(self):
        """Return the meeting's speaker-confirmation deadline, or None when it sets none.

        Never the link's expiry: the link may stay open after the deadline (see
        ``services.invitation_expiry``).
        """
        return self.meeting.speaker_confirmation_deadline

    @property
    def is_deadline_passed(self):
        deadline = self.answer_deadline
        return deadline is not None and deadline <= timezone.now()


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
    session_timing, segment_timing = next(
        (sitting, part)
        for sitting in timing.sessions
        for part in sitting.segments
        if part.segment.pk == invitation.slot.segment_id
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
        session=None if session_timing.session.is_implicit else session_timing.session,
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
