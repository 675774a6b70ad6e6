"""Reads of focal point invitations: the secretariat's pages and the link's checks."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cidi_meeting.links import (
    BadInvitationToken,
    InvitationExpired,
    InvitationForAnotherAccount,
    InvitationLinkInvalid,
    InvitationWithdrawn,
    emails_match,
)
from delegations.invitations.links import invitation_token_read
from delegations.models import Delegation, FocalPointInvitation, MemberState

# What the invitation page and the email need besides the invitation itself.
INVITATION_RELATED = ("delegation__meeting", "delegation__member_state", "delegation__organization")


class InvitationState(models.TextChoices):
    """Where a delegation stands with its latest invitation."""

    NOT_INVITED = "not_invited", _("Not invited")
    QUEUED = "queued", _("Being sent")
    SENT = "sent", _("Sent, not accepted")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def invitation_state(invitation, *, now):
    """Return the InvitationState of ``invitation`` (None: not invited) at ``now``."""
    if invitation is None:
        return InvitationState.NOT_INVITED
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.revoked_at is not None:
        return InvitationState.WITHDRAWN
    if invitation.expires_at <= now:
        return InvitationState.EXPIRED
    if invitation.sent_at is None:
        return InvitationState.QUEUED
    return InvitationState.SENT


@dataclass
class InvitationRow:
    """A delegation of the meeting with its latest invitation, for the secretariat's list."""

    delegation: Delegation
    invitation: FocalPointInvitation | None
    state: InvitationState

    @property
    def needs_attention(self):
        """Return True while nobody has accepted to be the delegation's focal point.

        A delegation never invited but already linked to a focal point (set in the
        administration site, or by an earlier meeting's seed) needs nothing more.
        """
        if self.invitation is None:
            return self.delegation.focal_point_id is None
        return self.state != InvitationState.ACCEPTED

    @property
    def can_resend(self):
        return self.invitation is not None and self.state != InvitationState.ACCEPTED


def invitation_rows(*, meeting):
    """Return every delegation of the meeting with its latest invitation, in two queries.

    Member states come first in Spanish alphabetical order (the OAS order), then the
    organizations by acronym.
    """
    delegations = (
        meeting.delegations.select_related("member_state", "organization", "focal_point")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=FocalPointInvitation.objects.order_by("-created_at", "-pk"),
                to_attr="invitations_newest_first",
            )
        )
        .order_by(F("member_state__spanish_order").asc(nulls_last=True), "organization__acronym")
    )
    now = timezone.now()
    rows = []
    for delegation in delegations:
        latest = next(iter(delegation.invitations_newest_first), None)
        rows.append(InvitationRow(delegation, latest, invitation_state(latest, now=now)))
    return rows


@dataclass
class BulkInvitationPlan:
    """The participating member states, split by whether the meeting has invited them."""

    # Each state carries ``suggested_email``: the address last used for its focal point.
    to_invite: list[MemberState]
    already_invited: list[MemberState]


def bulk_invitation_plan(*, meeting):
    """Return the participating member states to invite to ``meeting``, in one query.

    A state counts as already invited while the meeting has an invitation for it that is
    accepted or not revoked. The others are proposed in Spanish alphabetical order, each
    with the address last used for its focal point: the latest invitation to the state
    in any meeting, else the account of its latest delegation's focal point.
    """
    invited_here = FocalPointInvitation.objects.filter(
        Q(revoked_at__isnull=True) | Q(accepted_at__isnull=False),
        delegation__meeting=meeting,
        delegation__member_state=OuterRef("pk"),
    )
    last_invited = (
        FocalPointInvitation.objects.filter(delegation__member_state=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("email")[:1]
    )
    last_focal_point = (
        Delegation.objects.filter(member_state=OuterRef("pk"), focal_point__isnull=False)
        .order_by("-meeting__date", "-created_at")
        .values("focal_point__email")[:1]
    )
    states = (
        MemberState.objects.filter(participates=True)
        .annotate(
            is_invited=Exists(invited_here),
            suggested_email=Coalesce(Subquery(last_invited), Subquery(last_focal_point), Value("")),
        )
        .order_by("spanish_order")
    )
    plan = BulkInvitationPlan(to_invite=[], already_invited=[])
    for state in states:
        (plan.already_invited if state.is_invited else plan.to_invite).append(state)
    return plan


def invitation_check_open(invitation, *, now=None):
    """Raise InvitationWithdrawn or InvitationExpired unless ``invitation`` can be accepted."""
    if invitation.revoked_at is not None:
        raise InvitationWithdrawn(invitation)
    if invitation.expires_at <= (now or timezone.now()):
        raise InvitationExpired(invitation)


def invitation_get_by_token(*, token, user):
    """Return the invitation that ``token`` opens for ``user`` (who may be anonymous).

    Raises InvitationLinkInvalid for an altered link, InvitationForAnotherAccount when
    someone signed in under another address opens it (a forwarded link), and
    InvitationWithdrawn or InvitationExpired for a link that can no longer be accepted.
    An accepted invitation stays readable, so that opening the link again is harmless.
    """
    try:
        invitation_id, email = invitation_token_read(token)
    except BadInvitationToken:
        raise InvitationLinkInvalid from None
    invitation = (
        FocalPointInvitation.objects.select_related(*INVITATION_RELATED)
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise InvitationWithdrawn
    if not emails_match(invitation.email, email):
        raise InvitationLinkInvalid
    if user.is_authenticated and not emails_match(user.email, invitation.email):
        raise InvitationForAnotherAccount(invitation)
    if invitation.accepted_at is None:
        invitation_check_open(invitation)
    return invitation


def invitation_get_open(*, pk, email):
    """Return invitation ``pk`` if it is open and addressed to ``email``, else None.

    Open: neither accepted, revoked nor expired. The sign-up form asks this of the
    invitation its session carries.
    """
    invitation = (
        FocalPointInvitation.objects.select_related(*INVITATION_RELATED)
        .filter(
            pk=pk,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if invitation is None or not emails_match(invitation.email, email):
        return None
    return invitation


def account_exists(*, email):
    """Return True when an account signs in with ``email`` (in any letter case)."""
    return User.objects.filter(email__iexact=email.strip()).exists()
