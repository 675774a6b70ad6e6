"""Four journeys made with the keyboard alone (issue 17).

The person only presses keys: Tab and Shift+Tab to move, Enter or Space to press, the
arrow keys, and typing into the field that has the focus. Locators are used only to
check where the focus is and what the page shows, never to click or fill: a step that
needs the mouse is an accessibility defect of the page, not of the test.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD
from tests.e2e.test_agenda_editor import part_one, part_one_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Enough stops to cross the navigation bar and a long page; a control not reached
# within them is, for a keyboard user, not reachable.
MOST_TABS = 80


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


SHOWS_FOCUS = """
element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return element.matches(":focus-visible") && (outline || Boolean(shadow));
}
"""


def expect_visible_focus(locator):
    """The focus is on ``locator``, in view, and drawn (an outline or a ring): visible focus."""
    expect(locator).to_be_focused()
    expect(locator).to_be_in_viewport()
    assert locator.evaluate(SHOWS_FOCUS), f"{locator} has the focus but does not show it"


def tab_to(page, locator, key="Tab"):
    """Press Tab (or Shift+Tab) until ``locator`` has the focus; fail with the path taken."""
    path = []
    for _ in range(MOST_TABS):
        if locator.count() == 1 and is_focused(locator):
            expect_visible_focus(locator)
            return
        page.keyboard.press(key)
        path.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e ? `${e.tagName}#${e.id}:${(e.textContent || '').trim().slice(0, 30)}`"
                " : ''; })()"
            )
        )
    pytest.fail(f"{locator} cannot be reached with {key}; the focus went {path[-12:]}")


def sign_in_by_keyboard(page, base_url, email):
    """From the home page: Tab to "Sign in", Enter, type the address and password, Enter."""
    page.goto(f"{base_url}/")
    tab_to(page, page.get_by_role("link", name="Sign in", exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect_visible_focus(page.get_by_label("Password"))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out", include_hidden=True)).to_have_count(1)


def test_signing_in_with_the_keyboard_opens_the_account_menu(live_server, demo_meeting, page):
    sign_in_by_keyboard(page, live_server.url, "focal.pa@example.org")

    account = page.locator("#main-nav a.dropdown-toggle[role=button]")
    tab_to(page, account)
    page.keyboard.press("Enter")
    expect(account).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect_visible_focus(page.get_by_role("link", name="Your name and language"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.keyboard.press("Escape")
    expect_visible_focus(account)
    expect(account).to_have_attribute("aria-expanded", "false")


def test_the_focal_point_registers_a_member_with_the_keyboard(live_server, demo_meeting, page):
    sign_in_by_keyboard(page, live_server.url, "focal.pa@example.org")

    tab_to(page, page.get_by_role("link", name="My delegation", exact=True))
    page.keyboard.press("Enter")
    # With a single delegation the list leads straight to it; with more (the demo's focal
    # points are in the dialogue and in the ministerial meeting), Tab to the dialogue's.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile("My delegations|Delegation of Panama"))
    if heading.inner_text() == "My delegations":
        tab_to(page, page.get_by_role("link", name=re.compile("Panama.*social safety nets")))
        page.keyboard.press("Enter")
    expect(heading).to_have_text("Delegation of Panama")

    summary = page.locator("summary", has_text="Register a member")
    details = page.locator("details", has=summary)
    if details.get_attribute("open") is None:
        tab_to(page, summary)
        page.keyboard.press("Enter")
        expect(details).to_have_attribute("open", "")
    else:  # no member yet: the form is open already; Space closes and opens it again
        tab_to(page, summary)
        page.keyboard.press("Space")
        expect(details).not_to_have_attribute("open", "")
        page.keyboard.press("Space")
        expect(details).to_have_attribute("open", "")

    page.keyboard.press("Tab")
    tab_to(page, page.get_by_label("Protocol title"))
    page.keyboard.type("Mr.")
    tab_to(page, page.get_by_label("Full name"))
    page.keyboard.type("Teclado Rodríguez")
    role = page.get_by_label("Role")
    tab_to(page, role)
    page.keyboard.type("Alternate")  # type-ahead picks the option, as a person does
    expect(role.locator("option:checked")).to_have_text("Alternate representative")
    save = page.get_by_role("button", name="Save member")
    tab_to(page, save)
    page.keyboard.press("Enter")

    expect(page.get_by_role("cell", name="Mr. Teclado Rodríguez", exact=True)).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Teclado Rodríguez"))
    expect(row).to_contain_text("Alternate representative")


def test_the_secretariat_moves_a_slot_down_with_the_keyboard(
    live_server, demo_meeting, page, settings
):
    settings.SECRETARIAT_REQUIRES_MFA = False
    sign_in_by_keyboard(page, live_server.url, "secretariat@example.org")
    tab_to(page, page.get_by_role("link", name="Meeting editor", exact=True))
    page.keyboard.press("Enter")
    tab_to(page, page.locator('main a[href$="/secretariat/meetings/social-safety-nets/"]').first)
    page.keyboard.press("Enter")
    expect(part_one(page)).to_have_count(3)
    assert part_one_rows(page)[0] == ("Panama", "10:00–10:07")

    move_down = page.get_by_role("button", name="Move Panama down")
    tab_to(page, move_down)
    page.keyboard.press("Enter")

    expect(part_one(page).nth(1).get_by_test_id("slot-label")).to_have_text("Panama")
    assert part_one_rows(page) == [
        ("Barbados", "10:00–10:07"),
        ("Panama", "10:07–10:14"),
        ("Uruguay", "10:14–10:21"),
    ]
    # The focus stays on the control pressed, now one row lower: press again, it moves again.
    expect_visible_focus(page.get_by_role("button", name="Move Panama down"))
    expect(page.locator("#editor-status")).to_have_text("Moved Panama down.")


def test_the_moderator_runs_three_slots_with_the_keyboard(live_server, demo_meeting, page):
    sign_in_by_keyboard(page, live_server.url, "moderator@example.org")
    page.goto(f"{live_server.url}/")
    tab_to(page, page.get_by_role("link", name=re.compile("Strengthening social safety nets")))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Live console"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/meetings/social-safety-nets/console/")
    start, next_ = page.locator("#console-start"), page.locator("#console-next")
    phase = page.get_by_test_id("phase")
    expect(phase).to_have_text("Not started")

    for speaker in ("Panama", "Barbados", "Uruguay"):
        tab_to(page, start, key="Shift+Tab" if is_focused(next_) else "Tab")
        page.keyboard.press("Enter")
        expect(phase).to_have_text("Speaking")
        expect(page.locator("tr[aria-current=true]")).to_contain_text(speaker)
        # Start cannot be pressed twice: the focus moves on to Pause, never to the page.
        expect_visible_focus(page.locator("#console-pause"))
        tab_to(page, next_)
        page.keyboard.press("Enter")  # ends the slot and loads the next one
        expect(page.locator("tr", has_text=speaker).first).to_contain_text("Held")
        expect_visible_focus(next_)

    order = page.locator("section", has=page.get_by_role("heading", name="Running order"))
    for speaker in ("Panama", "Barbados", "Uruguay"):
        expect(order.get_by_role("row", name=re.compile(speaker))).to_contain_text("Held")
