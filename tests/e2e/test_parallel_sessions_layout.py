"""Parallel sessions on the public page: side by side on a wide screen, one after another
on a phone, never wider than the screen."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.agenda.session_meeting import session_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots of the agenda at both widths, for people to look at.
SCREENS = Path(django_settings.BASE_DIR) / "var" / "test" / "sessions"

BOXES = """
() => {
  const row = document.querySelector('[data-testid="parallel-sessions"]');
  const columns = [...row.querySelectorAll(':scope > .agenda-session')].map((el) => {
    const box = el.getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  });
  return {columns, scrollWidth: document.documentElement.scrollWidth};
}
"""


def boxes(browser, url, width):
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    measured = page.evaluate(BOXES)
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.locator("#agenda-heading").scroll_into_view_if_needed()
    page.screenshot(path=SCREENS / f"parallel-sessions-{width}.png", full_page=True)
    context.close()
    return measured


def test_parallel_sessions_are_columns_on_a_wide_screen_and_a_stack_on_a_phone(
    live_server, browser
):
    built = session_meeting(slots=3)
    url = f"{live_server.url}{built.meeting.get_absolute_url()}"

    wide = boxes(browser, url, 1366)
    phone = boxes(browser, url, 390)

    first, second = wide["columns"]
    assert first["top"] == second["top"]
    assert first["right"] <= second["left"]
    first, second = phone["columns"]
    assert first["left"] == second["left"]
    assert first["bottom"] <= second["top"]
    assert phone["scrollWidth"] <= 390
