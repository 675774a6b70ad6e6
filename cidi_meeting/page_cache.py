"""Cached page fragments whose keys change with every edit that shows on them.

A page that is read far more often than it changes keeps the costly part of its HTML in
the cache (``settings.CACHES``: Redis in production, local memory in the demo) under a
key built from

* the *generations* of the namespaces the fragment depends on: a token per namespace
  (``"outcomes.compendium"``, say) that ``bump`` replaces whenever something the pages
  show changes, so the next request builds a new key and finds nothing stale;
* the active language and the kind of viewer (the caller decides what kinds there are:
  whatever changes what the fragment shows);
* the request's query string, normalised, and any other value the fragment depends on.

Old entries are never deleted: nothing reaches them once a generation moves on, and
they expire after ``FRAGMENT_TIMEOUT``. A generation is stored without expiry; if the
cache evicts it anyway, the next read starts a new, unique one (never a counter from
zero), so an evicted generation can never make an old entry valid again.

Only what is the same for every viewer of a kind may be cached: never a fragment that
holds a CSRF token, a message or anything else of one user or session. Render the
fragment without the request (``render_to_string(name, context)``) and the rest of the
page (``base.html``, the user's menu) per request around it.

The app that owns the data connects its models' signals to ``bump`` (see
``outcomes.cache``). Writes that send no signal (``QuerySet.update``, ``bulk_create``,
``bulk_update``) must call ``bump`` themselves.
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction

GENERATION_PREFIX = "page-generation:"
FRAGMENT_PREFIX = "page-fragment:"
# Entries of past generations are unreachable; this only bounds the space they take.
FRAGMENT_TIMEOUT = 24 * 60 * 60


def _generation_key(name):
    return f"{GENERATION_PREFIX}{name}"


def _fresh_token():
    return uuid.uuid4().hex


def generations(*names):
    """Return the current generation token of each namespace in ``names`` (in order).

    One round trip to the cache when every namespace has a generation; a missing one is
    started with a fresh unique token (``add``, so that two processes agree on one).
    """
    if not names:
        return []
    keys = [_generation_key(name) for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_token(), timeout=None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def generation(name):
    """Return the current generation token of the namespace ``name``."""
    return generations(name)[0]


def _replace(names):
    cache.set_many({_generation_key(name): _fresh_token() for name in names}, timeout=None)


def bump(*names):
    """Give each namespace in ``names`` a new generation: its cached fragments are stale.

    Called inside a transaction, the namespaces move on at once and again once it
    commits: a request that read the old rows while the transaction was still open
    cannot have stored them under the new generation for good.
    """
    if not names:
        return
    _replace(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _replace(names))


def normalised_query(query_dict, *, keep=None):
    """Return ``query_dict`` (a ``QueryDict``) encoded as the part of a cache key.

    Only the names in ``keep`` count (every name when it is None), so that parameters
    the page ignores (a campaign tag, a cache-buster) neither split nor pollute the
    cache. Names keep the request's order: a fragment whose links repeat the query
    string differs with it. Names and values are encoded, so two different queries
    never give the same string.
    """
    pairs = [
        (name, value)
        for name in query_dict
        if keep is None or name in keep
        for value in query_dict.getlist(name)
    ]
    return urlencode(pairs)


def fragment_key(page, *, namespaces, language, viewer, query="", extra=()):
    """Return the cache key of ``page``'s fragment for this state of its namespaces.

    ``page`` names the fragment (``"outcomes.compendium"``); ``namespaces`` are the
    generations it depends on; ``viewer`` is the caller's kind of viewer; ``query`` the
    normalised query string; ``extra`` any other values (an object's id, the host that
    absolute addresses are built on). The variable part is hashed, so the key has a
    bounded length and holds no user input.
    """
    parts = [*generations(*namespaces), language or "", viewer, query, *map(str, extra)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"{FRAGMENT_PREFIX}{page}:{digest}"


def cached(key, build, *, timeout=FRAGMENT_TIMEOUT):
    """Return the value cached under ``key``, or build it with ``build()`` and cache it.

    ``build`` returns something the cache can pickle (strings, bytes, dicts of them);
    ``None`` is never cached.
    """
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, timeout=timeout)
    return value
