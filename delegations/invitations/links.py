"""Signed links of focal point invitations (see ``cidi_meeting.links``), and where the
flow sends people."""

from django.urls import NoReverseMatch, reverse

from cidi_meeting.links import SignedLink

LINK = SignedLink(salt="delegations.invitation", url_name="delegations:invitation_accept")

invitation_token_make = LINK.token_make
invitation_token_read = LINK.token_read
invitation_path = LINK.path
invitation_url = LINK.url


def my_delegations_url():
    """Return the focal point's page of delegations (the home page until it exists)."""
    try:
        return reverse("delegations:my_delegations")
    except NoReverseMatch:
        return "/"
