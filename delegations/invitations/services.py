"""Writes of focal point invitations: sending, re-sending and accepting them."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language, Role
from accounts.models import User
from cidi_meeting import jobs
from cidi_meeting.links import InvitationForAnotherAccount, emails_match, link_expiry
from cidi_meeting.mail import MailKind, render_email, send_message
from cidi_meeting.versioning import save_versioned
from delegations.enums import DelegationStatus
from delegations.invitations.links import invitation_url
from delegations.invitations.selectors import invitation_check_open
from delegations.models import Delegation, FocalPointInvitation

# Language of the email to an address without an account, unless the secretariat chooses.
DEFAULT_LANGUAGE = Language.ES


def invitation_expiry(*, meeting, now):
    """Return when a link sent at ``now`` stops working: not before the registration deadline."""
    return link_expiry(meeting=meeting, now=now, deadline=meeting.registration_deadline)


@transaction.atomic
def invitation_send(*, delegation, email, sent_by=None, language=DEFAULT_LANGUAGE):
    """Invite ``email`` to be the delegation's focal point; the new link replaces older ones.

    Side effects: revokes the delegation's earlier invitations that are neither accepted
    nor revoked; creates the invitation, open until ``invitation_expiry``; queues the
    email task once the transaction commits (the task writes in the preferred language
    of the account that has the address, else in ``language``, and sets ``sent_at``).
    """
    now = timezone.now()
    delegation.invitations.filter(revoked_at__isnull=True, accepted_at__isnull=True).update(
        revoked_at=now
    )
    invitation = FocalPointInvitation.objects.create(
        delegation=delegation,
        email=email.strip(),
        created_by=sent_by,
        expires_at=invitation_expiry(meeting=delegation.meeting, now=now),
    )
    jobs.enqueue("delegations.send_invitation", invitation.pk, str(language))
    return invitation


def invitation_resend(*, invitation, sent_by=None, language=DEFAULT_LANGUAGE):
    """Send the invited address a fresh link with a new expiry, revoking the old one.

    Raises ValidationError when the invitation was accepted (invite someone else to
    change the focal point) or a newer one replaced it (a second click on the button).
    Side effects: those of ``invitation_send``.
    """
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("%(email)s has already accepted this invitation; there is nothing to re-send."),
            code="accepted",
            params={"email": invitation.email},
        )
    if invitation.delegation.invitations.filter(pk__gt=invitation.pk).exists():
        raise ValidationError(
            _("A newer invitation has replaced this one; the list shows the latest."),
            code="replaced",
        )
    return invitation_send(
        delegation=invitation.delegation,
        email=invitation.email,
        sent_by=sent_by,
        language=language,
    )


@transaction.atomic
def invitations_send_bulk(*, meeting, addresses, sent_by=None, language=DEFAULT_LANGUAGE):
    """Invite a focal point for each member state of ``addresses`` ({state: email}).

    Side effects: creates the meeting's missing delegations of those states (status
    Invited, as many seats as the meeting gives a member state, recorded in their
    history); then those of ``invitation_send`` for each address.
    """
    existing = {
        delegation.member_state_id: delegation
        for delegation in meeting.delegations.filter(member_state__in=list(addresses))
    }
    invitations = []
    for state, email in addresses.items():
        delegation = existing.get(state.pk) or Delegation.objects.create(
            meeting=meeting,
            member_state=state,
            quota=meeting.quota_member_state,
            status=DelegationStatus.INVITED,
        )
        invitations.append(
            invitation_send(delegation=delegation, email=email, sent_by=sent_by, language=language)
        )
    return invitations


def invitation_email_send(*, invitation, language=DEFAULT_LANGUAGE):
    """Render the invitation email in the recipient's language and send it now.

    The language is the preferred one of the account that has the invited address, else
    ``language``. Side effects: sends one email to the invited address; sets ``sent_at``.
    """
    account_language = (
        User.objects.filter(email__iexact=invitation.email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    language = account_language or language or DEFAULT_LANGUAGE
    context = {
        "invitation": invitation,
        "delegation": invitation.delegation,
        "meeting": invitation.delegation.meeting,
        "invitation_url": invitation_url(invitation=invitation),
        "has_account": account_language is not None,
    }
    message = render_email(
        subject_template="delegations/invitations/email/subject.txt",
        body_template="delegations/invitations/email/message.txt",
        context=context,
        language=language,
        to=[invitation.email],
    )
    send_message(
        message,
        meeting_id=invitation.delegation.meeting_id,
        kind=MailKind.FOCAL_POINT_INVITATION,
        key=str(invitation.pk),
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    """Make ``user``, signed in under the invited address, the delegation's focal point.

    Accepting again is harmless. Raises InvitationForAnotherAccount for an account under
    another address, InvitationWithdrawn or InvitationExpired for a closed invitation.
    Side effects: marks the invitation accepted (when and by whom); links the user to the
    delegation as its focal point and moves an Invited delegation to Registering (saved
    with ``save_versioned``: a new version and a history record); adds the user to the
    "Delegation focal point" group; marks the invited address of the account verified,
    since the emailed link reached its holder there.
    """
    invitation = (
        FocalPointInvitation.objects.select_for_update()
        .select_related("delegation__meeting")
        .get(pk=invitation.pk)
    )
    if not emails_match(user.email, invitation.email):
        raise InvitationForAnotherAccount(invitation)
    if invitation.accepted_at is not None:
        return invitation
    invitation_check_open(invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])

    delegation = Delegation.objects.select_for_update().get(pk=invitation.delegation_id)
    delegation.focal_point = user
    if delegation.status == DelegationStatus.INVITED:
        delegation.status = DelegationStatus.REGISTERING
    save_versioned(
        delegation,
        expected_version=delegation.version,
        update_fields=["focal_point", "status", "updated_at"],
    )
    invitation.delegation = delegation

    user.groups.add(Group.objects.get_or_create(name=Role.FOCAL_POINT)[0])
    # accounts.roles caches the roles on the user object; this one has just changed.
    user.__dict__.pop("_role_names", None)
    EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
    return invitation
