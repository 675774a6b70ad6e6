"""Panama's focal point writes a practice with the editor, by keyboard only, and attaches
a PDF in the same form: one save keeps both, and the editor shows the same text again."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_agenda_editor import sign_in
from tests.speakers.factories import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PLAIN_HINT = "Without the formatting toolbar"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def focused(page):
    """Return the accessible name (aria-label or id) of the focused element."""
    return page.evaluate(
        "() => document.activeElement.getAttribute('aria-label') || document.activeElement.id"
    )


def write_bold_and_a_list(page, description):
    """Type a line with bold words and a bulleted list, by keyboard only."""
    page.keyboard.type("Transfers to ")
    page.keyboard.press("Control+b")
    page.keyboard.type("women heads of household")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")
    # Back to the toolbar, along it to "Bulleted list", and back into the text.
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Bold (Ctrl+B)"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert focused(page) == "Bulleted list"
    page.keyboard.press("Enter")
    expect(description).to_be_focused()
    page.keyboard.type("paid every two months")
    page.keyboard.press("Enter")
    page.keyboard.type("linked to school attendance")


def test_a_practice_written_with_the_keyboard_and_attached_in_one_save(
    live_server, demo_meeting, page
):
    from delegations.models import Delegation
    from outcomes.models import GoodPractice

    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    sign_in(page, live_server.url, "focal.pa@example.org")
    page.goto(f"{live_server.url}/delegations/{panama.pk}/practices/new/")
    page.get_by_label("Title").fill("Red de Oportunidades")

    # The field before the description, then Tab: the toolbar (one stop), then the text.
    page.locator("#id_budget_currency").focus()
    page.keyboard.press("Tab")
    assert focused(page) == "Bold (Ctrl+B)"
    toolbar = page.get_by_role("toolbar", name="Formatting").first
    expect(toolbar.get_by_role("button")).to_have_count(5)
    page.keyboard.press("Tab")
    description = page.get_by_role("textbox", name="Description", exact=True)
    expect(description).to_be_focused()
    expect(description).to_have_attribute(
        "aria-describedby", re.compile(r"id_description_editorhelp")
    )

    write_bold_and_a_list(page, description)

    # Tab leaves the editor: no trap, and no tab character was typed.
    page.keyboard.press("Tab")
    expect(description).not_to_be_focused()
    assert focused(page) == "Bold (Ctrl+B)"

    page.get_by_label("Add attachments").set_input_files(
        [{"name": "Evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 attachment added.")).to_be_visible()

    practice = GoodPractice.objects.get(delegation=panama, title="Red de Oportunidades")
    assert practice.description == (
        "<p>Transfers to <strong>women heads of household</strong></p>\n\n"
        "<ul><li>paid every two months</li><li>linked to school attendance</li></ul>"
    )
    assert [a.original_name for a in practice.attachments.all()] == ["Evaluation.pdf"]

    # On Edit the editor shows the same formatting and the attachment is listed.
    page.goto(f"{live_server.url}/practices/{practice.pk}/edit/")
    description = page.get_by_role("textbox", name="Description", exact=True)
    expect(description.locator("strong")).to_have_text("women heads of household")
    expect(description.locator("li")).to_have_text(
        ["paid every two months", "linked to school attendance"]
    )
    expect(page.get_by_role("link", name="Evaluation.pdf")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Evaluation.pdf")).to_be_visible()

    # Saved again unchanged, the stored HTML stays the same.
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    practice.refresh_from_db()
    assert practice.description == (
        "<p>Transfers to <strong>women heads of household</strong></p>\n\n"
        "<ul><li>paid every two months</li><li>linked to school attendance</li></ul>"
    )
    assert violations == []


def test_after_an_error_the_editor_shows_what_was_written(live_server, demo_meeting, page):
    from delegations.models import Delegation

    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    sign_in(page, live_server.url, "focal.pa@example.org")
    page.goto(f"{live_server.url}/delegations/{panama.pk}/practices/new/")
    lessons = page.get_by_role("textbox", name="Lessons learned")
    lessons.click()
    page.keyboard.press("Control+i")
    page.keyboard.type("Start small")
    page.keyboard.press("Control+i")
    page.keyboard.type(" see ")
    page.keyboard.press("Control+k")
    expect(page.get_by_role("textbox", name="Web address of the link")).to_be_focused()
    page.keyboard.type("https://www.mides.gob.pa")
    page.keyboard.press("Enter")
    expect(lessons).to_be_focused()
    page.get_by_label("Add attachments").set_input_files(
        [{"name": "Evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )

    page.get_by_role("button", name="Save draft").click()  # no title: refused

    expect(page.get_by_text("Give the practice a title.", exact=True)).to_be_visible()
    expect(page.get_by_test_id("choose-files-again")).to_be_visible()
    # With the toolbar, the hint for typing formatting by hand is not shown.
    expect(page.get_by_text(PLAIN_HINT)).to_have_count(4)
    for hint in page.get_by_text(PLAIN_HINT).all():
        expect(hint).to_be_hidden()
    lessons = page.get_by_role("textbox", name="Lessons learned")
    expect(lessons.locator("em")).to_have_text("Start small")
    expect(lessons.locator("a")).to_have_attribute("href", "https://www.mides.gob.pa")
    expect(lessons.locator("a")).to_have_text("https://www.mides.gob.pa")


def test_without_javascript_the_text_area_takes_typed_text(live_server, demo_meeting, browser):
    from delegations.models import Delegation
    from outcomes.models import GoodPractice

    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "focal.pa@example.org")
    page.goto(f"{live_server.url}/delegations/{panama.pk}/practices/new/")
    expect(page.get_by_role("toolbar")).to_have_count(0)
    # How to type formatting is said where it helps: without the toolbar.
    expect(page.get_by_text(PLAIN_HINT).first).to_be_visible()
    page.get_by_label("Title").fill("Red de Oportunidades")
    page.get_by_label("Description", exact=True).fill("Transfers to **women**\n\n- paid\n- linked")
    page.get_by_role("button", name="Save draft").click()

    practice = GoodPractice.objects.get(delegation=panama, title="Red de Oportunidades")
    assert practice.description == (
        "<p>Transfers to <strong>women</strong></p>\n\n<ul><li>paid</li><li>linked</li></ul>"
    )
    context.close()
