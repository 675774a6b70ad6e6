"""ETag and Last-Modified of the API's answers, from what the portal keeps for its caches.

A conditional request is answered 304 after a query or two, before anything is loaded:

* a meeting: its ``agenda_revision`` (raised by every edit its page shows,
  ``agenda.revision``) and ``updated_at``, and the live state of its agenda
  (``agenda.selectors.live_state_key``). While the room's clock has recorded something
  the forecast moves with the time of day, so the tag then changes every half minute
  and no Last-Modified is given;
* the compendium and the cooperation matrix: the generations of their cached pages
  (``outcomes.cache``), replaced by every change they show. A generation's first sight
  is kept as its Last-Modified (never earlier than the change that started it).

Each tag also names the language and the address the links are built on.
"""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from agenda import public_page
from cidi_meeting import page_cache

API_VERSION = "1"
GENERATION_SEEN_PREFIX = "api:generation-seen:"


class Validators:
    """The ETag and Last-Modified (a UTC datetime, or None) of one answer."""

    def __init__(self, *parts, request, last_modified=None):
        seed = "\x1f".join(
            [API_VERSION, request.scheme, request.get_host(), *(str(part) for part in parts)]
        )
        self.etag = quote_etag(hashlib.blake2b(seed.encode(), digest_size=16).hexdigest())
        self.last_modified = last_modified

    def not_modified(self, request):
        """Return the 304 answer when the reader's copy is current, else None."""
        # HTTP dates are in whole seconds: the stored microseconds would never match.
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        return get_conditional_response(request, etag=self.etag, last_modified=timestamp)

    def apply(self, response):
        """Write the validators and the caching rules on ``response``."""
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        # Anyone may keep a copy, and asks again (cheaply, with the validators) each time.
        response["Cache-Control"] = "public, no-cache"
        patch_vary_headers(response, ["Accept-Language"])
        return response


def live_period(live_key):
    """Return the half minute a live agenda's forecast holds for (None while it is a plan)."""
    if live_key == "plan":
        return None
    return int(time.time() // public_page.LIVE_SECONDS)


def generation_seen_at(*namespaces):
    """Return the generation tokens of ``namespaces`` and when this state was first seen."""
    tokens = page_cache.generations(*namespaces)
    key = GENERATION_SEEN_PREFIX + hashlib.blake2b("".join(tokens).encode()).hexdigest()
    now = timezone.now().replace(microsecond=0)
    cache.add(key, now, timeout=page_cache.FRAGMENT_TIMEOUT)
    return tokens, cache.get(key) or now
