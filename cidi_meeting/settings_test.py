"""Settings for the test suite.

The suite prefers the real services: when ``DATABASE_URL`` or ``REDIS_URL`` is unset and
PostgreSQL or Redis answers on its usual local port, the tests use it. Tests that need
a part that is missing are skipped with the reason (see ``tests/conftest.py``), except
when ``CI`` is set, where a missing part fails the run.
"""

import os
import socket

LOCAL_POSTGRES = ("127.0.0.1", 5432, "postgres://postgres@127.0.0.1:5432/cidi_meeting")
LOCAL_REDIS = ("127.0.0.1", 6379, "redis://127.0.0.1:6379/15")


def _answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


if os.environ.get("CIDI_TEST_SERVICES", "auto") == "auto":
    for variable, (host, port, url) in {
        "DATABASE_URL": LOCAL_POSTGRES,
        "REDIS_URL": LOCAL_REDIS,
    }.items():
        if not os.environ.get(variable) and _answers(host, port):
            os.environ[variable] = url

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

from cidi_meeting.settings import *  # noqa: E402, F403 - the base settings, then overrides
from cidi_meeting.settings import CACHES, REDIS_URL  # noqa: E402 - re-read after the import

# Tasks run in-process unless a test starts a real worker (tests/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Each test starts from an empty cache, in-process (the worker test uses Redis itself).
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRETARIAT_REQUIRES_MFA = False
STORAGES = {
    **STORAGES,  # noqa: F405 - defined by the base settings
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise looks for collected files at start-up; the tests use the finders instead.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - defined by the base settings

# `make test` runs two lanes side by side (tests/lanes.py), each on a test database of
# its own: test_<name>_<lane>.
TEST_LANE = os.environ.get("CIDI_TEST_LANE", "")
if TEST_LANE and not DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{TEST_LANE}"  # noqa: F405
    }
