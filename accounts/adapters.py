from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from accounts.roles import is_focal_point
from cidi_meeting.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up closed to the public; account emails sent by the workers.

    Accounts come from the secretariat or from invitations. An invitation (delegations
    app) marks the session with the invited address; only then is the sign-up form open,
    and only for that address.
    """

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
        from delegations.invitations.selectors import invitation_get_open

        email = request.session.get(self.INVITATION_SESSION_KEY)
        invitation_id = request.session.get(self.INVITATION_ID_SESSION_KEY)
        if not email or not isinstance(invitation_id, int):
            return None
        return invitation_get_open(pk=invitation_id, email=email)

    def is_open_for_signup(self, request):
        return self.invitation_in_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        """Save the new account with its name and language, then accept its invitation.

        The sign-up form (``accounts.signup.InvitationSignupForm``) checked that the
        address is the invited one and keeps the invitation as ``form.invitation``.
        Side effects: those of ``delegations.invitations.services.invitation_accept``, in
        the same transaction as the new account; removes the invitation from the session,
        which closes sign-up again.
        """
        user.full_name = form.cleaned_data.get("full_name", user.full_name)
        user.preferred_language = form.cleaned_data.get(
            "preferred_language", user.preferred_language
        )
        invitation = getattr(form, "invitation", None)
        if not commit or invitation is None:
            return super().save_user(request, user, form, commit=commit)
        from delegations.invitations.services import invitation_accept

        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            invitation_accept(invitation=invitation, user=user)
        self.unstash_invitation(request)
        return user

    def get_signup_redirect_url(self, request):
        """Send a new focal point to the delegations they now look after."""
        if is_focal_point(request.user):
            from delegations.invitations.links import my_delegations_url

            return my_delegations_url()
        return super().get_signup_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Render the email in the request, then hand the sending to a worker."""
        request = context.get("request")
        context = {"email": email, **context}
        if request is not None:
            from django.contrib.sites.shortcuts import get_current_site

            context.setdefault("current_site", get_current_site(request))
        queue_message(self.render_mail(template_prefix, email, context))
