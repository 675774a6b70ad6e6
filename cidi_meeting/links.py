"""Signed links that open one invitation, the refusals such a link can meet, and addresses.

A token carries the invitation's id and the invited address, signed with the project's
secret key and a salt of its own per kind of invitation (a speaker's link never opens a
focal point's invitation). The invitation's row decides whether the link still works:
expiry, revocation and acceptance live in the database, so the secretariat can withdraw
a link at any time.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

# An invitation link works for this long at least (see ``link_expiry``).
LINK_VALID_FOR = datetime.timedelta(days=30)


def link_expiry(*, meeting, now, deadline=None):
    """Return when an invitation link sent at ``now`` for ``meeting`` stops working.

    Thirty days from ``now``, but never before ``deadline`` (the date the invitee is asked
    to answer by) nor before the end of the meeting's day in its time zone, so that the
    link still works on the day.
    """
    day_after = datetime.datetime.combine(
        meeting.date + datetime.timedelta(days=1), datetime.time(0), tzinfo=meeting.tzinfo
    )
    return max(moment for moment in (now + LINK_VALID_FOR, day_after, deadline) if moment)


def absolute_url(path):
    """Return the portal's absolute address of ``path`` (for emails and files)."""
    return settings.SITE_URL.rstrip("/") + path


class BadInvitationToken(Exception):
    """The token was altered, truncated or made for something else."""


class InvitationRefused(Exception):
    """An invitation link that cannot be used; ``reason`` says which explanation to show."""

    reason = "invalid"

    def __init__(self, invitation=None):
        super().__init__(self.reason)
        self.invitation = invitation


class InvitationLinkInvalid(InvitationRefused):
    """The link was altered or truncated."""

    reason = "invalid"


class InvitationForAnotherAccount(InvitationRefused):
    """Someone signed in under another address opened a forwarded link."""

    reason = "other_account"


class InvitationExpired(InvitationRefused):
    """The invitation was not answered in time."""

    reason = "expired"


class InvitationWithdrawn(InvitationRefused):
    """The secretariat revoked the invitation, replaced it or removed what it was for."""

    reason = "withdrawn"


def emails_match(first, second):
    """Return True when two addresses are the same but for case and spaces around them."""
    return first.strip().casefold() == second.strip().casefold()


class SignedLink:
    """The signed links of one kind of invitation: ``salt`` and the page they open."""

    def __init__(self, *, salt, url_name):
        self.salt = salt
        self.url_name = url_name

    def token_make(self, *, invitation):
        """Return the signed token that opens ``invitation``."""
        return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=self.salt)

    def token_read(self, token):
        """Return ``(invitation id, invited address)``, or raise BadInvitationToken."""
        try:
            payload = signing.loads(token, salt=self.salt)
        except signing.BadSignature:
            raise BadInvitationToken from None
        if not isinstance(payload, dict):
            raise BadInvitationToken
        invitation_id, email = payload.get("id"), payload.get("email")
        if not isinstance(invitation_id, int) or not isinstance(email, str):
            raise BadInvitationToken
        return invitation_id, email

    def path(self, *, invitation):
        """Return the path of ``invitation``'s page."""
        return reverse(self.url_name, kwargs={"token": self.token_make(invitation=invitation)})

    def url(self, *, invitation):
        """Return the absolute link to ``invitation``'s page, for the email."""
        return absolute_url(self.path(invitation=invitation))
