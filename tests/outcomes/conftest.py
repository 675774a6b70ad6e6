"""Fixtures of the outcomes tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with an empty cache.

    The database rolls back after each test, the cache does not: a page cached by an
    earlier test under a generation nothing has moved since would otherwise be served.
    """
    cache.clear()
    yield
    cache.clear()
