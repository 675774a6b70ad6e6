import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from agenda.models import ExpectedOutcome
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice, Instrument, OutcomeRecord, TargetGroup
from tests.outcomes.factories import GoodPracticeFactory, delegation_of

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">']


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def practice_data(**changes):
    data = {
        "title": "Sembrando Vida con enfoque de género",
        "programme_name": "Sembrando Vida",
        "language": "es",
        "instruments": [Instrument.objects.get(code="cash-transfer-conditional").pk],
        "target_groups": [TargetGroup.objects.get(code="women").pk],
        "period_start": 2019,
        "description": "Transfers to rural women who plant agroforestry plots.",
        "links": "https://www.gob.mx/bienestar",
    }
    data.update(changes)
    return data


def minimal_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_a_draft_is_saved_even_when_incomplete_and_submission_says_what_is_missing(
    demo_meeting,
):
    mexico = delegation_of(demo_meeting, "MX")
    focal = signed_in("focal.mx@example.org")

    focal.post(
        f"/delegations/{mexico.pk}/practices/new/", {"title": "Only a title", "language": "es"}
    )
    practice = GoodPractice.objects.get(title="Only a title")
    response = focal.post(
        f"/practices/{practice.pk}/edit/",
        {"title": "Only a title", "language": "es", "version": practice.version, "submit": "1"},
        follow=True,
    )

    page = response.content.decode()
    assert "Your draft is saved. Before submitting it, add a description" in page
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_a_validation_error_keeps_everything_typed(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    focal = signed_in("focal.mx@example.org")

    response = focal.post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(links="not a link", period_end=2010),
    )

    page = response.content.decode()
    assert "is not a web address" in page
    assert "The programme cannot end before it starts." in page
    assert "Transfers to rural women who plant agroforestry plots." in page
    assert not GoodPractice.objects.filter(delegation=mexico).exists()


def test_the_workflow_notifies_the_focal_point_at_each_step(
    demo_meeting, django_capture_on_commit_callbacks
):
    mexico = delegation_of(demo_meeting, "MX")
    focal, secretariat = signed_in("focal.mx@example.org"), signed_in("secretariat@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        focal.post(f"/delegations/{mexico.pk}/practices/new/", {**practice_data(), "submit": "1"})
    practice = GoodPractice.objects.get(delegation=mexico)
    assert practice.status == PracticeStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/practices/{practice.pk}/review/",
            {"version": practice.version, "comment": "Add the coverage figures.", "return": "1"},
        )
    practice.refresh_from_db()
    assert (practice.status, practice.review_comment) == (
        PracticeStatus.RETURNED,
        "Add the coverage figures.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        focal.post(
            f"/practices/{practice.pk}/edit/",
            {**practice_data(beneficiaries=450000), "version": practice.version, "submit": "1"},
        )
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/practices/{practice.pk}/review/", {"version": practice.version, "publish": "1"}
        )

    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.beneficiaries == 450000
    assert [m.to for m in mail.outbox] == [["focal.mx@example.org"]] * 4
    assert "Add the coverage figures." in mail.outbox[1].body
    assert mail.outbox[3].subject.endswith(": publicada")  # Mexico's focal point reads Spanish
    assert list(practice.history.order_by("history_date").values_list("status", flat=True)) == [
        "draft",
        "submitted",
        "returned",
        "returned",
        "submitted",
        "published",
    ]


def test_other_delegations_cannot_reach_a_draft(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    draft = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT)
    barbados = signed_in("focal.bb@example.org")

    for response in [
        barbados.get(f"/delegations/{mexico.pk}/practices/"),
        barbados.get(f"/delegations/{mexico.pk}/practices/new/"),
        barbados.get(f"/practices/{draft.pk}/edit/"),
        barbados.post(f"/practices/{draft.pk}/edit/", practice_data()),
        barbados.post(f"/practices/{draft.pk}/attachments/", {}),
        signed_in("moderator@example.org").get(f"/practices/{draft.pk}/edit/"),
    ]:
        assert response.status_code == 404


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    draft = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT)
    stale = draft.version
    focal = signed_in("focal.mx@example.org")
    focal.post(f"/practices/{draft.pk}/edit/", {**practice_data(), "version": stale})

    response = focal.post(
        f"/practices/{draft.pk}/edit/", {**practice_data(title="My newer title"), "version": stale}
    )

    assert "Someone else saved this practice in the meantime" in response.content.decode()
    assert 'value="My newer title"' in response.content.decode()


