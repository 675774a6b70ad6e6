"""The link between a delegation member and a portal account, made by invitation.

The focal point sends a member a signed link (``delegations.member_access`` salt) that
carries the member's id, address and expiry. The member opens it signed in and confirms
with a POST; the account is linked only when one of its verified addresses equals the
member's. Read access to the delegation then follows the link (``delegations.rules``),
never an address alone. The secretariat sets or clears the link on the member's page
(the account must have confirmed the address it gives) or in the admin.
"""

import datetime
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import secretariat_required, sign_in_required
from cidi_meeting.links import absolute_url, emails_match, link_expiry
from cidi_meeting.mail import MailKind, queue_message, render_email
from delegations import selectors
from delegations.forms import MemberAccountForm
from delegations.models import DelegationMember
from delegations.rules import can_edit_delegation

SALT = "delegations.member_access"


class MemberAccessRefused(Exception):
    """A link that cannot be used; ``reason`` picks the explanation and the status code."""

    def __init__(self, reason, member=None):
        super().__init__(reason)
        self.reason = reason
        self.member = member


# HTTP status of each reason a link is refused.
REFUSAL_STATUS = {"invalid": 400, "expired": 410, "withdrawn": 410, "other_account": 403}


# Links ----------------------------------------------------------------------------------


def member_access_expiry(*, member, now=None):
    """Return when a link sent now stops working (see ``cidi_meeting.links.link_expiry``)."""
    meeting = member.delegation.meeting
    return link_expiry(meeting=meeting, now=now or timezone.now())


def member_access_token_make(*, member, expires_at=None):
    """Return the signed token of ``member``'s invitation, valid until ``expires_at``."""
    expires_at = expires_at or member_access_expiry(member=member)
    payload = {"member": member.pk, "email": member.email, "expires": int(expires_at.timestamp())}
    return signing.dumps(payload, salt=SALT)


def member_access_path(*, member, expires_at=None):
    token = member_access_token_make(member=member, expires_at=expires_at)
    return reverse("delegations:member_access", kwargs={"token": token})


def member_access_url(*, member, expires_at=None):
    """Return the absolute link for the email."""
    return absolute_url(member_access_path(member=member, expires_at=expires_at))


def member_access_read(token):
    """Return the member the token opens, or raise MemberAccessRefused.

    Refused when the token was altered or made for something else, has expired, or names
    a member that was removed or whose address changed since it was sent.
    """
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise MemberAccessRefused("invalid") from None
    if not isinstance(payload, dict):
        raise MemberAccessRefused("invalid")
    member_id, email, expires = (payload.get(key) for key in ("member", "email", "expires"))
    if not (isinstance(member_id, int) and isinstance(email, str) and isinstance(expires, int)):
        raise MemberAccessRefused("invalid")
    member = (
        DelegationMember.objects.select_related(
            "delegation__meeting", "delegation__member_state", "delegation__organization"
        )
        .filter(pk=member_id)
        .first()
    )
    if member is None or not member.email or not emails_match(member.email, email):
        raise MemberAccessRefused("withdrawn", member)
    if timezone.now() >= datetime.datetime.fromtimestamp(expires, tz=datetime.UTC):
        raise MemberAccessRefused("expired", member)
    return member


def has_verified_address(*, user, email):
    """Return True when one of the user's verified addresses equals ``email``."""
    return EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=email.strip()
    ).exists()


# Services -------------------------------------------------------------------------------


def member_access_invite(*, member, sent_by):
    """Email ``member`` a link that links their portal account to the membership.

    Raises ValueError when the member has no address. Side effects: queues one email to
    the member's address, in the member's preferred language, through the meeting's
    outbox once the transaction commits.
    """
    if not member.email:
        raise ValueError("The member has no email address.")
    delegation = member.delegation
    expires_at = member_access_expiry(member=member)
    context = {
        "member": member,
        "delegation": delegation,
        "meeting": delegation.meeting,
        "sent_by": sent_by,
        "link": member_access_url(member=member, expires_at=expires_at),
        "expires_at": expires_at,
    }
    queue_message(
        render_email(
            subject_template="delegations/email/member_access_subject.txt",
            body_template="delegations/email/member_access_message.txt",
            context=context,
            language=member.preferred_language,
            to=[member.email],
        ),
        meeting_id=delegation.meeting_id,
        kind=MailKind.REGISTRATION,
    )


