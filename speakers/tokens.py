"""Signed links of speaker invitations (see ``cidi_meeting.links``)."""

from cidi_meeting.links import BadInvitationToken, SignedLink

__all__ = ["BadInvitationToken", "invitation_token_make", "invitation_token_read", "invitation_url"]

LINK = SignedLink(salt="speakers.invitation", url_name="speakers:invitation")

invitation_token_make = LINK.token_make
invitation_token_read = LINK.token_read
invitation_url = LINK.url
