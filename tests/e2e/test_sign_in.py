import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_signs_in_and_sees_the_demo_meeting(live_server, demo_meeting, page):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("secretariat@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("button", name="Administration").click()
    expect(page.get_by_role("link", name="Accounts")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("link", name=re.compile("Strengthening social safety nets")).click()

    expect(page).to_have_url(f"{live_server.url}/meetings/social-safety-nets/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strengthening social safety nets")
    expect(page.get_by_text("CIDRP03454E01")).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("Part Two: Technical panel"))
    ).to_be_visible()


def test_skip_link_is_the_first_stop_of_the_keyboard(live_server, demo_meeting, page):
    page.goto(f"{live_server.url}/meetings/social-safety-nets/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
