"""Request-level security: body size limit, idle session timeout, 403 logging, admin login.

The headers (Content-Security-Policy, HSTS, nosniff, referrer and opener policies) are
set by Django's SecurityMiddleware and django-csp from ``settings``; what is here is the
portal's own policy.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

LAST_SEEN_SESSION_KEY = "security_last_seen"


def client_ip(request):
    """Return the address the request came from (the proxy's client when behind TLS)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45] or None
    return (request.META.get("REMOTE_ADDR") or "")[:45] or None


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than ``MAX_REQUEST_BYTES`` with 413.

    Checked on the declared length, before anything reads the body, so an oversized
    upload costs nothing. Bodies without a declared length are left to Django's own
    limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            message = _("The request is too large (%(size)s); the limit is %(limit)s.") % {
                "size": filesizeformat(length),
                "limit": filesizeformat(limit),
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class IdleSessionTimeoutMiddleware:
    """Sign out a user after ``SESSION_IDLE_TIMEOUT`` seconds without a request.

    The time of the last request is kept in the session; the absolute limit is the
    session cookie's age (``SESSION_COOKIE_AGE``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        user = getattr(request, "user", None)
        if timeout and user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            if isinstance(last_seen, int) and now - last_seen > timeout:
                logout(request)

                messages.info(request, _("You were signed out after a period of inactivity."))
                return redirect_to_login(request.get_full_path())
            # Written at most once a minute, so that every request does not save the session.
            if not isinstance(last_seen, int) or now - last_seen >= 60:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


def admin_login(request, extra_context=None):
    """Replace the admin's own password form with the portal's sign-in (allauth).

    allauth throttles failed sign-ins and asks for the second factor; the admin's form
    would bypass both. Signed-in users who are not staff are refused.
    """
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    return redirect_to_login(
        request.GET.get("next") or reverse("admin:index"), login_url=reverse("account_login")
    )
