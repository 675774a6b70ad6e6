"""The moderator generates the run-of-show on the meeting page and downloads it."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.test_agenda_editor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_moderator_generates_and_downloads_the_run_of_show(
    live_server, demo_meeting, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, live_server.url, "moderator@example.org")
    page.goto(f"{live_server.url}/meetings/social-safety-nets/")
    card = page.get_by_test_id("document-run-of-show")
    card.get_by_label("Language").select_option("en")
    expect(card.get_by_label("Orientation")).to_have_value("landscape")

    card.get_by_role("button", name="Generate PDF: Scenario (run-of-show)").click()

    status = card.get_by_role("status")
    expect(status.get_by_test_id("document-state")).to_have_attribute(
        "data-state", "ready", timeout=30_000
    )
    expect(status).to_contain_text("version 1")
    expect(status).to_contain_text("5 pages")
    with page.expect_download() as download_info:
        status.get_by_role("link", name="Download the Scenario (run-of-show) (PDF)").click()
    download = download_info.value
    data = download.path().read_bytes()

    assert download.suggested_filename == "social-safety-nets-run-of-show-v1-en.pdf"
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Panama" in text
    assert "Maricarmen Plata" in text


def test_a_visitor_is_offered_only_the_compendium(live_server, demo_meeting, page):
    page.goto(f"{live_server.url}/meetings/social-safety-nets/")

    expect(page.get_by_test_id("document-good-practices")).to_have_count(1)
    expect(page.get_by_test_id("document-run-of-show")).to_have_count(0)
    expect(page.get_by_test_id("document-participants")).to_have_count(0)
    expect(page.get_by_test_id("document-summary")).to_have_count(0)
