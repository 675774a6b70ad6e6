import datetime
import io
import os
import shutil
import socket
from pathlib import Path

import pytest
from django.core.management import call_command

from agenda.models import Meeting
from demo.seed import DEMO_SLUG

DEMO_PASSWORD = "cidi-demo-2022"
# The tests pin the demo meeting to the concept note's date (``seed_demo`` alone places it
# a few weeks ahead): every date, deadline and clock time the tests expect follows it.
DEMO_DATE = datetime.date(2022, 11, 17)
TESTS = Path(__file__).resolve().parent

# The lanes of the suite: each test gets exactly one of these markers from the fixtures it
# uses (see ``lane_of``), so that ``pytest -m unit`` (or database, worker, browser) runs one.
LANES = ("unit", "database", "worker", "browser")
BROWSER_FIXTURES = {"browser", "page", "live_server"}
WORKER_FIXTURES = {
    "smtp_server",
    "flaky_smtp_server",
    "holding_smtp_server",
    "redis_process",
    "workers",
}
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def free_port():
    """Return a TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def english_by_default():
    """Start every test in English: a request to /es/… leaves Spanish active in the thread
    (the test client runs the view in it), which would change what ``reverse`` gives."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache():
    """Start and end every test with an empty cache: the database rolls back after a test,
    the cache does not, and a page cached by one test must not answer the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def fixtures_of(item):
    """Return the names of the fixtures a test uses, without its parametrized arguments."""
    callspec = getattr(item, "callspec", None)
    return set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())


def lane_of(item):
    """Return the lane of a test: what it needs beyond Python, the heaviest part first."""
    fixtures = fixtures_of(item)
    if (
        TESTS / "e2e" in item.path.parents
        or fixtures & BROWSER_FIXTURES
        or item.get_closest_marker("browser")
    ):
        return "browser"
    if fixtures & WORKER_FIXTURES or item.get_closest_marker("redis"):
        return "worker"
    if fixtures & DATABASE_FIXTURES or item.get_closest_marker("django_db"):
        return "database"
    return "unit"


def is_transactional(item):
    """Tell whether pytest-django runs the test outside a rolled-back transaction."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        if transaction or marker.kwargs.get("reset_sequences"):
            return True
    return bool(fixtures_of(item) & TRANSACTIONAL_FIXTURES)


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        fixtures_of(item) & DATABASE_FIXTURES
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Give every test its lane marker and order the tests around the shared demo seed.

    It runs before ``-m`` selects by marker. pytest-django runs the rolled-back tests
    first, then the transactional ones, then those without a database (its sort is
    stable, and this one sorts the same way first). Among the rolled-back tests, those
    without the demo come first, so that they still see the database as the migrations
    left it; the demo is then seeded once and kept. Among the transactional tests, those
    with the demo come first: the first one finds the demo already there, and each one
    flushes the database when it ends.
    """
    for item in items:
        lane = lane_of(item)
        explicit = {name for name in LANES if item.get_closest_marker(name)} - {lane}
        if explicit:
            raise pytest.UsageError(
                f"{item.nodeid} is marked {', '.join(sorted(explicit))} but its fixtures "
                f"put it in the {lane} lane"
            )
        item.add_marker(getattr(pytest.mark, lane))

    def order(item):
        with_demo = "demo_meeting" in fixtures_of(item)
        if is_transactional(item):
            return (1, not with_demo)
        if uses_database(item):
            return (0, with_demo)
        return (2, False)

    items.sort(key=order)


def reference_data_restore():
    """Load again the rows the data migrations give a new database, if a flush removed them.

    Transactional tests end by emptying every table; the next one would otherwise start
    without member states, organizations, taxonomies or role groups.
    """
    from django.contrib.auth.models import Group

    from accounts.services import roles_ensure, roles_grant_secretariat_permissions
    from delegations.models import MemberState, Organization
    from delegations.reference import reference_data_load
    from outcomes.models import Instrument, SdgTarget, TargetGroup, Theme
    from outcomes.reference import taxonomies_load

    if not MemberState.objects.exists():
        reference_data_load(MemberState, Organization)
    if not Instrument.objects.exists():
        taxonomies_load(Instrument, TargetGroup, Theme, SdgTarget)
    if not Group.objects.exists():
        roles_ensure()
        roles_grant_secretariat_permissions()


@pytest.fixture(autouse=True)
def reference_data_after_flush(request):
    """Start each transactional test with the reference data a migrated database has."""
    if is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        reference_data_restore()


def demo_seed():
    """Run ``seed_demo`` in English with the default demo password, on ``DEMO_DATE``."""
    from django.utils import translation

    os.environ.pop("DEMO_PASSWORD", None)
    # With django-modeltranslation a plain field writes the active language's column.
    with translation.override("en"):
        call_command("seed_demo", force=True, date=DEMO_DATE, stdout=io.StringIO())


@pytest.fixture(scope="session")
def demo_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed the demo meeting and accounts once, committed; return the seed's media folder.

    Every rolled-back test then finds them as ``seed_demo`` left them. Files the seed
    stores go to a folder of their own, copied into each test's ``MEDIA_ROOT``.
    """
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        demo_seed()
    return media


@pytest.fixture
def demo_meeting(demo_seeded, db):
    """Return the concept note's meeting, with the demo accounts.

    It is seeded once per session; a transactional test that finds it flushed by an
    earlier one seeds it again (and the flush at its end removes it again).
    """
    from django.conf import settings

    meeting = Meeting.objects.filter(slug=DEMO_SLUG).first()
    if meeting is None:
        demo_seed()
        return Meeting.objects.get(slug=DEMO_SLUG)
    if any(demo_seeded.iterdir()):
        shutil.copytree(demo_seeded, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return meeting


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Keeper:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(
                {
                    "from": envelope.mail_from,
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
            return "250 Message accepted"

    keeper = Keeper()
    keeper.port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=keeper.port)
    controller.start()
    yield keeper
    controller.stop()
