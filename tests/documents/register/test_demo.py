import io

import pytest
from pypdf import PdfReader

from demo.register import seed_register
from documents.models import OfficialDocument
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_demo_register_holds_the_concept_note_and_a_restricted_information_document():
    meeting = MeetingFactory(title="Strengthening social safety nets")

    seed_register(meeting)
    seed_register(meeting)  # idempotent

    documents = OfficialDocument.objects.filter(meeting=meeting).order_by("order")
    assert [(d.symbol, d.document_type, d.access) for d in documents] == [
        ("CIDI/doc. 1/22", "concept-note", "published"),
        ("CIDI/INF. 1/22", "information", "restricted"),
    ]
    assert [d.title_en for d in documents] == [
        "Concept note: Strengthening social safety nets",
        "Practical information for delegations",
    ]
    assert [list(d.files.values_list("language", "kind")) for d in documents] == [
        [("en", "pdf")],
        [("en", "pdf")],
    ]


def test_the_demo_concept_note_is_the_concept_notes_text_as_a_pdf(client):
    meeting = MeetingFactory()
    seed_register(meeting)

    response = client.get(f"/meetings/{meeting.slug}/concept-note/")

    assert response["Content-Disposition"] == 'attachment; filename="CIDI-doc.-1-22-en.pdf"'
    text = " ".join(pdf_text(b"".join(response.streaming_content)).split())
    assert text.startswith("CIDI/doc. 1/22 STRENGTHENING SOCIAL SAFETY NETS")
    for words in [
        "1. Background and rationale",
        "5. Meeting outcomes",
        "Ministry of Social Development",
        "ECLAC (2020), press release.",
    ]:
        assert words in text
    assert "footnoteRef" not in text
    assert "CIDRP03454E01" not in text


def test_the_demo_meetings_register_as_each_demo_account_reads_it(client, demo_meeting):
    from accounts.models import User

    seed_register(demo_meeting)
    page = f"/meetings/{demo_meeting.slug}/register/"
    concept_note, information = OfficialDocument.objects.filter(meeting=demo_meeting).order_by(
        "order"
    )
    restricted_file = f"{page}{information.pk}/en/"

    anonymous = (client.get(page), client.get(restricted_file))
    client.force_login(User.objects.get(email="focal.bb@example.org"))
    focal_point = (client.get(page), client.get(restricted_file))
    meeting_page = client.get(demo_meeting.get_absolute_url()).content.decode()

    assert [d.symbol for d in anonymous[0].context["documents"]] == [concept_note.symbol]
    assert anonymous[1].status_code == 404
    assert [d.symbol for d in focal_point[0].context["documents"]] == [
        concept_note.symbol,
        information.symbol,
    ]
    assert focal_point[1].status_code == 200
    assert page in meeting_page
