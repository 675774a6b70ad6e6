"""The secretariat reorders Part One in a real browser, by mouse and by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out", include_hidden=True)).to_have_count(1)


def part_one(page):
    return page.locator("section.segment-card").first.locator("li.slot-item")


def part_one_rows(page):
    rows = part_one(page)
    return [
        (
            rows.nth(i).get_by_test_id("slot-label").inner_text(),
            rows.nth(i).get_by_test_id("slot-time").inner_text(),
        )
        for i in range(rows.count())
    ]


def open_editor(page, live_server):
    sign_in(page, live_server.url, "secretariat@example.org")
    page.goto(f"{live_server.url}/secretariat/meetings/social-safety-nets/")
    expect(part_one(page)).to_have_count(3)
    assert part_one_rows(page) == [
        ("Panama", "10:00–10:07"),
        ("Barbados", "10:07–10:14"),
        ("Uruguay", "10:14–10:21"),
    ]


def test_dragging_the_second_slot_above_the_first_moves_all_clock_times(
    live_server, demo_meeting, page
):
    open_editor(page, live_server)
    barbados = part_one(page).nth(1).locator(".drag-handle")
    panama = part_one(page).nth(0)

    box_from, box_to = barbados.bounding_box(), panama.bounding_box()
    page.mouse.move(box_from["x"] + box_from["width"] / 2, box_from["y"] + box_from["height"] / 2)
    page.mouse.down()
    page.mouse.move(box_to["x"] + 20, box_to["y"] + 4, steps=12)
    page.mouse.move(box_to["x"] + 20, box_to["y"] + 2, steps=4)
    page.mouse.up()

    expect(part_one(page).first.get_by_test_id("slot-label")).to_have_text("Barbados")
    expect(part_one(page).first.get_by_test_id("slot-time")).to_have_text("10:00–10:07")
    assert part_one_rows(page) == [
        ("Barbados", "10:00–10:07"),
        ("Panama", "10:07–10:14"),
        ("Uruguay", "10:14–10:21"),
    ]
    page.reload()
    assert [label for label, _time in part_one_rows(page)] == ["Barbados", "Panama", "Uruguay"]


def test_the_same_move_by_keyboard(live_server, demo_meeting, page):
    open_editor(page, live_server)

    move_up = page.get_by_role("button", name="Move Barbados up")
    move_up.focus()
    page.keyboard.press("Enter")

    expect(part_one(page).first.get_by_test_id("slot-label")).to_have_text("Barbados")
    assert part_one_rows(page) == [
        ("Barbados", "10:00–10:07"),
        ("Panama", "10:07–10:14"),
        ("Uruguay", "10:14–10:21"),
    ]
    # The focus stays on the control that was pressed, and the change is announced.
    barbados_id = part_one(page).first.get_attribute("id")
    expect(page.locator(f"#{barbados_id}-down")).to_be_focused()
    expect(page.locator("#editor-status")).to_have_text("Moved Barbados up.")
    page.screenshot(path="var/test/editor-after-keyboard-move.png", full_page=True)


def test_editing_a_slot_in_the_panel_updates_the_times_without_reload(
    live_server, demo_meeting, page
):
    open_editor(page, live_server)

    part_one(page).first.get_by_role("link", name="Edit Panama").click()
    page.screenshot(path="var/test/editor-panel.png", full_page=True)
    page.get_by_label("Speaking minutes").fill("10")
    page.get_by_role("button", name="Save slot").click()

    expect(part_one(page).nth(1).get_by_test_id("slot-time")).to_have_text("10:10–10:17")
    expect(page.get_by_test_id("forecast-end")).to_have_text("11:45")
