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
    expect(focal.get_by_role("link", name="nota-verbal.pdf")).to_be_visible()
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
