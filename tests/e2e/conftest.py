import os
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

from tests.services import CHROMIUM, require_chromium

# Playwright's sync API runs an event loop in this thread; the live server's database
# work happens in its own thread, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser is ever downloaded)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class InFlight:
    """Counts the requests the live server is still answering (its own thread)."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count -= 1

    def wait_until_quiet(self, seconds=5.0):
        deadline = time.monotonic() + seconds
        while self.count > 0 and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.fixture(autouse=True)
def live_server_quiet_before_flush(transactional_db):
    """Let the live server finish the requests the browsers left before the tables empty.

    A console or display polls every second; a request still being answered when the
    test's database is flushed held locks that TRUNCATE waited on (a deadlock, then the
    next test began with the last one's data). Set up after the database and before the
    pages, this is torn down after the pages close and before the flush.
    """
    in_flight = InFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    yield
    in_flight.wait_until_quiet()
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)
