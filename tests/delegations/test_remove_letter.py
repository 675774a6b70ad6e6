"""A focal point removes a credentials letter while the registration can still change."""

import pytest
from django.core.files.storage import default_storage

from delegations.enums import DelegationStatus
from delegations.models import CredentialsLetter
from tests.delegations.test_registration import delegation_of, signed_in, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def panama_letter(demo_meeting):
    """Panama, registering, with one uploaded credentials letter."""
    panama = delegation_of(demo_meeting, "PA")
    response = upload(signed_in("focal.pa@example.org"), panama, name="nota.pdf")
    assert response.status_code == 302
    return panama, panama.credentials_letters.get()


def remove_url(delegation, letter):
    return f"/delegations/{delegation.pk}/credentials/{letter.pk}/remove/"


def test_focal_point_removes_a_letter_and_its_file_before_submission(
    panama_letter, django_capture_on_commit_callbacks
):
    panama, letter = panama_letter
    stored = letter.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in("focal.pa@example.org").post(remove_url(panama, letter), follow=True)

    assert "Credentials letter nota.pdf removed." in response.content.decode()
    assert list(panama.credentials_letters.all()) == []
    assert not default_storage.exists(stored)


def test_a_removed_letter_can_be_replaced_by_uploading_again(panama_letter):
    panama, letter = panama_letter
    focal = signed_in("focal.pa@example.org")

    focal.post(remove_url(panama, letter))
    upload(focal, panama, name="nota corregida.pdf")

    assert list(panama.credentials_letters.values_list("original_name", flat=True)) == [
        "nota corregida.pdf"
    ]


def test_the_registration_page_offers_remove_while_the_list_can_change(panama_letter):
    panama, letter = panama_letter

    page = signed_in("focal.pa@example.org").get(f"/delegations/{panama.pk}/")

    assert remove_url(panama, letter) in page.content.decode()


@pytest.mark.parametrize("status", [DelegationStatus.SUBMITTED, DelegationStatus.ACCREDITED])
def test_removing_a_letter_once_submitted_or_accredited_is_refused(panama_letter, status):
    panama, letter = panama_letter
    panama.status = status
    panama.save()
    focal = signed_in("focal.pa@example.org")

    response = focal.post(remove_url(panama, letter), follow=True)

    assert response.status_code == 200
    assert "can no longer be removed" in response.content.decode() or (
        "can no longer be changed" in response.content.decode()
    )
    assert list(panama.credentials_letters.all()) == [letter]
    assert default_storage.exists(letter.file.name)
    page = focal.get(f"/delegations/{panama.pk}/")
    assert remove_url(panama, letter) not in page.content.decode()


def test_the_secretariat_may_remove_a_submitted_delegations_letter(panama_letter):
    panama, letter = panama_letter
    panama.status = DelegationStatus.SUBMITTED
    panama.save()

    signed_in("secretariat@example.org").post(remove_url(panama, letter))

    assert not CredentialsLetter.objects.filter(pk=letter.pk).exists()


def test_another_delegations_letter_answers_404_and_stays(panama_letter, demo_meeting):
    panama, letter = panama_letter
    barbados = delegation_of(demo_meeting, "BB")
    focal_bb = signed_in("focal.bb@example.org")

    assert focal_bb.post(remove_url(panama, letter)).status_code == 404
    # Its own delegation in the path, Panama's letter in the id.
    assert focal_bb.post(remove_url(barbados, letter)).status_code == 404
    assert CredentialsLetter.objects.filter(pk=letter.pk).exists()


def test_a_get_never_removes_a_letter(panama_letter):
    panama, letter = panama_letter

    response = signed_in("focal.pa@example.org").get(remove_url(panama, letter))

    # The GET only asks for confirmation (tests/delegations/test_remove_letter_confirm.py).
    assert response.status_code == 200
    assert CredentialsLetter.objects.filter(pk=letter.pk).exists()
