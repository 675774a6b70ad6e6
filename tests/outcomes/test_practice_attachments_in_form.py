"""A practice and its attachments are saved with one submission of the practice form."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice, PracticeAttachment
from tests.delegations.test_registration import signed_in
from tests.outcomes.factories import GoodPracticeFactory, delegation_of
from tests.outcomes.test_practice_text_round_trip import textarea
from tests.outcomes.test_practices import minimal_docx, practice_data
from tests.security.test_uploads_by_content import pdf
from tests.speakers.factories import PDF_BYTES

TYPED = "Rural women plant agroforestry plots.\n\n- **paid** monthly\n- trained"
AGAIN = "Choose them again before saving."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(content, name):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def field_errors(page, name):
    match = re.search(rf'id="id_{name}_error"[^>]*>(.*?)</div>', page, re.DOTALL)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def test_the_form_is_multipart_with_a_multiple_file_input(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    page = signed_in("focal.mx@example.org").get(f"/delegations/{mexico.pk}/practices/new/")

    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input type="file" name="attachments"[^>]* multiple', html)


def test_a_new_practice_and_two_files_are_saved_in_one_submission(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(
            description=TYPED,
            attachments=[upload(PDF_BYTES, "Report.pdf"), upload(minimal_docx(), "Annex.docx")],
        ),
    )

    assert response.status_code == 302
    practice = GoodPractice.objects.get(delegation=mexico)
    assert sorted(a.original_name for a in practice.attachments.all()) == [
        "Annex.docx",
        "Report.pdf",
    ]
    assert sorted(a.kind for a in practice.attachments.all()) == ["docx", "pdf"]


def test_an_edit_attaches_a_file_with_the_changes(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT, language="es")

    response = signed_in("focal.mx@example.org").post(
        f"/practices/{practice.pk}/edit/",
        practice_data(
            title="Changed title",
            version=practice.version,
            attachments=[upload(PDF_BYTES, "Evaluation.pdf")],
        ),
    )

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Changed title"
    assert [a.original_name for a in practice.attachments.all()] == ["Evaluation.pdf"]


def test_a_refused_file_saves_nothing_and_keeps_what_was_typed(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(
            description=TYPED,
            attachments=[upload(PDF_BYTES, "Good.pdf"), upload(b"just text", "notes.pdf")],
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not GoodPractice.objects.filter(delegation=mexico).exists()
    assert not PracticeAttachment.objects.exists()
    assert textarea(page, "description") == TYPED
    assert "notes.pdf: This file is not a PDF, Word (DOCX) document" in field_errors(
        page, "attachments"
    )
    assert AGAIN in page


def test_a_refused_file_on_edit_leaves_the_practice_unchanged(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(
        delegation=mexico, status=PracticeStatus.DRAFT, language="es", title="Before"
    )
    version = practice.version

    response = signed_in("focal.mx@example.org").post(
        f"/practices/{practice.pk}/edit/",
        practice_data(
            title="After", version=version, attachments=[upload(b"<html></html>", "a.docx")]
        ),
    )

    assert response.status_code == 200
    practice.refresh_from_db()
    assert (practice.title, practice.version) == ("Before", version)
    assert not practice.attachments.exists()
    assert 'value="After"' in response.content.decode()


def test_a_pdf_that_is_also_a_web_page_is_refused(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    polyglot = pdf(html=b"<html><script>alert(1)</script></html>")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(attachments=[upload(polyglot, "Annex.pdf")]),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This PDF contains scripts" in field_errors(page, "attachments")
    assert not GoodPractice.objects.filter(delegation=mexico).exists()


def test_an_error_elsewhere_attaches_nothing_and_asks_for_the_files_again(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(
            beneficiaries=10,
            women_beneficiaries=50,
            attachments=[upload(PDF_BYTES, "Report.pdf")],
        ),
    )

    assert response.status_code == 200
    assert not PracticeAttachment.objects.exists()
    assert AGAIN in response.content.decode()


def test_without_files_the_page_does_not_ask_for_them_again(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/", practice_data(title="")
    )

    assert response.status_code == 200
    assert AGAIN not in response.content.decode()


def test_the_existing_attachments_are_listed_with_their_remove_buttons(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT)
    focal = signed_in("focal.mx@example.org")
    focal.post(f"/practices/{practice.pk}/attachments/", {"file": upload(PDF_BYTES, "Old.pdf")})
    attachment = practice.attachments.get()

    page = focal.get(f"/practices/{practice.pk}/edit/").content.decode()
    remove = f"/practices/{practice.pk}/attachments/{attachment.pk}/remove/"
    assert f'<form id="remove-attachment-{attachment.pk}" method="post" action="{remove}">' in page
    assert f'form="remove-attachment-{attachment.pk}"' in page

    focal.post(remove)
    assert not practice.attachments.exists()
