"""Mexico's focal point shares a good practice; the secretariat returns it, then accepts
it; anyone finds it in the public compendium by a word and by its target group."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_agenda_editor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_submit_return_correct_accept_and_find(live_server, demo_meeting, browser):
    from delegations.models import Delegation

    mexico = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="MX")
    focal = browser.new_context(locale="en-US").new_page()
    focal.set_default_timeout(15_000)
    sign_in(focal, live_server.url, "focal.mx@example.org")

    # A draft with only part of the fields is saved.
    focal.goto(f"{live_server.url}/delegations/{mexico.pk}/practices/new/")
    focal.get_by_label("Title").fill("Sembrando Vida for rural women")
    focal.get_by_label("Description", exact=True).fill(
        "Agroforestry plots paid through monthly transfers to smallholders."
    )
    focal.get_by_role("button", name="Save draft").click()
    expect(focal.get_by_test_id("practice-status")).to_have_text("Draft")

    # Completed and submitted.
    focal.get_by_role("link", name="Edit Sembrando Vida for rural women").click()
    focal.get_by_label("Conditional cash transfer", exact=True).check()
    focal.get_by_label("Women", exact=True).check()
    focal.get_by_role("button", name="Save and submit for review").click()
    expect(focal.get_by_test_id("practice-status")).to_have_text("Submitted")

    # The secretariat returns it with a comment.
    secretariat = browser.new_context(locale="en-US").new_page()
    secretariat.set_default_timeout(15_000)
    sign_in(secretariat, live_server.url, "secretariat@example.org")
    secretariat.goto(f"{live_server.url}/secretariat/meetings/{demo_meeting.slug}/practices/")
    secretariat.get_by_role("link", name="Sembrando Vida for rural women").click()
    secretariat.get_by_label("Comments for the delegation").fill(
        "Please add the number of women reached."
    )
    secretariat.get_by_role("button", name="Return with comments").click()

    # The focal point corrects it and submits it again.
    focal.reload()
    expect(focal.get_by_test_id("practice-status")).to_have_text("Returned with comments")
    expect(focal.get_by_text("Please add the number of women reached.")).to_be_visible()
    focal.get_by_role("link", name="Edit Sembrando Vida for rural women").click()
    focal.get_by_label("Women among the beneficiaries").fill("128000")
    focal.get_by_role("button", name="Save and submit for review").click()
    expect(focal.get_by_test_id("practice-status")).to_have_text("Submitted")

    # Accepted and published.
    secretariat.goto(f"{live_server.url}/secretariat/meetings/{demo_meeting.slug}/practices/")
    secretariat.get_by_role("link", name="Sembrando Vida for rural women").click()
    secretariat.get_by_role("button", name="Accept and publish").click()

    # Anyone finds it by a word of its description, and by its target group.
    visitor = browser.new_context(locale="en-US").new_page()
    visitor.set_default_timeout(15_000)
    visitor.goto(f"{live_server.url}/practices/")
    visitor.get_by_role("searchbox", name="Search").fill("agroforestry")
    visitor.get_by_role("button", name="Show the practices").click()
    expect(visitor.get_by_role("link", name="Sembrando Vida for rural women")).to_be_visible()
    visitor.goto(f"{live_server.url}/practices/")
    women = visitor.get_by_label("Target group").locator("option", has_text=re.compile(r"^Women"))
    visitor.get_by_label("Target group").select_option(women.get_attribute("value"))
    visitor.get_by_role("button", name="Show the practices").click()
    expect(visitor.get_by_role("link", name="Sembrando Vida for rural women")).to_be_visible()
    visitor.get_by_role("link", name="Sembrando Vida for rural women").click()
    expect(visitor.get_by_text("128,000").or_(visitor.get_by_text("128000"))).to_be_visible()
