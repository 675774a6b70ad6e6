"""Generation keys of cached page fragments (cidi_meeting.page_cache)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict

from cidi_meeting import page_cache

KEY_PARTS = {"namespaces": ["things"], "language": "en", "viewer": "public"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_generation_is_kept_until_bumped():
    first = page_cache.generation("things")

    assert page_cache.generation("things") == first
    page_cache.bump("things")
    assert page_cache.generation("things") != first


def test_a_bump_moves_only_the_namespaces_it_names():
    things, others = page_cache.generations("things", "others")

    page_cache.bump("things")

    assert page_cache.generations("things", "others")[1] == others
    assert page_cache.generation("things") != things


def test_an_evicted_generation_never_comes_back_as_an_old_one():
    seen = {page_cache.generation("things")}
    page_cache.bump("things")
    seen.add(page_cache.generation("things"))

    cache.delete(page_cache.GENERATION_PREFIX + "things")

    assert page_cache.generation("things") not in seen


def test_the_key_changes_with_every_part():
    key = page_cache.fragment_key("page", **KEY_PARTS)
    assert page_cache.fragment_key("page", **KEY_PARTS) == key

    others = {
        page_cache.fragment_key("other", **KEY_PARTS),
        page_cache.fragment_key("page", **{**KEY_PARTS, "language": "es"}),
        page_cache.fragment_key("page", **{**KEY_PARTS, "viewer": "secretariat"}),
        page_cache.fragment_key("page", **KEY_PARTS, query="q=care"),
        page_cache.fragment_key("page", **KEY_PARTS, extra=[7]),
    }
    page_cache.bump("things")
    others.add(page_cache.fragment_key("page", **KEY_PARTS))

    assert len(others) == 6
    assert key not in others


def test_a_key_is_short_and_holds_no_user_input():
    key = page_cache.fragment_key("page", **KEY_PARTS, query="q=" + "<b>x</b> " * 500)

    assert len(key) < 120
    assert "<b>" not in key and " " not in key


def test_the_query_is_encoded_so_that_two_queries_never_share_a_string():
    joined = QueryDict(mutable=True)
    joined["a"] = "1&b=2"
    apart = QueryDict("a=1&b=2")

    assert page_cache.normalised_query(joined) != page_cache.normalised_query(apart)


def test_the_query_keeps_only_the_names_asked_for_in_the_request_order():
    query = QueryDict("page=2&utm_source=mail&country=MX&country=PA")

    assert page_cache.normalised_query(query, keep={"country", "page"}) == (
        "page=2&country=MX&country=PA"
    )


def test_a_bump_in_a_transaction_moves_again_once_it_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_cache.bump("things")
            during = page_cache.generation("things")
            # A request reading the rows not yet committed caches them under ``during``.

    assert page_cache.generation("things") != during


def test_cached_builds_once_and_never_caches_nothing():
    calls = []

    def build():
        calls.append(1)
        return {"html": "<p>page</p>"}

    assert page_cache.cached("key", build) == page_cache.cached("key", build)
    assert page_cache.cached("none", lambda: None) is None
    assert page_cache.cached("none", lambda: "built") == "built"
    assert len(calls) == 1
