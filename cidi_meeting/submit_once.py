"""Each form is acted on once, however often it is sent.

A double click on "Save member", a slow connection that makes someone press "Upload" again,
a browser that re-sends a form on reload: the second copy must not register a second
member, store a second letter or ask for the floor twice. Every form of the portal that
carries ``{% csrf_token %}`` also carries a submission token (the portal's ``csrf_token``
tag, registered as a template builtin in the settings, writes both), a random value made
when the form is shown.

``SubmitOnceMiddleware`` remembers, for a short while, each POST by its sender, its token
and its content:

- the first copy runs; when it answers with a redirect (the portal's "saved" answer) the
  redirect is remembered, otherwise (a form shown again with its errors) it is forgotten,
  so that the corrected form can be sent;
- a copy that arrives while the first still runs waits for it, then gets its answer;
- a later copy with the same token and the same content is sent where the first went,
  with a message that it was saved once. The same form sent with other content (back,
  change a field, send) is a new submission and runs.

A POST without a token (an API client, a test) is not affected. The memory is the cache:
Redis in production (shared by every server process), local memory in the demo.
"""

import hashlib
import time
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.template import Library
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.translation import gettext as _

FIELD = "submission"
PENDING = "pending"
REMEMBER_SECONDS = 60 * 60
WAIT_SECONDS = 20
POLL_SECONDS = 0.1
# Fields that differ between two copies of the same form and say nothing of its content.
IGNORED_FIELDS = {"csrfmiddlewaretoken", FIELD}

register = Library()


class CsrfAndSubmissionNode(CsrfTokenNode):
    def render(self, context):
        csrf = super().render(context)
        if not csrf:
            return csrf
        token = format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4().hex)
        return csrf + token  # both are safe strings, and so is their sum


@register.tag
def csrf_token(parser, token):
    """Django's CSRF field, followed by this form's submission token."""
    return CsrfAndSubmissionNode()


def _submission_digest(request, token):
    """Return a digest of the form's token and content (a safe cache key, whatever was sent)."""
    digest = hashlib.sha256(f"{token}\0".encode())
    for name in sorted(request.POST):
        if name in IGNORED_FIELDS:
            continue
        for value in request.POST.getlist(name):
            digest.update(f"{name}\0{value}\0".encode())
    for name in sorted(request.FILES):
        for uploaded in request.FILES.getlist(name):
            digest.update(f"{name}\0{uploaded.name}\0{uploaded.size}\0".encode())
    return digest.hexdigest()


def _sender(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    session_key = getattr(request, "session", None) and request.session.session_key
    return f"session-{session_key}" if session_key else None


def _wait_for_first(key):
    """Return what the first copy answered, or None when it left nothing to follow."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        answer = cache.get(key)
        if answer != PENDING:
            return answer
        if time.monotonic() > deadline:
            return PENDING
        time.sleep(POLL_SECONDS)


class SubmitOnceMiddleware:
    """Run a form's POST once; send its copies where the first went (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.POST.get(FIELD) if request.method == "POST" else None
        sender = token and _sender(request)
        if not sender:
            return self.get_response(request)
        key = f"submit-once:{sender}:{_submission_digest(request, token)}"
        if not cache.add(key, PENDING, REMEMBER_SECONDS):
            answer = _wait_for_first(key)
            if answer == PENDING:
                return HttpResponse(
                    _("This form is still being saved. Please wait a moment and reload the page."),
                    status=409,
                    content_type="text/plain; charset=utf-8",
                )
            if answer:
                messages.info(request, _("This form had already been sent: it was saved once."))
                return HttpResponseRedirect(answer)
            # The first copy was shown again with its errors: this one runs as well.
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            cache.set(key, response["Location"], REMEMBER_SECONDS)
        else:
            cache.delete(key)
        return response
