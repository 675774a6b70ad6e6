"""Which real parts (PostgreSQL, Redis, Chromium) the suite can reach.

A test that needs a missing part calls ``require_part``: it is skipped with the reason on
a developer's machine, and fails when ``CI`` is set, so that CI never passes by skipping.
"""

import os
import shutil
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

CHROMIUM = "/usr/bin/chromium"


def in_ci():
    return bool(os.environ.get("CI"))


def require_part(available, reason):
    if available:
        return
    if in_ci():
        pytest.fail(f"CI needs this part of the stack: {reason}")
    pytest.skip(reason)


def redis_answers():
    url = settings.REDIS_URL
    if not url:
        return False
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


def require_postgres():
    require_part(
        connection.vendor == "postgresql",
        f"needs PostgreSQL; the suite runs on {connection.vendor} (set DATABASE_URL)",
    )


def require_redis():
    require_part(redis_answers(), "needs a Redis broker (set REDIS_URL or start Redis on :6379)")


def require_chromium():
    require_part(
        os.path.exists(CHROMIUM) and shutil.which("chromium") is not None,
        f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
    )


def require_gettext():
    require_part(
        shutil.which("xgettext") is not None and shutil.which("msgfmt") is not None,
        "needs GNU gettext to extract messages (apt-get install gettext)",
    )
