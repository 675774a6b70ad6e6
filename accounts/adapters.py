from allauth.account.adapter import DefaultAccountAdapter

from cidi_meeting.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up closed to the public; account emails sent by the workers.

    Accounts come from the secretariat or from invitations. An invitation (delegations
    app) marks the session with the invited address; only then is the sign-up form open,
    and only for that address.
    """

    INVITATION_SESSION_KEY = "invitation_email"

    def is_open_for_signup(self, request):
        return bool(request.session.get(self.INVITATION_SESSION_KEY))

    def send_mail(self, template_prefix, email, context):
        """Render the email in the request, then hand the sending to a worker."""
        request = context.get("request")
        context = {"email": email, **context}
        if request is not None:
            from django.contrib.sites.shortcuts import get_current_site

            context.setdefault("current_site", get_current_site(request))
        queue_message(self.render_mail(template_prefix, email, context))
