"""The meeting form: its web address and its time zones."""

import re

import pytest

from agenda.forms import MeetingForm
from agenda.models import Meeting
from tests.agenda.test_editor import HTMX, editor_url, meeting_form_data
from tests.factories import MeetingFactory, secretariat_user

NEW = "/secretariat/meetings/new/"


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


def new_meeting_data(**changes):
    data = {
        "title": "CIDI dialogue on digital education",
        "slug": "",
        "body": "CIDI",
        "kind": "regular",
        "status": "draft",
        "date": "2027-03-18",
        "start_time": "10:00",
        "time_zone": "America/New_York",
        "format": "hybrid",
    }
    data.update(changes)
    return data


def test_the_web_address_is_labelled_and_explained(secretariat_client):
    page = secretariat_client.get(NEW).content.decode()

    assert "Address name" not in page
    assert re.search(r'<label\s+for="id_slug" class="form-label">\s*Web address\s*</label>', page)
    assert "e.g. cidi-digital-education-2027" in page
    assert 'data-slug-from="title"' in page
    assert "/static/js/slug-from-title.js" in page


def test_a_web_address_with_spaces_or_capitals_gets_a_clear_message(secretariat_client):
    response = secretariat_client.post(NEW, new_meeting_data(slug="Digital Education 2027"))

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        "Use only lower-case letters, digits and hyphens, without spaces."
    ]
    assert "valid “slug”" not in response.content.decode()


def test_an_empty_web_address_is_made_from_the_title(secretariat_client):
    response = secretariat_client.post(NEW, new_meeting_data())

    meeting = Meeting.objects.get(title="CIDI dialogue on digital education")
    assert response.status_code == 302
    assert meeting.slug == "cidi-dialogue-on-digital-education"


def test_a_web_address_made_from_a_title_already_used_is_made_unique(secretariat_client):
    MeetingFactory(slug="dialogo-cidi-sobre-educacion-digital")
    MeetingFactory(slug="dialogo-cidi-sobre-educacion-digital-2")

    secretariat_client.post(
        "/es" + NEW, new_meeting_data(title="Diálogo CIDI sobre educación digital")
    )

    meeting = Meeting.objects.get(title_es="Diálogo CIDI sobre educación digital")
    assert meeting.slug == "dialogo-cidi-sobre-educacion-digital-3"


def test_a_web_address_taken_by_another_meeting_is_refused_clearly(secretariat_client):
    MeetingFactory(slug="digital-education")

    response = secretariat_client.post(NEW, new_meeting_data(slug="digital-education"))

    assert response.context["form"].errors["slug"] == [
        "Another meeting already has this web address; choose another one."
    ]


def test_a_web_address_emptied_on_an_existing_meeting_is_made_from_its_title(
    secretariat_client,
):
    meeting = MeetingFactory(title="Social safety nets", slug="meeting-old", status="draft")

    response = secretariat_client.post(
        editor_url(meeting, "details/"), meeting_form_data(meeting, slug=""), **HTMX
    )

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert meeting.slug == "social-safety-nets"


@pytest.mark.django_db
def test_the_time_zones_offered_are_current_ones():
    zones = [value for value, _label in MeetingForm().fields["time_zone"].choices]

    assert "America/Panama" in zones
    assert "America/Port_of_Spain" in zones
    assert "Europe/Tiraspol" not in zones
    assert "Pacific/Truk" not in zones
    assert "US/Eastern" not in zones


@pytest.mark.django_db
def test_a_meeting_kept_in_an_old_zone_name_still_shows_it():
    meeting = MeetingFactory(time_zone="US/Eastern")

    zones = [value for value, _label in MeetingForm(instance=meeting).fields["time_zone"].choices]

    assert "US/Eastern" in zones