def test_attachments_are_checked_by_content_and_private_until_published(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    draft = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT)
    focal = signed_in("focal.mx@example.org")

    refused = focal.post(
        f"/practices/{draft.pk}/attachments/",
        {"file": SimpleUploadedFile("report.docx", b"just text", "application/msword")},
        follow=True,
    )
    focal.post(
        f"/practices/{draft.pk}/attachments/",
        {"file": SimpleUploadedFile("Informe.docx", minimal_docx())},
    )

    assert "This file is not a PDF, Word (DOCX) document" in refused.content.decode()
    attachment = draft.attachments.get()
    url = f"/practices/{draft.pk}/attachments/{attachment.pk}/"
    assert attachment.kind == "docx" and attachment.file.name.startswith("practices/")
    assert Client().get(url).status_code == 404
    assert focal.get(url).status_code == 200
    GoodPractice.objects.filter(pk=draft.pk).update(status=PracticeStatus.PUBLISHED)
    assert Client().get(url).status_code == 200


def test_outcome_records_link_practices_and_sanitize_text(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(delegation=mexico)
    first = ExpectedOutcome.objects.filter(meeting=demo_meeting).order_by("order").first()
    secretariat = signed_in("secretariat@example.org")

    secretariat.post(
        f"/secretariat/meetings/{demo_meeting.slug}/outcomes/{first.pk}/",
        {
            "priorities": "<ul><li>Universal care systems</li></ul>" + PAYLOADS[0],
            "conclusions": "Coverage gaps remain." + PAYLOADS[1],
            "chair_summary": "",
            "practices": [practice.pk],
        },
    )

    record = OutcomeRecord.objects.get(expected_outcome=first)
    assert record.priorities == "<ul><li>Universal care systems</li></ul>"
    assert "onerror" not in record.conclusions
    assert list(record.practices.all()) == [practice]
    page = secretariat.get(f"/secretariat/meetings/{demo_meeting.slug}/outcomes/").content.decode()
    assert "<li>Universal care systems</li>" in page
    assert "<script" not in page.split("</footer>")[0].replace("<script src=", "")


def test_payloads_are_inert_on_the_delegation_and_review_pages_and_in_emails(
    demo_meeting, django_capture_on_commit_callbacks
):
    mexico = delegation_of(demo_meeting, "MX")
    payload = " ".join(PAYLOADS)
    practice = GoodPracticeFactory(
        delegation=mexico,
        status=PracticeStatus.SUBMITTED,
        title=f"Title {payload}",
        programme_name=payload,
        description=payload,
        results=payload,
        lessons=payload,
        gender_notes=payload,
        contact_name=payload,
    )
    secretariat = signed_in("secretariat@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/practices/{practice.pk}/review/",
            {"version": practice.version, "comment": payload, "return": "1"},
        )
    pages = [
        signed_in("focal.mx@example.org").get(f"/delegations/{mexico.pk}/practices/"),
        signed_in("focal.mx@example.org").get(f"/practices/{practice.pk}/edit/"),
        secretariat.get(f"/secretariat/meetings/{demo_meeting.slug}/practices/"),
        secretariat.get(f"/practices/{practice.pk}/review/"),
    ]

    for response in pages:
        body = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in body
        assert "onerror=" not in body.replace("onerror=&quot;", "")
    # Plain-text emails carry the words, never as markup a mail client would run.
    assert mail.outbox[0].content_subtype == "plain"
    assert not mail.outbox[0].alternatives
