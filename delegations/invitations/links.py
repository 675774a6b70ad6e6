"""Signed links of focal point invitations, and the addresses the flow sends people to.

The token carries the invitation's id and the invited address, signed with the
project's secret key; the invitation's row decides whether the link still works (expiry,
revocation and acceptance live in the database).
"""

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse

from speakers.tokens import BadInvitationToken

SALT = "delegations.invitation"


def invitation_token_make(*, invitation):
    """Return the signed token that opens ``invitation``'s link."""
    return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=SALT)


def invitation_token_read(token):
    """Return ``(invitation id, invited address)`` from a token, or raise BadInvitationToken."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise BadInvitationToken from None
    invitation_id = payload.get("id") if isinstance(payload, dict) else None
    email = payload.get("email") if isinstance(payload, dict) else None
    if not isinstance(invitation_id, int) or not isinstance(email, str):
        raise BadInvitationToken
    return invitation_id, email


def invitation_path(*, invitation):
    """Return the path of ``invitation``'s link."""
    token = invitation_token_make(invitation=invitation)
    return reverse("delegations:invitation_accept", kwargs={"token": token})


def invitation_url(*, invitation):
    """Return the absolute link to ``invitation``, for the email."""
    return settings.SITE_URL.rstrip("/") + invitation_path(invitation=invitation)


def my_delegations_url():
    """Return the focal point's page of delegations (the home page until it exists)."""
    try:
        return reverse("delegations:my_delegations")
    except NoReverseMatch:
        return "/"
