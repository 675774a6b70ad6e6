"""The sign-up of an invited focal point: allauth's adapter, opened by an invitation.

An invitation link (``views.invitation_accept``) marks the session with the invited
address; only then is the sign-up form open, and only for that address. Named by
``ACCOUNT_ADAPTER`` in the settings.
"""

from django.db import transaction

from accounts.adapters import AccountAdapter
from accounts.roles import is_focal_point
from delegations.invitations.links import my_delegations_url
from delegations.invitations.selectors import invitation_get_open
from delegations.invitations.services import invitation_accept


class InvitationAccountAdapter(AccountAdapter):
    """Open sign-up to the holder of a focal point invitation, for the invited address."""

    INVITATION_SESSION_KEY = "invitation_email"
    INVITATION_ID_SESSION_KEY = "invitation_id"

    def stash_invitation(self, request, *, invitation):
        """Open sign-up in this session for the invitation's address, counted as verified.

        The emailed link reached its holder at that address, so no confirmation email is
        needed.
        """
        request.session[self.INVITATION_SESSION_KEY] = invitation.email
        request.session[self.INVITATION_ID_SESSION_KEY] = invitation.pk
        self.stash_verified_email(request, invitation.email)

    def unstash_invitation(self, request):
        request.session.pop(self.INVITATION_SESSION_KEY, None)
        request.session.pop(self.INVITATION_ID_SESSION_KEY, None)

    def invitation_in_session(self, request):
        """Return the open focal point invitation this session carries, or None."""
        email = request.session.get(self.INVITATION_SESSION_KEY)
        invitation_id = request.session.get(self.INVITATION_ID_SESSION_KEY)
        if not email or not isinstance(invitation_id, int):
            return None
        return invitation_get_open(pk=invitation_id, email=email)

    def is_open_for_signup(self, request):
        return self.invitation_in_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        """Save the new account with its name and language, then accept its invitation.

        The sign-up form (``signup.InvitationSignupForm``) checked that the address is
        the invited one and keeps the invitation as ``form.invitation``. Side effects:
        those of ``services.invitation_accept``, in the same transaction as the new
        account; removes the invitation from the session, which closes sign-up again.
        """
        user.full_name = form.cleaned_data.get("full_name", user.full_name)
        user.preferred_language = form.cleaned_data.get(
            "preferred_language", user.preferred_language
        )
        invitation = getattr(form, "invitation", None)
        if not commit or invitation is None:
            return super().save_user(request, user, form, commit=commit)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            invitation_accept(invitation=invitation, user=user)
        self.unstash_invitation(request)
        return user

    def get_signup_redirect_url(self, request):
        """Send a new focal point to the delegations they now look after."""
        if is_focal_point(request.user):
            return my_delegations_url()
        return super().get_signup_redirect_url(request)
