"""A friendly 503 page while the database cannot be reached.

``DatabaseUnavailableMiddleware`` turns ``OperationalError`` and ``InterfaceError`` (the
database is down, restarting or unreachable, or the connection broke) into a 503 response
with ``templates/503.html`` and a ``Retry-After`` header, instead of a 500. It closes the
connections that no longer work, so that the next request opens a new one and the portal
recovers by itself once the database is back, without a restart.

Place it near the top of ``MIDDLEWARE`` (after WhiteNoise): errors raised by the views are
handled in ``process_exception``; errors raised by the middleware inside it (sessions,
authentication) reach Django's 500 handling first, are marked by a ``got_request_exception``
receiver and replaced here by the same 503 page.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_cidi_database_unavailable"


def is_database_unavailable(error):
    return isinstance(error, DATABASE_UNAVAILABLE)


def close_broken_connections():
    """Close every open database connection that no longer works; never raise."""
    for connection in connections.all(initialized_only=True):
        try:
            if connection.connection is not None and not connection.is_usable():
                connection.close()
            else:
                connection.close_if_unusable_or_obsolete()
        except Exception:  # noqa: BLE001 - a connection that cannot even close is dropped
            connection.connection = None


def database_unavailable_response(request):
    """Return the 503 page in the request's language; reads nothing from the database."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        body = render_to_string("503.html", {"language": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_request(sender, request=None, **kwargs):
    """Remember that the request failed on the database (runs inside Django's except)."""
    error = sys.exc_info()[1]
    if request is not None and is_database_unavailable(error):
        setattr(request, _MARK, error)


got_request_exception.connect(_mark_request, dispatch_uid="cidi_meeting.errors.mark_request")


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page while the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code >= 500:
            return self._unavailable(request, error)
        return response

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, error):
        logger.error("Database unavailable on %s %s: %s", request.method, request.path, error)
        close_broken_connections()
        return database_unavailable_response(request)
