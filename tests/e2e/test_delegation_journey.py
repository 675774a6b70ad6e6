"""Panama's focal point joins through the invitation, registers and asks for the floor;
the secretariat accredits the delegation and accepts the request; the agenda shows it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from delegations.invitations.links import invitation_token_make
from delegations.models import Delegation, FocalPointInvitation
from tests.conftest import DEMO_PASSWORD
from tests.e2e.test_agenda_editor import sign_in
from tests.speakers.factories import PDF_BYTES  # a whole one-page PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register_member(page, name, role):
    summary = page.get_by_text("Register a member", exact=True)
    if not page.get_by_label("Full name").is_visible():
        summary.click()
    page.get_by_label("Protocol title").fill("Ms.")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Role").select_option(label=role)
    page.get_by_role("button", name="Save member").click()
    expect(page.get_by_role("cell", name=f"Ms. {name}", exact=True)).to_be_visible()


def test_invitation_registration_accreditation_and_the_floor(
    live_server, demo_meeting, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # The demo's focal point of Panama has no account yet in this story.
    User.objects.filter(email="focal.pa@example.org").delete()
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    invitation = FocalPointInvitation.objects.create(
        delegation=panama,
        email="focal.pa@example.org",
        expires_at=timezone.now() + timezone.timedelta(days=30),
        sent_at=timezone.now(),
    )
    focal = browser.new_context(locale="en-US").new_page()
    focal.set_default_timeout(15_000)

    # The focal point opens the link and signs up; the address is already verified.
    focal.goto(
        f"{live_server.url}/delegations/invitation/{invitation_token_make(invitation=invitation)}/"
    )
    expect(focal).to_have_url(re.compile(r"/accounts/signup/"))
    focal.get_by_label("Full name").fill("Ana Pérez")
    focal.locator("#id_password1").fill("una clave larga 2022")
    focal.get_by_label("Password (again)").fill("una clave larga 2022")
    focal.get_by_role("button", name="Create my account and accept").click()
    expect(focal).to_have_url(f"{live_server.url}/delegations/{panama.pk}/")

    # Three members, the credentials letter, and the submission.
    register_member(focal, "Ana Pérez", "Head of delegation / principal representative")
    register_member(focal, "Luis Gómez", "Alternate representative")
    register_member(focal, "Eva Ruiz", "Adviser")
    focal.get_by_label("Credentials letter (note verbale)").set_input_files(
        {"name": "nota-verbal.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    focal.get_by_role("button", name="Upload the letter").click()
    expect(focal.get_by_role("link", name="nota-verbal.pdf", exact=True)).to_be_visible()
    # "Remove" asks first (the letter is the note verbale); "Keep it" leaves it in place.
    focal.get_by_role("link", name="Remove nota-verbal.pdf").click()
    expect(focal.get_by_test_id("letter-to-remove")).to_have_text("nota-verbal.pdf")
    expect(focal.get_by_role("button", name="Remove the letter")).to_be_visible()
    focal.get_by_role("link", name="Keep it").click()
    expect(focal.get_by_role("link", name="nota-verbal.pdf", exact=True)).to_be_visible()
    focal.get_by_role("button", name="Submit for accreditation").click()
    expect(focal.get_by_test_id("delegation-status")).to_have_text("Credentials submitted")

    # The secretariat accredits the delegation.
    secretariat = browser.new_context(locale="en-US").new_page()
    secretariat.set_default_timeout(15_000)
    sign_in(secretariat, live_server.url, "secretariat@example.org")
    secretariat.goto(f"{live_server.url}/delegations/{panama.pk}/")
    secretariat.get_by_role("button", name="Accredit").click()
    expect(secretariat.get_by_test_id("delegation-status")).to_have_text("Accredited")

    # Now accredited, the delegation asks for the floor in the dialogue.
    focal.reload()
    focal.get_by_label("Who speaks").select_option(label="Ms. Ana Pérez")
    focal.get_by_label("Topic").fill("Sistemas de cuidados")
    focal.get_by_role("button", name="Ask for the floor").last.click()
    expect(focal.get_by_test_id("floor-position")).to_have_text("1 of 1")

    # The secretariat accepts it; it becomes a slot with its clock time in the agenda.
    secretariat.goto(f"{live_server.url}/secretariat/meetings/{demo_meeting.slug}/floor/")
    secretariat.get_by_role("button", name="Accept the request of Panama").click()
    secretariat.goto(f"{live_server.url}/meetings/{demo_meeting.slug}/")
    dialogue = secretariat.locator("section.segment-card", has_text="Dialogue with the delegations")
    row = dialogue.get_by_role("row", name=re.compile("Ana Pérez"))
    expect(row).to_contain_text("10:42")
    expect(row).to_contain_text("Panama")
    expect(row).to_contain_text("3 min")
    assert DEMO_PASSWORD  # the secretariat signed in with the demo password


def upload_letter_and_submit(page):
    page.get_by_label("Credentials letter (note verbale)").set_input_files(
        {"name": "nota-verbal.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Upload the letter").click()
    page.get_by_role("button", name="Submit for accreditation").click()
    expect(page.get_by_test_id("delegation-status")).to_have_text("Credentials submitted")


def test_an_accredited_delegation_asks_for_a_change_on_a_phone(
    live_server, demo_meeting, browser, settings, tmp_path
):
    """After accreditation the list is frozen: the focal point asks, the secretariat acts."""
    settings.MEDIA_ROOT = tmp_path
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    phone = browser.new_context(
        locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    focal = phone.new_page()
    focal.set_default_timeout(15_000)
    sign_in(focal, live_server.url, "focal.pa@example.org")
    focal.goto(f"{live_server.url}/delegations/{panama.pk}/")

    # A double tap on "Save member" registers the member once (the same name is refused
    # and the second copy of a form is not acted on: tests/security/test_submit_once.py).
    summary = focal.get_by_text("Register a member", exact=True)
    if not focal.get_by_label("Full name").is_visible():
        summary.click()
    focal.get_by_label("Protocol title").fill("Ms.")
    focal.get_by_label("Full name").fill("Ana Pérez")
    focal.get_by_label("Role").select_option(label="Head of delegation / principal representative")
    focal.get_by_role("button", name="Save member").dblclick()
    expect(focal.get_by_role("cell", name="Ms. Ana Pérez", exact=True)).to_have_count(1)
    assert panama.members.filter(full_name="Ana Pérez").count() == 1

    # On the phone the members are cards: every action is on the screen.
    edit = focal.get_by_role("link", name="Edit Ana Pérez")
    box = edit.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390
    assert focal.evaluate("document.documentElement.scrollWidth") <= 390

    upload_letter_and_submit(focal)

    secretariat = browser.new_context(locale="en-US").new_page()
    secretariat.set_default_timeout(15_000)
    sign_in(secretariat, live_server.url, "secretariat@example.org")
    secretariat.goto(f"{live_server.url}/delegations/{panama.pk}/")
    secretariat.get_by_role("button", name="Accredit").click()
    expect(secretariat.get_by_test_id("delegation-status")).to_have_text("Accredited")

    # Accredited: no more editing, a request for a change instead.
    focal.reload()
    expect(focal.get_by_role("link", name="Edit Ana Pérez")).to_have_count(0)
    focal.get_by_label("What should change?").fill(
        "Our Vice-Minister, Carlos Mendoza, joins the delegation as alternate."
    )
    focal.get_by_role("button", name="Request a change").click()
    expect(focal.get_by_test_id("change-request")).to_contain_text("Carlos Mendoza")
    expect(focal.get_by_test_id("delegation-status")).to_have_text("Accredited")

    # The secretariat sees it flagged, makes the change and marks it handled.
    secretariat.goto(f"{live_server.url}/secretariat/meetings/{demo_meeting.slug}/delegations/")
    expect(secretariat.get_by_test_id("change-requests")).to_have_text("1")
    secretariat.get_by_role("row", name=re.compile("Change requested")).get_by_role("link").click()
    expect(secretariat.get_by_test_id("change-request")).to_contain_text("Carlos Mendoza")
    secretariat.get_by_text("Register a member", exact=True).click()
    secretariat.get_by_label("Full name").fill("Carlos Mendoza")
    secretariat.get_by_label("Role").select_option(label="Alternate representative")
    secretariat.get_by_role("button", name="Save member").click()
    secretariat.get_by_role("button", name="Mark the request as handled").click()
    expect(secretariat.get_by_test_id("change-request")).to_have_count(0)

    focal.reload()
    expect(focal.get_by_role("cell", name=re.compile("Carlos Mendoza"))).to_be_visible()
    expect(focal.get_by_test_id("delegation-status")).to_have_text("Accredited")
    phone.close()