def member_account_link(*, member, user):
    """Link ``user`` to ``member`` when one of the user's verified addresses is the member's.

    Raises MemberAccessRefused("other_account") otherwise. Side effects: sets the
    member's account (recorded in its history).
    """
    if not has_verified_address(user=user, email=member.email):
        raise MemberAccessRefused("other_account", member)
    return member_account_set(
        member=member, user=user, reason="Portal account linked by the member's confirmation"
    )


def verified_account_of(email):
    """Return the active account that confirmed ``email``, or None."""
    confirmed = EmailAddress.objects.filter(verified=True, user__is_active=True)
    address = confirmed.filter(email__iexact=email.strip()).select_related("user").first()
    return address.user if address else None


def member_account_set(*, member, user, reason=None):
    """Link ``user`` to ``member`` (the secretariat's decision), or unlink with None.

    The caller has checked that ``user`` confirmed the address it was found by
    (``verified_account_of``). Side effects: the member's account, with a history record
    (``reason``, else the secretariat's link or unlink).
    """
    member.account = user
    member._change_reason = reason or (
        "Portal account linked by the secretariat"
        if user is not None
        else "Portal account unlinked by the secretariat"
    )
    member.save(update_fields=["account"])
    return member


# Views ----------------------------------------------------------------------------------


@secretariat_required
@require_POST
def member_account(request, pk, member_pk):
    """Link the member to the account that confirmed an address, or unlink it."""
    member = get_object_or_404(
        DelegationMember.objects.select_related("account"), pk=member_pk, delegation_id=pk
    )
    if request.POST.get("unlink"):
        member_account_set(member=member, user=None)
        messages.success(
            request, _("%(name)s is no longer linked to a portal account.") % {"name": member}
        )
        return redirect("delegations:member_edit", pk=pk, member_pk=member.pk)
    form = MemberAccountForm(request.POST)
    user = form.is_valid() and verified_account_of(form.cleaned_data["email"])
    if not user:
        messages.error(
            request,
            _(
                "No portal account has confirmed this address. Ask the person to sign up "
                "and confirm it, or send them the focal point's invitation."
            ),
        )
        return redirect("delegations:member_edit", pk=pk, member_pk=member.pk)
    member_account_set(member=member, user=user)
    messages.success(
        request,
        _("%(name)s is linked to the portal account %(email)s.")
        % {"name": member, "email": user.email},
    )
    return redirect("delegations:member_edit", pk=pk, member_pk=member.pk)


@sign_in_required
@require_POST
def member_invite(request, pk, member_pk):
    """Send one member of the delegation an invitation to the portal (focal point's button)."""
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    if not can_edit_delegation(request.user, delegation):
        raise Http404("No such delegation.")
    member = get_object_or_404(DelegationMember, pk=member_pk, delegation=delegation)
    try:
        member_access_invite(member=member, sent_by=request.user)
    except ValueError:
        messages.error(
            request,
            _("%(name)s has no email address: add one before inviting them to the portal.")
            % {"name": member.display_name},
        )
    else:
        messages.success(
            request,
            _("%(name)s's invitation to the portal is on its way to %(email)s.")
            % {"name": member.display_name, "email": member.email},
        )
    return redirect("delegations:registration", pk=delegation.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def member_access(request, token):
    """Open a member's invitation: sign in first, then confirm with a POST to link."""
    try:
        member = member_access_read(token)
    except MemberAccessRefused as refusal:
        return _page(request, refusal.member, state=refusal.reason)
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        return _page(
            request,
            member,
            state="sign_in",
            login_url=f"{reverse('account_login')}?{query}",
            signup_url=f"{reverse('account_signup')}?{query}",
        )
    if member.account_id == request.user.pk:
        return _page(request, member, state="linked")
    if not has_verified_address(user=request.user, email=member.email):
        return _page(request, member, state="other_account")
    if request.method == "POST":
        member_account_link(member=member, user=request.user)
        messages.success(
            request,
            # Translators: of_delegation already holds "of" and the name with its article:
            # "of Panama", "de la República Dominicana", "du Panama", "do México".
            _("Your account now reads the delegation %(of_delegation)s as %(name)s.")
            % {"of_delegation": member.delegation.name_of, "name": member.display_name},
        )
        return redirect("delegations:registration", pk=member.delegation_id)
    return _page(request, member, state="confirm")


def _page(request, member, *, state, **extra):
    return render(
        request,
        "delegations/member_access.html",
        {"member": member, "state": state, **extra},
        status=REFUSAL_STATUS.get(state, 200),
    )
