"""Pages reflow at 320 CSS pixels: 1280 px zoomed to 400 % (WCAG 1.4.10).

At that width nothing may need a sideways scroll of the whole page, and a name must not
be cut off. Checked where it went wrong before: the public agenda (its speaker table was
564 px wide), the live console (the current speaker's name was clipped), the room
display, the agenda editor with a slot's form open (its buttons overflowed) and a
delegation's registration page.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from speakers.models import SpeakerSlot
from tests.e2e.test_accessibility import open_details, open_slot_form, panama, room_display
from tests.test_permissions import url_values  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
MEETING = "/meetings/social-safety-nets/"
# A real surname, longer than the console is wide at 320 px in its large type.
LONG_NAME = "Hubert Wolfeschlegelsteinhausenbergerdorff"

# The page's width, and what reaches past it (to say what to fix): boxes wider than the
# screen and text running out of its box, leaving out what a scrolling box holds (a wide
# table in .table-responsive scrolls by itself, as WCAG 1.4.10 allows for data tables).
OVERFLOW = """width => {
  const scrolls = element => ["auto", "scroll", "hidden", "clip"].includes(
    getComputedStyle(element).overflowX);
  const held = element => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) return true;
    }
    return false;
  };
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const text = scrolls(element) ? box.width : element.scrollWidth;
    const past = box.right > width + 0.5 || box.left + text > width + 0.5;
    if (box.width && past && !held(element) && !element.closest(".visually-hidden")) {
      const name = element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.classList.length ? "." + [...element.classList].join(".") : "");
      wide.push(`${name} (to ${Math.round(Math.max(box.right, box.left + text))} px)`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(-8)};
}"""


@pytest.fixture
def phone(browser):
    """A 320 × 640 screen: 1280 × 2560 at 400 %."""
    context = browser.new_context(locale="en-US", viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def secretariat_without_mfa(settings):
    settings.SECRETARIAT_REQUIRES_MFA = False


def sign_in(page, base_url, email):
    """Give the browser a demo account's session (signing in is tested elsewhere)."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


def sideways(page, name):
    """Return what scrolls sideways on the page as it stands, or an empty list."""
    found = page.evaluate(OVERFLOW, WIDTH)
    if found["scrollWidth"] <= WIDTH:
        return []
    return [f"{name}: {found['scrollWidth']} px wide; past {WIDTH} px: {', '.join(found['wide'])}"]


def clipped(page, selector, name):
    """Return the elements of ``selector`` whose text is cut off (wider than their box)."""
    cut = page.eval_on_selector_all(
        selector,
        """elements => elements
            .filter(element => element.scrollWidth > element.clientWidth)
            .map(element => `${element.innerText.trim()}: ${element.scrollWidth} px `
                 + `in ${element.clientWidth} px`)""",
    )
    return [f"{name}: clipped {text}" for text in cut]


def test_the_public_meeting_page_and_the_room_display_reflow(live_server, demo_meeting, phone):
    problems = []
    for language in ("", "/es", "/fr", "/pt"):
        phone.goto(live_server.url + language + MEETING)
        expect(phone.locator("h1").first).to_be_visible()
        problems += sideways(phone, f"meeting page {language or '/en'}")
    phone.goto(f"{live_server.url}/room/{room_display(demo_meeting)}/")
    problems += sideways(phone, "room display")
    assert problems == [], "\n".join(problems)


def test_the_live_console_reflows_and_shows_the_whole_speaker_name(
    live_server, demo_meeting, phone
):
    person = SpeakerSlot.objects.get(
        segment__meeting__slug="social-safety-nets", representing_state__iso2="PA"
    ).person
    person.full_name = LONG_NAME
    person.save(update_fields=["full_name"])
    sign_in(phone, live_server.url, "moderator@example.org")
    phone.goto(live_server.url + MEETING + "console/")
    problems = sideways(phone, "console before the start")
    phone.locator('.live-controls button[data-action="start"]').click()
    expect(phone.get_by_test_id("phase")).not_to_have_text("Not started")
    expect(phone.locator(".live-speaker")).to_contain_text(LONG_NAME)

    problems += sideways(phone, "console, a slot running")
    problems += clipped(phone, ".live-speaker, .live-representing, h1", "console")
    phone.goto(f"{live_server.url}/room/{room_display(demo_meeting)}/")
    expect(phone.get_by_test_id("display-speaker")).to_have_text(LONG_NAME)
    problems += sideways(phone, "room display, a slot running")
    assert problems == [], "\n".join(problems)


def test_the_agenda_editor_with_a_slot_form_open_reflows(live_server, demo_meeting, phone):
    """In English, and in French, whose words make the slots' row of buttons the widest."""
    sign_in(phone, live_server.url, "secretariat@example.org")
    problems = []
    for language in ("", "/fr"):
        phone.goto(live_server.url + language + "/secretariat/meetings/social-safety-nets/")
        problems += sideways(phone, f"agenda editor {language or '/en'}")
        open_slot_form(phone)
        problems += sideways(phone, f"agenda editor {language or '/en'}, slot form")
    assert problems == [], "\n".join(problems)


def test_a_delegation_page_reflows(live_server, demo_meeting, phone):
    sign_in(phone, live_server.url, "focal.pa@example.org")
    phone.goto(f"{live_server.url}/delegations/{panama(demo_meeting)}/")
    open_details(phone)
    assert sideways(phone, "delegation page") == []


def test_the_secretariats_pages_and_a_speakers_invitation_reflow(
    live_server, demo_meeting, phone, request
):
    """Found by opening every page of the permission matrix at 320 px (a long link, a table
    without its scrolling box, a hidden label that escaped it, a textarea's 40 columns)."""
    paths = request.getfixturevalue("url_values")
    editor = "/secretariat/meetings/social-safety-nets/"
    problems = []
    phone.goto(f"{live_server.url}/speakers/invitation/{paths['token']}/")
    problems += sideways(phone, "speaker's invitation")
    sign_in(phone, live_server.url, "secretariat@example.org")
    for name, path in [
        ("meeting page, signed in", MEETING),
        ("history", editor + "history/"),
        ("content languages", editor + "languages/"),
        ("delegation page", f"/delegations/{paths['delegation']}/"),
        ("new account, in French", "/fr/secretariat/accounts/new/"),
    ]:
        phone.goto(live_server.url + path)
        open_details(phone)
        problems += sideways(phone, name)
    assert problems == [], "\n".join(problems)
