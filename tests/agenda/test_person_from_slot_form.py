"""Adding a person from a half-filled slot form keeps what was typed in it."""

import pytest

from speakers.models import Person, SpeakerSlot
from tests.agenda.test_editor import HTMX, editor_url
from tests.factories import meeting_with_parts, secretariat_user


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["without JavaScript", "with htmx"])
def test_adding_a_person_from_the_slot_form_keeps_the_slot_form(secretariat_client, headers):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    slot_url = editor_url(meeting, f"parts/{part.pk}/slots/new/")
    half_filled = {
        "segment": part.pk,
        "role": "panelist",
        "speaking_minutes": "4",
        "qa_minutes": "3",
        "cue_notes": "Thank the IDB for the data.",
        "add_person": "1",
    }

    to_person = secretariat_client.post(slot_url, half_filled, **headers)
    person_page = secretariat_client.get(to_person.url, **headers).content.decode()
    back = secretariat_client.post(
        to_person.url,
        {"full_name": "Ana Expert", "preferred_language": "es", "email": "ana@example.org"},
        **headers,
    )
    slot_page = secretariat_client.get(back.url, **headers).content.decode()

    person = Person.objects.get(full_name="Ana Expert")
    assert to_person.status_code == 302
    assert "The speaker slot you were filling in is kept" in person_page
    assert back.url == f"{slot_url}?draft=1"
    assert f'<option value="{person.pk}" selected' in slot_page
    assert 'value="4"' in slot_page and 'value="3"' in slot_page
    assert "Thank the IDB for the data." in slot_page
    assert "The person is added and chosen" in slot_page
    assert not SpeakerSlot.objects.filter(person=person).exists()


def test_the_slot_form_offers_to_add_a_person(secretariat_client):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()

    page = secretariat_client.get(
        editor_url(meeting, f"parts/{part.pk}/slots/new/"), **HTMX
    ).content.decode()

    assert 'name="add_person"' in page
