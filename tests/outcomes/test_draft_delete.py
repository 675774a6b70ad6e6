"""Before review a focal point removes an attachment or deletes a draft practice."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice, PracticeAttachment
from tests.outcomes.factories import GoodPracticeFactory, delegation_of
from tests.outcomes.test_practices import minimal_docx, signed_in


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def practice_with_attachment(meeting, status, **fields):
    """Return Mexico's practice in ``status`` with one uploaded DOCX attachment."""
    practice = GoodPracticeFactory(
        delegation=delegation_of(meeting, "MX"), status=PracticeStatus.DRAFT, **fields
    )
    signed_in("focal.mx@example.org").post(
        f"/practices/{practice.pk}/attachments/",
        {"file": SimpleUploadedFile("Informe.docx", minimal_docx())},
    )
    GoodPractice.objects.filter(pk=practice.pk).update(status=status)
    practice.refresh_from_db()
    return practice, practice.attachments.get()


def remove_url(practice, attachment):
    return f"/practices/{practice.pk}/attachments/{attachment.pk}/remove/"


def delete_url(practice):
    return f"/practices/{practice.pk}/delete/"


# Attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [PracticeStatus.DRAFT, PracticeStatus.RETURNED])
def test_focal_point_removes_an_attachment_before_review(
    demo_meeting, status, django_capture_on_commit_callbacks
):
    practice, attachment = practice_with_attachment(demo_meeting, status)
    stored = attachment.file.name
    focal = signed_in("focal.mx@example.org")

    page = focal.get(f"/practices/{practice.pk}/edit/")
    with django_capture_on_commit_callbacks(execute=True):
        response = focal.post(remove_url(practice, attachment), follow=True)

    assert remove_url(practice, attachment) in page.content.decode()
    assert "Attachment Informe.docx removed." in response.content.decode()
    assert list(practice.attachments.all()) == []
    assert not default_storage.exists(stored)


@pytest.mark.parametrize("status", [PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED])
def test_removing_an_attachment_under_review_or_published_is_refused(demo_meeting, status):
    practice, attachment = practice_with_attachment(demo_meeting, status)

    response = signed_in("focal.mx@example.org").post(remove_url(practice, attachment), follow=True)

    assert response.status_code == 200
    assert "can no longer be removed" in response.content.decode()
    assert list(practice.attachments.all()) == [attachment]
    assert default_storage.exists(attachment.file.name)


def test_another_delegations_attachment_answers_404_and_stays(demo_meeting):
    practice, attachment = practice_with_attachment(demo_meeting, PracticeStatus.DRAFT)
    own = GoodPracticeFactory(
        delegation=delegation_of(demo_meeting, "BB"), status=PracticeStatus.DRAFT
    )
    barbados = signed_in("focal.bb@example.org")

    assert barbados.post(remove_url(practice, attachment)).status_code == 404
    assert barbados.post(remove_url(own, attachment)).status_code == 404
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()


def test_a_get_never_removes_an_attachment(demo_meeting):
    practice, attachment = practice_with_attachment(demo_meeting, PracticeStatus.DRAFT)

    response = signed_in("focal.mx@example.org").get(remove_url(practice, attachment))

    assert response.status_code == 405
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()


# Deleting a draft ----------------------------------------------------------------------


def test_the_confirmation_page_shows_what_will_be_deleted_and_deletes_nothing(demo_meeting):
    practice, attachment = practice_with_attachment(
        demo_meeting, PracticeStatus.DRAFT, title="Sembrando Vida"
    )

    response = signed_in("focal.mx@example.org").get(delete_url(practice))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Sembrando Vida" in content and "Informe.docx" in content
    assert GoodPractice.objects.filter(pk=practice.pk).exists()
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()


def test_focal_point_deletes_a_draft_with_its_attachments(
    demo_meeting, django_capture_on_commit_callbacks
):
    practice, attachment = practice_with_attachment(
        demo_meeting, PracticeStatus.DRAFT, title="Sembrando Vida"
    )
    stored = attachment.file.name
    focal = signed_in("focal.mx@example.org")

    listing = focal.get(f"/delegations/{practice.delegation_id}/practices/")
    with django_capture_on_commit_callbacks(execute=True):
        response = focal.post(delete_url(practice), follow=True)

    assert delete_url(practice) in listing.content.decode()
    assert response.redirect_chain[-1][0] == f"/delegations/{practice.delegation_id}/practices/"
    assert "Draft “Sembrando Vida” deleted." in response.content.decode()
    assert not GoodPractice.objects.filter(pk=practice.pk).exists()
    assert not PracticeAttachment.objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(stored)


@pytest.mark.parametrize(
    ("status", "submitted_at"),
    [
        (PracticeStatus.SUBMITTED, timezone.now()),
        (PracticeStatus.RETURNED, timezone.now()),
        (PracticeStatus.PUBLISHED, timezone.now()),
        # A draft the secretariat has already seen once is not a fresh draft.
        (PracticeStatus.DRAFT, timezone.now()),
    ],
)
def test_a_practice_that_was_submitted_cannot_be_deleted(demo_meeting, status, submitted_at):
    practice, attachment = practice_with_attachment(demo_meeting, status, submitted_at=submitted_at)
    focal = signed_in("focal.mx@example.org")

    confirmation = focal.get(delete_url(practice), follow=True)
    response = focal.post(delete_url(practice), follow=True)

    for answer in [confirmation, response]:
        assert "was submitted to the secretariat and can no longer be deleted" in (
            answer.content.decode()
        )
    assert GoodPractice.objects.filter(pk=practice.pk).exists()
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()
    assert (
        delete_url(practice)
        not in focal.get(f"/delegations/{practice.delegation_id}/practices/").content.decode()
    )


def test_another_delegations_practice_answers_404_on_delete(demo_meeting):
    practice, _ = practice_with_attachment(demo_meeting, PracticeStatus.DRAFT)
    published, _ = practice_with_attachment(demo_meeting, PracticeStatus.PUBLISHED)
    barbados = signed_in("focal.bb@example.org")

    for response in [
        barbados.get(delete_url(practice)),
        barbados.post(delete_url(practice)),
        barbados.post(delete_url(published)),
        signed_in("moderator@example.org").post(delete_url(practice)),
    ]:
        assert response.status_code == 404
    assert GoodPractice.objects.filter(pk__in=[practice.pk, published.pk]).count() == 2
