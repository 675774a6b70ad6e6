from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from accounts.security_log import security_event_record


class SecretariatTwoFactorMiddleware:
    """Send secretariat staff without two-factor authentication to set it up.

    Outside demo mode the secretariat's accounts hold every delegation's data, so a
    password alone is not enough. Until an authenticator is added, such a user can reach
    only the account and two-factor pages (and sign out).
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SECRETARIAT_REQUIRES_MFA
            and request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and is_secretariat(request.user)
            and not self._has_authenticator(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Secretariat accounts must use two-factor authentication. "
                    "Please set up an authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _has_authenticator(user):

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class SecurityEventMiddleware:
    """Record every 403 answer (a permission refused, a failed CSRF check) in the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            security_event_record(
                kind="permission_denied",
                request=request,
                user=getattr(request, "user", None),
                detail=request.method,
            )
        return response
