"""How the scenario genders a person's role names: entered beside the title, per person."""

import re

import pytest

from delegations.models import MemberState
from speakers.models import Person
from tests.agenda.test_editor import HTMX, editor_url
from tests.directory.test_views import PEOPLE, person_data
from tests.factories import PersonFactory, secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    client.force_login(secretariat_user())
    return client


def test_a_persons_grammatical_gender_is_saved_under_spanish_and_the_english_stays(secretariat):
    person = PersonFactory(
        full_name="Ariadna Montiel",
        protocol_title="Ms.",
        position="Secretary of Well-being",
        member_state=MemberState.objects.get(iso2="MX"),
    )
    form = secretariat.get(f"/es{PEOPLE}{person.pk}/").context["form"]

    response = secretariat.post(
        f"/es{PEOPLE}{person.pk}/",
        person_data(
            person,
            protocol_title="Sra.",
            position="Secretaria de Bienestar",
            full_name=form["full_name"].value(),
            grammatical_gender="f",
        ),
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert person.grammatical_gender == "f"
    assert (person.protocol_title_es, person.position_es) == ("Sra.", "Secretaria de Bienestar")
    assert (person.protocol_title_en, person.position_en, person.full_name_en) == (
        "Ms.",
        "Secretary of Well-being",
        "Ariadna Montiel",
    )


def test_the_gender_sits_beside_the_title_and_name_and_defaults_to_neutral(secretariat):
    page = secretariat.get(f"{PEOPLE}new/").content.decode()

    title = page.index('name="protocol_title"')
    name = page.index('name="full_name"')
    gender = page.index('name="grammatical_gender"')
    assert title < name < gender < page.index('name="position"')
    assert re.search(r'<option value=""[^>]*selected[^>]*>\s*Neutral wording\s*</option>', page)
    assert "la moderadora" in page


def test_a_person_left_neutral_keeps_no_gender(secretariat):
    person = PersonFactory(full_name="Chair of the meeting", grammatical_gender="m")

    secretariat.post(f"{PEOPLE}{person.pk}/", person_data(person, grammatical_gender=""))

    person.refresh_from_db()
    assert person.grammatical_gender == ""


def test_a_person_added_from_the_agenda_editor_gets_a_gender(secretariat, demo_meeting):
    url = editor_url(demo_meeting, "people/new/")
    page = secretariat.get(url, **HTMX).content.decode()

    secretariat.post(
        url,
        {"full_name": "Kay McConney", "preferred_language": "en", "grammatical_gender": "f"},
    )

    assert page.index('name="full_name"') < page.index('name="grammatical_gender"')
    assert Person.objects.get(full_name="Kay McConney").grammatical_gender == "f"


def test_the_demos_moderator_is_announced_in_the_feminine(demo_meeting):
    moderator = Person.objects.get(full_name="Maricarmen Plata")
    chair = Person.objects.get(full_name="Chair of CIDI")

    assert (moderator.grammatical_gender, chair.grammatical_gender) == ("f", "")
