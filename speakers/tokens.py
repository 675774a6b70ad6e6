"""Signed links of speaker invitations.

The token carries the invitation's id and the invited address, signed with the
project's secret key; the invitation's row decides whether it is still open (expiry and
revocation live in the database, so the secretariat can withdraw a link at any time).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "speakers.invitation"


class BadInvitationToken(Exception):
    """The token was altered, truncated or made for something else."""


def invitation_token_make(*, invitation):
    """Return the signed token that opens ``invitation``'s page."""
    return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=SALT)


def invitation_token_read(token):
    """Return ``(invitation id, invited address)`` from a token, or raise BadInvitationToken."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise BadInvitationToken from None
    if not isinstance(payload, dict):
        raise BadInvitationToken
    invitation_id, email = payload.get("id"), payload.get("email")
    if not isinstance(invitation_id, int) or not isinstance(email, str):
        raise BadInvitationToken
    return invitation_id, email


def invitation_url(*, invitation):
    """Return the absolute link to ``invitation``'s page, for the email."""
    path = reverse(
        "speakers:invitation", kwargs={"token": invitation_token_make(invitation=invitation)}
    )
    return settings.SITE_URL.rstrip("/") + path
