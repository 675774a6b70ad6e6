"""The language switcher, with the keyboard only, in a browser that asks for Spanish."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = "/meetings/social-safety-nets/"
NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


@pytest.fixture
def spanish_page(browser):
    context = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def focused(page, attribute):
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def choose_language(page, language):
    """Tab to the switcher, open it, arrow down to the language and press Enter."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page, "id") == "language-menu":
            break
    else:
        pytest.fail("The language switcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#language-menu")).to_have_attribute("aria-expanded", "true")
    for _ in range(len(NAMES)):
        page.keyboard.press("ArrowDown")
        if focused(page, "lang") == language:
            break
    else:
        pytest.fail(f"{NAMES[language]} cannot be reached with the arrow keys")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def expect_language(page, base, language):
    prefix = "" if language == "en" else f"/{language}"
    expect(page).to_have_url(f"{base}{prefix}{MEETING}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#language-menu")).to_contain_text(NAMES[language])


def test_a_spanish_browser_switches_through_every_language_with_the_keyboard(
    live_server, demo_meeting, spanish_page
):
    page = spanish_page
    page.goto(f"{live_server.url}{MEETING}")
    expect_language(page, live_server.url, "es")

    choose_language(page, "en")
    expect_language(page, live_server.url, "en")
    page.reload()
    expect_language(page, live_server.url, "en")

    for language in ("es", "fr", "pt", "en"):
        choose_language(page, language)
        expect_language(page, live_server.url, language)

    page.goto(f"{live_server.url}{MEETING}")
    expect_language(page, live_server.url, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\S"))
