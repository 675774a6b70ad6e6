"""Removing a credentials letter asks first: it is the delegation's official note verbale.

"Remove" on the registration page is a link to a page that names the letter and offers
"Remove the letter" (a POST to the same address) or "Keep it"; it works without
JavaScript, which the content security policy keeps to files anyway.
"""

import pytest

from delegations.models import CredentialsLetter
from tests.delegations.test_registration import delegation_of, signed_in, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def panama_letter(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    assert (
        upload(signed_in("focal.pa@example.org"), panama, name="nota verbal.pdf").status_code == 302
    )
    return panama, panama.credentials_letters.get()


def remove_url(delegation, letter):
    return f"/delegations/{delegation.pk}/credentials/{letter.pk}/remove/"


def test_remove_on_the_registration_page_opens_the_confirmation(panama_letter):
    panama, letter = panama_letter

    page = signed_in("focal.pa@example.org").get(f"/delegations/{panama.pk}/").content.decode()

    assert f'href="{remove_url(panama, letter)}"' in page
    assert f'action="{remove_url(panama, letter)}"' not in page


@pytest.mark.parametrize("email", ["focal.pa@example.org", "secretariat@example.org"])
def test_the_confirmation_names_the_letter_and_removes_nothing(panama_letter, email):
    panama, letter = panama_letter

    response = signed_in(email).get(remove_url(panama, letter))

    page = response.content.decode()
    assert response.status_code == 200
    assert "nota verbal.pdf" in page
    assert '<form method="post"' in page
    assert "Remove the letter" in page
    assert f'href="/delegations/{panama.pk}/"' in page
    assert "Keep it" in page
    assert CredentialsLetter.objects.filter(pk=letter.pk).exists()


def test_the_confirmation_of_another_delegations_letter_answers_404(panama_letter, demo_meeting):
    panama, letter = panama_letter
    barbados = delegation_of(demo_meeting, "BB")
    focal_bb = signed_in("focal.bb@example.org")

    assert focal_bb.get(remove_url(panama, letter)).status_code == 404
    assert focal_bb.get(remove_url(barbados, letter)).status_code == 404


def test_confirming_removes_the_letter(panama_letter):
    panama, letter = panama_letter

    response = signed_in("focal.pa@example.org").post(remove_url(panama, letter), follow=True)

    assert "Credentials letter nota verbal.pdf removed." in response.content.decode()
    assert not CredentialsLetter.objects.filter(pk=letter.pk).exists()
