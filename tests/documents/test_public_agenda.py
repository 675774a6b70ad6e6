"""The one-page agenda for delegates: what it shows, that it fits one page, who gets it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import services
from documents.models import DocumentKind, RenderedDocument
from documents.registry import spec_for
from tests.agenda.test_views import build_agenda
from tests.documents.conftest import in_order, pdf_text, render
from tests.documents.test_views import HTMX, MEETING, OPTIONS
from tests.factories import MeetingFactory

KIND = DocumentKind.PUBLIC_AGENDA


def flat(text):
    """Return ``text`` with its line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_the_demo_agenda_fits_one_page_in_each_language(demo_meeting, language):
    pdf, _version = render(demo_meeting, KIND, language=language)

    assert pdf.page_count == 1


def test_the_agenda_shows_the_parts_speakers_questions_and_outcomes_in_order(demo_meeting):
    pdf, _version = render(demo_meeting, KIND)

    text = flat(pdf_text(pdf.data))
    assert "Strengthening social safety nets" in text
    assert "10:00–11:42 (New York)" in text
    assert "OAS headquarters, Washington, D.C." in text and "Hybrid" in text
    positions = in_order(
        text,
        [
            "10:00–10:21",
            "Part One: Remarks by high-level social development authorities",
            "10:00–10:07",
            "High authority of the Ministry of Social Development — Panama",
            "10:07–10:14",
            "— Barbados",
            "10:14–10:21",
            "— Uruguay",
            "What are the main challenges your country faces",
            "10:21–10:42",
            "Part Two: Technical panel",
            "Moderator: Ms. Maricarmen Plata",
            "10:21–10:28",
            "Representative of the Secretariat of Well-being — Mexico",
            "5 + 2 min",
            "Representative of ECLAC — ECLAC",
            "ECLAC: From a regional perspective",
            "Mexico, Dominican Republic: How do you think the OAS",
            "10:42–11:42",
            "Dialogue with the delegations, led by the Chair of CIDI",
            "up to 3 min each",
            "Expected outcomes",
            "Showcase information on the main trends",
            "Raise the member states' awareness",
        ],
    )
    assert -1 not in positions


def test_the_public_agenda_points_to_the_meeting_page_not_to_the_connection_link(
    demo_meeting,
):
    pdf, _version = render(demo_meeting, KIND, language="es")

    text = flat(pdf_text(pdf.data)).replace(" ", "")
    assert "meetings.example.org" not in text
    assert "/es/meetings/social-safety-nets/" in text


def test_the_spanish_agenda_reads_in_spanish(demo_meeting):
    pdf, _version = render(demo_meeting, KIND, language="es")

    text = flat(pdf_text(pdf.data))
    assert "Primera parte" in text
    assert "Panamá" in text
    assert "Resultados esperados" in text


def test_the_public_agenda_is_offered_to_everyone_in_portrait():
    spec = spec_for(KIND)

    assert spec.is_public
    assert spec.default_orientation == "portrait"
    assert spec.template_name == "documents/public_agenda.html"


def test_an_anonymous_reader_requests_and_downloads_the_agenda(
    demo_meeting, client, django_capture_on_commit_callbacks
):
    page = client.get(MEETING).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(
            f"{MEETING}documents/public-agenda/", {**OPTIONS, "orientation": "portrait"}, **HTMX
        )
    document = RenderedDocument.objects.get(kind=KIND)

    download = client.get(f"/documents/{document.pk}/download/")
    body = b"".join(download.streaming_content)

    assert f'action="{MEETING}documents/public-agenda/"' in page
    assert requested.status_code == 200
    assert download.status_code == 200
    assert "Cache-Control" not in download
    assert body.startswith(b"%PDF-")


def count_content_queries(meeting):
    with CaptureQueriesContext(connection) as queries:
        services.document_content(meeting=meeting, kind=KIND, language="en")
    return len(queries)


@pytest.mark.django_db
def test_the_agenda_content_runs_the_same_queries_for_small_and_large_meetings():
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=6, slots_per_segment=6)

    assert count_content_queries(small) == count_content_queries(large)
