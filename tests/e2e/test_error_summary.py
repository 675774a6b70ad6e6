"""After a refused form, the focus is on its error summary; each link leads to its field.

The summary is focused by static/js/form-errors.js when the page loads (WCAG 2.4.3,
3.3.1), so that a keyboard or screen-reader user hears what went wrong first instead of
starting again from the top of the page.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_agenda_editor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def delegation_pk(meeting, iso2):
    from delegations.models import Delegation

    return Delegation.objects.get(meeting=meeting, member_state__iso2=iso2).pk


def focused(page):
    """Describe the focused element: its id, or its data-error-summary mark."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          if (element.hasAttribute("data-error-summary")) return "error-summary";
          return element.id || element.className || element.tagName;
        }"""
    )


def test_a_refused_member_form_focuses_its_summary_and_its_links_focus_the_fields(
    live_server, demo_meeting, page
):
    sign_in(page, live_server.url, "focal.pa@example.org")
    page.goto(f"{live_server.url}/delegations/{delegation_pk(demo_meeting, 'PA')}/")
    if not page.get_by_label("Full name").is_visible():
        page.get_by_text("Register a member", exact=True).click()
    page.get_by_label("Protocol title").fill("Ms.")

    page.get_by_role("button", name="Save member").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link", name=re.compile("^Full name")).click()
    expect(page.get_by_label("Full name")).to_be_focused()
    expect(page.get_by_label("Full name")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Full name")).to_be_in_viewport()

    # The keyboard reaches the links from the summary: Tab, then Enter.
    summary.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page) == "id_full_name"


def test_a_refused_practice_focuses_its_summary_and_its_links_focus_the_fields(
    live_server, demo_meeting, page
):
    sign_in(page, live_server.url, "focal.mx@example.org")
    page.goto(f"{live_server.url}/delegations/{delegation_pk(demo_meeting, 'MX')}/practices/new/")
    page.get_by_label("Beneficiaries", exact=True).fill("10")
    page.get_by_label("Women among the beneficiaries").fill("50")

    page.get_by_role("button", name="Save draft").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)  # the title, the women among the beneficiaries
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")[1:]
        assert page.locator(f"[id='{target}']").count() == 1, target

    links.nth(1).click()
    women = page.get_by_label("Women among the beneficiaries")
    expect(women).to_be_focused()
    expect(women).to_be_in_viewport()
    links.nth(0).click()
    expect(page.get_by_label("Title")).to_be_focused()
