"""The reader's language: in the URL prefix, chosen from the browser, kept on the account.

English pages have no prefix (``/meetings/<slug>/``); Spanish, French and Portuguese ones
do (``/es/meetings/<slug>/``). A reader who opens an unprefixed page is sent to the
prefixed one of their language: the one they picked with the switcher (a cookie), else
the browser's first official language. The switcher also stores the choice on the
account, so that emails follow it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import translation
from django.utils.translation import get_language_from_path, trans_real
from django.views.i18n import set_language as django_set_language

OFFICIAL = {code for code, _name in settings.LANGUAGES}


def browser_language(request):
    """Return the first official language the browser asks for, or None."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        base = code.split("-")[0].lower()
        if base in OFFICIAL:
            return base
    return None


def preferred_language(request):
    """Return the language this reader wants when the URL does not say.

    The switcher's choice (a cookie) first, else the browser's. The account's preferred
    language is for what the portal sends (emails, reminders), not for pages: a person
    may read on a colleague's computer, or a projector, in another language.
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in OFFICIAL:
        return chosen
    return browser_language(request)


class PreferredLanguageMiddleware:
    """Send a page request without a language prefix to the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect(request)
        return redirect or self.get_response(request)

    def _redirect(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        # Only pages: a script's JSON poll, a PDF or a calendar file keeps its address.
        if "text/html" not in request.headers.get("Accept", ""):
            return None
        if get_language_from_path(request.path_info):
            return None
        language = preferred_language(request)
        if not language or language == settings.LANGUAGE_CODE:
            return None
        prefixed = f"/{language}{request.path_info}"
        # The prefix pattern matches the active language's prefix only.
        with translation.override(language):
            if not is_valid_path(prefixed, getattr(request, "urlconf", None)):
                return None
        query = request.META.get("QUERY_STRING")
        target = request.META.get("SCRIPT_NAME", "") + prefixed + (f"?{query}" if query else "")
        response = HttpResponseRedirect(target)
        response.headers["Vary"] = "Accept-Language, Cookie"
        return response


def set_language(request):
    """Switch the interface language (POST); keep it on the account of a signed-in user.

    Django's view finds the page in the new language by resolving ``next`` in the active
    language, but the switcher's address has no prefix, so English is active and a
    ``/es/…`` page does not resolve: the reader came back to the page they left. The
    page's own language is activated while Django translates the address. The account
    follows only a switch that leads to a page in the chosen language, so that emails
    never change language behind the reader's back.
    """
    language = request.POST.get("language")
    page = request.POST.get("next", request.GET.get("next")) or request.META.get("HTTP_REFERER", "")
    page_language = get_language_from_path(urlsplit(page).path) or settings.LANGUAGE_CODE
    with translation.override(page_language):
        response = django_set_language(request)
    user = request.user
    if (
        language in OFFICIAL
        and user.is_authenticated
        and user.preferred_language != language
        and _language_of(response) == language
    ):
        get_user_model().objects.filter(pk=user.pk).update(preferred_language=language)
    return response


def _language_of(response):
    """Return the language of the page a redirect leads to, or None for any other answer."""
    if not isinstance(response, HttpResponseRedirect):
        return None
    path = urlsplit(response["Location"]).path
    return get_language_from_path(path) or settings.LANGUAGE_CODE
