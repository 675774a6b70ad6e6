"""Version numbers: a document's version grows exactly when what it shows changes.

Versions are counted per meeting and kind of document, whatever the language, paper and
orientation; the web request (the panel, the worker) and the ``render_document``
command number them alike, from one record of the contents seen so far.
"""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from delegations.floor.services import floor_request_accept
from documents import services
from documents.models import DocumentVersion
from live import services as live
from tests.delegations.floor_factories import FloorRequestFactory, delegation, dialogue
from tests.documents.conftest import pdf_text
from tests.factories import UserFactory, secretariat_user

SUMMARY = {"kind": "summary", "language": "en", "paper": "a4", "orientation": "portrait"}


def press(monkeypatch, meeting, action, *, minutes):
    """Press a console control as if it were ``minutes`` after the meeting's start."""
    moment = meeting.starts_at + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr("live.clock.now", lambda: moment)
    return live.clock_press(meeting=meeting, action=action)


def run_panama(monkeypatch, meeting):
    """The console times the first speaker: 10:00 to 10:08."""
    press(monkeypatch, meeting, "start", minutes=0)
    press(monkeypatch, meeting, "end", minutes=8)


def accept_two_floor_requests(meeting):
    segment = dialogue(meeting)
    for iso2 in ("PA", "UY"):
        floor_request = FloorRequestFactory(segment=segment, delegation=delegation(meeting, iso2))
        floor_request_accept(
            floor_request=floor_request,
            minutes=3,
            expected_version=floor_request.version,
            user=secretariat_user(),
        )


def command(meeting, kind, output, *, lang="en"):
    """Run ``render_document``; return the version it prints and the PDF's text."""
    stdout = io.StringIO()
    call_command(
        "render_document", kind, meeting=meeting.slug, lang=lang, output=str(output), stdout=stdout
    )
    printed = int(re.search(r"version (\d+)$", stdout.getvalue().strip()).group(1))
    return printed, " ".join(pdf_text(output.read_bytes()).split())


@pytest.fixture
def request_document(demo_meeting, django_capture_on_commit_callbacks):
    """Request a document as the panel does; the worker's task runs on commit."""

    def request(kind="run-of-show", *, orientation="landscape", **options):
        with django_capture_on_commit_callbacks(execute=True):
            document = services.document_request(
                meeting=demo_meeting,
                user=UserFactory(),
                **{"language": "en", "paper": "a4", "kind": kind, "orientation": orientation},
                **options,
            )
        document.refresh_from_db()
        return document

    return request


def test_render_document_numbers_each_new_run_of_show(demo_meeting, monkeypatch, tmp_path):
    before, before_text = command(demo_meeting, "run-of-show", tmp_path / "1.pdf")
    again, _text = command(demo_meeting, "run-of-show", tmp_path / "2.pdf")
    run_panama(monkeypatch, demo_meeting)
    after_console, console_text = command(demo_meeting, "run-of-show", tmp_path / "3.pdf")
    accept_two_floor_requests(demo_meeting)
    after_floor, floor_text = command(demo_meeting, "run-of-show", tmp_path / "4.pdf")
    spanish, spanish_text = command(demo_meeting, "run-of-show", tmp_path / "5.pdf", lang="es")

    assert (before, again, after_console, after_floor, spanish) == (1, 1, 2, 3, 3)
    assert "Version 1" in before_text
    assert "Version 2" in console_text
    assert "Version 3" in floor_text
    assert "Versión 3" in spanish_text


def test_render_document_numbers_the_summary_before_and_after_the_meeting(
    demo_meeting, monkeypatch, tmp_path
):
    before, before_text = command(demo_meeting, "summary", tmp_path / "before.pdf")
    run_panama(monkeypatch, demo_meeting)
    after, after_text = command(demo_meeting, "summary", tmp_path / "after.pdf")
    again, _text = command(demo_meeting, "summary", tmp_path / "again.pdf")

    assert (before, after, again) == (1, 2, 2)
    assert "Version 1" in before_text
    assert "Version 2" in after_text


def test_requests_number_the_run_of_show_as_the_console_and_the_floor_change_it(
    demo_meeting, monkeypatch, request_document
):
    before = request_document()
    run_panama(monkeypatch, demo_meeting)
    after_console = request_document()
    accept_two_floor_requests(demo_meeting)
    after_floor = request_document()
    unchanged = request_document()

    assert [before.version, after_console.version, after_floor.version] == [1, 2, 3]
    assert (unchanged.pk, unchanged.version) == (after_floor.pk, 3)
    assert unchanged.file.name == after_floor.file.name


def test_requests_number_the_summary_before_and_after_the_meeting(
    demo_meeting, monkeypatch, request_document
):
    before = request_document("summary", orientation="portrait")
    run_panama(monkeypatch, demo_meeting)
    after = request_document("summary", orientation="portrait")

    assert (before.version, after.version) == (1, 2)


def test_the_command_and_the_panel_share_their_numbering(
    demo_meeting, monkeypatch, request_document, tmp_path
):
    panel_before = request_document("summary", orientation="portrait")
    run_panama(monkeypatch, demo_meeting)
    printed, text = command(demo_meeting, "summary", tmp_path / "after.pdf")
    panel_after = request_document("summary", orientation="portrait")
    recorded = DocumentVersion.objects.filter(meeting=demo_meeting, kind="summary").count()

    assert (panel_before.version, printed, panel_after.version) == (1, 2, 2)
    assert "Version 2" in text
    assert recorded == 2


def test_a_version_is_recorded_once_per_content(demo_meeting):
    first = services.document_version_record(meeting=demo_meeting, kind="summary")
    second = services.document_version_record(meeting=demo_meeting, kind="summary")

    assert first == second == 1
    assert DocumentVersion.objects.filter(meeting=demo_meeting).count() == 1


def test_the_panel_lists_the_version_of_the_latest_rendering(
    client, demo_meeting, monkeypatch, request_document
):
    request_document("summary", orientation="portrait")
    run_panama(monkeypatch, demo_meeting)
    request_document("summary", orientation="portrait")
    client.force_login(secretariat_user())

    page = client.get(demo_meeting.get_absolute_url()).content.decode()
    panel = page[page.index('data-testid="document-summary"') :]
    panel = panel[: panel.index("</section>")]

    assert "version 2" in " ".join(panel.split())
