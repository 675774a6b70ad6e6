"""The agenda revision (the calendar's SEQUENCE) grows with every change the agenda shows."""

import pytest
from django.utils import timezone

from agenda import services
from agenda.enums import SegmentKind
from agenda.models import Meeting
from delegations.models import MemberState, Organization
from speakers.models import Person
from tests.factories import (
    GuidingQuestionFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
)
from tests.speakers.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    """A meeting with a chair, a part led by a moderator, two slots and a question."""
    chair, moderator = PersonFactory(full_name="Chair"), PersonFactory(full_name="Moderator")
    meeting = MeetingFactory(chair=chair)
    part = SegmentFactory(meeting=meeting, order=1, lead=moderator)
    first = SpeakerSlotFactory(segment=part, order=1, representing_state=None)
    second = SpeakerSlotFactory(
        segment=part,
        order=2,
        representing_state=None,
        representing_organization=Organization.objects.get(acronym="ECLAC"),
    )
    question = GuidingQuestionFactory(segment=part, order=1)
    return {
        "meeting": meeting,
        "part": part,
        "slots": [first, second],
        "question": question,
        "chair": chair,
        "moderator": moderator,
    }


def revision(meeting):
    return Meeting.objects.get(pk=meeting.pk).agenda_revision


def edit_meeting(a):
    meeting = a["meeting"]
    services.meeting_update(
        meeting=meeting, data={"venue": "Simón Bolívar Room"}, expected_version=meeting.version
    )


def publish_meeting(a):
    meeting = a["meeting"]
    services.meeting_unpublish(meeting=meeting, expected_version=meeting.version)


def add_part(a):
    services.segment_create(
        meeting=a["meeting"], data={"title": "Dialogue", "kind": SegmentKind.INTERACTIVE_DIALOGUE}
    )


def edit_part(a):
    part = a["part"]
    services.segment_update(
        segment=part, data={"allotted_minutes": 40}, expected_version=part.version
    )


def move_part(a):
    SegmentFactory(meeting=a["meeting"], order=2)
    services.segment_move(segment=a["part"], direction="down")


def delete_part(a):
    services.segment_delete(segment=a["part"])


def add_slot(a):
    services.slot_create(
        segment=a["part"],
        data={"person": PersonFactory(), "role": "panelist", "speaking_minutes": 5},
    )


def edit_slot(a):
    slot = a["slots"][0]
    services.slot_update(slot=slot, data={"speaking_minutes": 9}, expected_version=slot.version)


def reorder_slots(a):
    first, second = a["slots"]
    services.slots_reorder(segment=a["part"], slot_ids=[second.pk, first.pk])


def delete_slot(a):
    services.slot_delete(slot=a["slots"][0])


def add_question(a):
    services.question_create(segment=a["part"], text="What comes next?")


def edit_question(a):
    question = a["question"]
    services.question_update(
        question=question, text="What else?", expected_version=question.version
    )


def address_question(a):
    a["question"].addressed_slots.add(a["slots"][1])


def delete_question(a):
    services.question_delete(question=a["question"])


def rename_speaker(a):
    person = a["slots"][0].person
    person.full_name = "Another Name"
    person.save()


def rename_chair(a):
    a["chair"].protocol_title = "H.E."
    a["chair"].save()


def rename_moderator(a):
    a["moderator"].full_name = "Another Moderator"
    a["moderator"].save()


def rename_organization(a):
    eclac = Organization.objects.get(acronym="ECLAC")
    eclac.acronym_es = "CEPAL (nueva)"
    eclac.save()


def rename_member_state(a):
    state = a["slots"][0]
    state.representing_state = MemberState.objects.get(iso2="PA")
    state.save()
    panama = MemberState.objects.get(iso2="PA")
    before = revision(a["meeting"])
    panama.name_fr = "Le Panama"
    panama.save()
    assert revision(a["meeting"]) > before


def upload_statement(a):
    StatementFactory(slot=a["slots"][0])


EDITS = [
    edit_meeting,
    publish_meeting,
    add_part,
    edit_part,
    move_part,
    delete_part,
    add_slot,
    edit_slot,
    reorder_slots,
    delete_slot,
    add_question,
    edit_question,
    address_question,
    delete_question,
    rename_speaker,
    rename_chair,
    rename_moderator,
    rename_organization,
    rename_member_state,
    upload_statement,
]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_revision_grows_with_each_kind_of_edit(agenda, edit):
    before = revision(agenda["meeting"])

    edit(agenda)

    assert revision(agenda["meeting"]) > before


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_revision_of_another_meeting_stays_when_one_agenda_changes(agenda, edit):
    other = MeetingFactory()
    SpeakerSlotFactory(segment=SegmentFactory(meeting=other), representing_state=None)
    before = revision(other)

    edit(agenda)

    assert revision(other) == before


def test_revision_stays_when_the_console_records_the_room(agenda):
    slot = agenda["slots"][0]
    before = revision(agenda["meeting"])

    slot.actual_start = timezone.now()
    slot.save(update_fields=["actual_start"])

    assert revision(agenda["meeting"]) == before


def test_last_change_of_the_agenda_is_the_meetings_updated_at(agenda):
    meeting = agenda["meeting"]
    before = Meeting.objects.get(pk=meeting.pk).updated_at

    edit_question(agenda)

    assert Meeting.objects.get(pk=meeting.pk).updated_at > before


def test_person_on_no_agenda_changes_no_revision(agenda):
    before = revision(agenda["meeting"])

    Person.objects.create(full_name="Nobody on the agenda")

    assert revision(agenda["meeting"]) == before
