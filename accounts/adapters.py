from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from cidi_meeting.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up closed to the public; account emails sent by the workers.

    Accounts come from the secretariat or from invitations: the delegations app opens
    sign-up to an invited address with its own adapter
    (``delegations.invitations.adapter.InvitationAccountAdapter``, the one the settings
    name), built on this one.
    """

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """Render the email in the request, then hand the sending to a worker."""
        request = context.get("request")
        context = {"email": email, **context}
        if request is not None:
            context.setdefault("current_site", get_current_site(request))
        queue_message(self.render_mail(template_prefix, email, context))
