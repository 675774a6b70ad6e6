"""Hostile input: markup in text fields, path traversal, oversized bodies, bad dates, forged ids."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from accounts.models import User
from agenda.models import GuidingQuestion, Segment
from delegations.models import CredentialsLetter, Delegation, DelegationMember, FloorRequest
from outcomes.models import GoodPractice
from tests.agenda.test_editor import meeting_form_data
from tests.delegations.floor_factories import delegation as accredited_delegation
from tests.delegations.floor_factories import dialogue
from tests.delegations.test_registration import member_data
from tests.factories import MeetingFactory
from tests.outcomes.test_practices import practice_data
from tests.speakers.factories import PDF_BYTES  # a whole one-page PDF

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOADS = [SCRIPT, IMAGE]
EDITOR = "/secretariat/meetings/social-safety-nets/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECRETARIAT_REQUIRES_MFA = False


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def delegation_of(meeting, iso2):
    return Delegation.objects.get(meeting=meeting, member_state__iso2=iso2)


def assert_escaped(page, text):
    """``text`` shows as text: never its markup, always its escaped form."""
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "onerror=alert(1)>" not in page.replace("onerror=alert(1)&gt;", "")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    assert escaped in page


# Markup in text fields ----------------------------------------------------------------------


def test_member_names_are_stored_as_text_and_shown_escaped(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    for payload, role in zip(PAYLOADS, ["head", "adviser"], strict=True):
        response = focal.post(
            f"/delegations/{panama.pk}/members/new/",
            member_data(payload, role=role, position=payload, needs=payload),
        )
        assert response.status_code == 302
        member = DelegationMember.objects.get(delegation=panama, full_name=payload)
        assert member.position == payload

    registration = focal.get(f"/delegations/{panama.pk}/").content.decode()
    participants = signed_in("secretariat@example.org").get(f"{EDITOR}participants/")
    for payload in PAYLOADS:
        assert_escaped(registration, payload)
        assert_escaped(participants.content.decode(), payload)


def test_good_practices_keep_titles_as_text_and_sanitize_rich_text(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    focal = signed_in("focal.mx@example.org")

    for payload in PAYLOADS:
        focal.post(
            f"/delegations/{mexico.pk}/practices/new/",
            practice_data(title=payload, description=f"<p>Cash {payload} transfers</p>"),
        )
        practice = GoodPractice.objects.get(delegation=mexico, title=payload)
        assert "<script" not in practice.description
        assert "onerror" not in practice.description
        page = focal.get(f"/practices/{practice.pk}/").content.decode()
        assert_escaped(page, payload)
        assert "Cash" in page


def test_floor_request_topics_are_shown_escaped(demo_meeting):
    segment = dialogue(demo_meeting)
    for iso2, payload in zip(["PA", "BB"], PAYLOADS, strict=True):
        delegation = accredited_delegation(demo_meeting, iso2)
        member = DelegationMember.objects.create(
            delegation=delegation, full_name="Ana", role="head"
        )
        focal = Client()
        focal.force_login(delegation.focal_point)
        focal.post(
            f"/delegations/{delegation.pk}/floor/new/",
            {"segment": segment.pk, "member": member.pk, "floor_language": "es", "topic": payload},
        )
        assert FloorRequest.objects.get(delegation=delegation).topic == payload

    page = signed_in("secretariat@example.org").get(f"{EDITOR}floor/").content.decode()
    for payload in PAYLOADS:
        assert_escaped(page, payload)


def test_agenda_parts_and_questions_are_shown_escaped(demo_meeting):
    secretariat = signed_in("secretariat@example.org")

    for payload in PAYLOADS:
        secretariat.post(
            f"{EDITOR}parts/new/",
            {
                "title": payload,
                "kind": "closing",
                "lead_role": "chair",
                "buffer_minutes": 0,
                "floor_minutes": 3,
            },
        )
        part = Segment.objects.get(meeting=demo_meeting, title=payload)
        secretariat.post(f"{EDITOR}parts/{part.pk}/questions/new/", {"text": payload})
        assert GuidingQuestion.objects.get(segment=part).text == payload

    editor = secretariat.get(EDITOR).content.decode()
    public = secretariat.get("/meetings/social-safety-nets/").content.decode()
    for payload in PAYLOADS:
        assert_escaped(editor, payload)
        assert_escaped(public, payload)


# Files --------------------------------------------------------------------------------------


def test_a_traversal_file_name_is_stored_under_a_generated_name(demo_meeting, tmp_path):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    focal.post(
        f"/delegations/{panama.pk}/credentials/",
        {"letter": SimpleUploadedFile("../../etc/passwd.pdf", PDF_BYTES, "application/pdf")},
    )

    letter = CredentialsLetter.objects.get(delegation=panama)
    assert letter.file.name.startswith("credentials/")
    assert "passwd" not in letter.file.name
    assert ".." not in letter.file.name and ".." not in letter.original_name
    assert (tmp_path / letter.file.name).is_file()
    assert not list(tmp_path.parent.glob("etc/passwd*"))
    download = focal.get(f"/delegations/{panama.pk}/credentials/{letter.pk}/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert "/" not in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/media/padding.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_disguised_as_word_is_refused_with_a_clear_message(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    focal = signed_in("focal.mx@example.org")
    focal.post(f"/delegations/{mexico.pk}/practices/new/", practice_data())
    practice = GoodPractice.objects.get(delegation=mexico)

    response = focal.post(
        f"/practices/{practice.pk}/attachments/",
        {"file": SimpleUploadedFile("report.docx", zip_bomb())},
        follow=True,
    )

    assert "This file was refused as unsafe" in response.content.decode()
    assert not practice.attachments.exists()


def test_an_oversized_body_is_refused_with_a_message(demo_meeting, settings):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")
    settings.MAX_REQUEST_BYTES = 64 * 1024

    big = focal.post(
        f"/delegations/{panama.pk}/credentials/",
        {"letter": SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 100_000)},
    )
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    many_fields = focal.post(
        f"/delegations/{panama.pk}/members/new/", member_data("A" * 2000, role="head")
    )

    assert big.status_code == 413
    assert "The request is too large" in big.content.decode()
    assert many_fields.status_code == 400
    assert "larger than allowed" in many_fields.content.decode()
    assert not CredentialsLetter.objects.exists()
    assert not panama.members.exists()


# Dates and time zones -----------------------------------------------------------------------


BAD_MEETING_VALUES = [
    ({"date": "2025-02-30"}, "date"),
    ({"date": "not a date"}, "date"),
    ({"start_time": "25:61"}, "start_time"),
    ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
    ({"time_zone": "../../etc/localtime"}, "time_zone"),
]


def test_invalid_dates_and_time_zones_are_refused_and_nothing_is_saved(demo_meeting):
    secretariat = signed_in("secretariat@example.org")
    before = (demo_meeting.date, demo_meeting.start_time, demo_meeting.time_zone)

    for changes, field in BAD_MEETING_VALUES:
        response = secretariat.post(
            f"{EDITOR}details/", meeting_form_data(demo_meeting, venue="Changed", **changes)
        )
        assert response.status_code == 200, changes
        errors = response.context["form"].errors
        assert errors.get(field), changes
        assert escape(errors[field][0]) in response.content.decode()
        demo_meeting.refresh_from_db()
        assert (demo_meeting.date, demo_meeting.start_time, demo_meeting.time_zone) == before
        assert demo_meeting.venue != "Changed"


# Forged ids ---------------------------------------------------------------------------------


def test_another_delegations_member_id_answers_404_and_changes_nothing(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    barbados = delegation_of(demo_meeting, "BB")
    member = DelegationMember.objects.create(delegation=panama, full_name="Ana", role="head")
    focal = signed_in("focal.bb@example.org")

    responses = [
        focal.post(f"/delegations/{barbados.pk}/members/{member.pk}/", member_data("Forged")),
        focal.post(f"/delegations/{barbados.pk}/members/{member.pk}/delete/"),
        focal.post(f"/delegations/{barbados.pk}/members/{member.pk}/move/up/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    member.refresh_from_db()
    assert (member.delegation, member.full_name) == (panama, "Ana")


def test_another_meetings_segment_id_answers_404_and_changes_nothing(demo_meeting):
    other = MeetingFactory()
    part = Segment.objects.create(meeting=other, title="Elsewhere", kind="closing", order=1)
    secretariat = signed_in("secretariat@example.org")

    responses = [
        secretariat.post(f"{EDITOR}parts/{part.pk}/", {"title": "Forged", "kind": "closing"}),
        secretariat.post(f"{EDITOR}parts/{part.pk}/delete/"),
        secretariat.post(f"{EDITOR}parts/{part.pk}/questions/new/", {"text": "Forged"}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    part.refresh_from_db()
    assert part.title == "Elsewhere"
    assert not GuidingQuestion.objects.filter(text="Forged").exists()
