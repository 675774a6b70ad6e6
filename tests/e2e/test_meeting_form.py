"""The meeting's web address follows its title in a real browser, until it is edited."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import MeetingFactory, secretariat_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url):
    """Give the browser the session of a secretariat officer (sign-in is tested elsewhere)."""
    client = Client()
    client.force_login(secretariat_user())
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


def test_the_web_address_is_made_from_the_title_until_edited(live_server, page):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/secretariat/meetings/new/")
    title, slug = page.get_by_label("Title"), page.get_by_label("Web address")

    title.press_sequentially("Diálogo CIDI: educación digital 2027")

    expect(slug).to_have_value("dialogo-cidi-educacion-digital-2027")
    expect(page.locator("[data-slug-address]")).to_have_text(
        f"{live_server.url}/meetings/dialogo-cidi-educacion-digital-2027/"
    )
    slug.fill("cidi-digital-education-2027")
    title.press_sequentially(" (draft)")
    expect(slug).to_have_value("cidi-digital-education-2027")
    expect(page.locator("[data-slug-address]")).to_have_text(
        f"{live_server.url}/meetings/cidi-digital-education-2027/"
    )


def test_the_web_address_of_an_existing_meeting_stays_when_its_title_changes(live_server, page):
    meeting = MeetingFactory(slug="social-safety-nets-2022")
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/secretariat/meetings/{meeting.slug}/")
    page.get_by_role("link", name="Meeting details").first.click()
    title = page.locator("#editor-panel").get_by_label("Title")

    title.press_sequentially(" — revised")

    expect(page.locator("#editor-panel").get_by_label("Web address")).to_have_value(
        "social-safety-nets-2022"
    )
    expect(page.locator("[data-slug-address]")).to_have_text(
        f"{live_server.url}/meetings/social-safety-nets-2022/"
    )
