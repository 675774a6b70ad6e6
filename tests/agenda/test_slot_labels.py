"""A slot that represents no state or organization (the Chair's) is named by its person."""

import pytest

from agenda.models import GuidingQuestion
from speakers.models import SpeakerSlot
from tests.agenda.test_editor import editor_url
from tests.factories import PersonFactory, meeting_with_parts, secretariat_user


@pytest.fixture
def chair_slot(db):
    meeting = meeting_with_parts([5])
    slot = SpeakerSlot.objects.get(segment__meeting=meeting)
    slot.person = PersonFactory(full_name="Laura Chair", protocol_title="Amb.")
    slot.representing_state = slot.representing_organization = None
    slot.save()
    question = GuidingQuestion.objects.create(segment=slot.segment, order=1, text="How can we?")
    question.addressed_slots.set([slot])
    return slot


def test_a_slot_of_nobody_is_named_by_its_person(chair_slot):
    assert str(chair_slot) == "Amb. Laura Chair"
    assert chair_slot.label == "Amb. Laura Chair"


def test_the_editor_names_the_chairs_slot_in_its_actions_and_questions(client, chair_slot):
    client.force_login(secretariat_user())

    page = client.get(editor_url(chair_slot.segment.meeting)).content.decode()

    assert 'aria-label="Actions for Amb. Laura Chair"' in page
    assert "Delete the slot of Amb. Laura Chair?" in page
    assert "<strong>Amb. Laura Chair:</strong>" in page
    assert 'Actions for "' not in page and "slot of ?" not in page


def test_the_public_page_names_the_chair_before_her_question(client, chair_slot):
    page = client.get(chair_slot.segment.meeting.get_absolute_url()).content.decode()

    assert "<strong>Amb. Laura Chair:</strong>" in page
