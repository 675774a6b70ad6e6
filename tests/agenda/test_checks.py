"""The rules every agenda keeps (agenda/checks.py): each sitting ends before midnight, no
two sessions overlap in one room, and nobody speaks in two rooms at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agenda.checks import agenda_check
from agenda.models import MeetingSession
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2022, 11, 17)
DAY_TWO = datetime.date(2022, 11, 18)


def at(hours, minutes=0):
    return datetime.time(hours, minutes)


def meeting_of_two_days(**fields):
    return MeetingFactory(date=DAY_ONE, end_date=DAY_TWO, start_time=at(9), **fields)


def session(meeting, title, *, start, date=DAY_ONE, room="Room A", end=None):
    return MeetingSession.objects.create(
        meeting=meeting, title=title, date=date, start_time=start, end_time=end, room=room
    )


def part(meeting, sitting, *, minutes=None, slots=()):
    """Add a part to ``sitting`` lasting ``minutes``, with slots of (person, minutes)."""
    segment = SegmentFactory(meeting=meeting, session=sitting, allotted_minutes=minutes)
    for person, speaking in slots:
        SpeakerSlotFactory(segment=segment, person=person, speaking_minutes=speaking, qa_minutes=0)
    return segment


def refusal(meeting):
    with pytest.raises(ValidationError) as caught:
        agenda_check(meeting=meeting)
    return caught.value.messages


def test_a_session_running_past_midnight_is_refused_with_its_name():
    meeting = meeting_of_two_days()
    session(meeting, "Morning", start=at(9))
    late = session(meeting, "Late night", start=at(23), date=DAY_TWO)
    part(meeting, late, minutes=90)

    assert refusal(meeting) == [
        "This change would make the session “Late night” run past midnight: it would end "
        "at 00:30 on Nov. 19, 2022. Shorten the session or start it earlier."
    ]


def test_a_session_ending_at_midnight_exactly_is_allowed():
    meeting = meeting_of_two_days()
    late = session(meeting, "Late night", start=at(23))
    part(meeting, late, minutes=60)

    timing = agenda_check(meeting=meeting)

    assert [s.planned_end.time() for s in timing.sessions] == [at(0)]


def test_a_session_may_not_run_into_the_meetings_next_day():
    """The meeting has a second day, but a session of the first ends on its own day."""
    meeting = meeting_of_two_days()
    evening = session(meeting, "Evening", start=at(22))
    part(meeting, evening, minutes=150)

    assert refusal(meeting) == [
        "This change would make the session “Evening” run past midnight: it would end "
        "at 00:30 on Nov. 18, 2022. Shorten the session or start it earlier."
    ]


def test_a_meeting_without_sessions_past_midnight_is_refused_as_before():
    meeting = MeetingFactory(start_time=at(23))
    SegmentFactory(meeting=meeting, allotted_minutes=90)

    assert refusal(meeting) == [
        "This change would make the meeting run past midnight: it would end at 00:30 on "
        "Nov. 18, 2022. Shorten the agenda or start the meeting earlier."
    ]


def test_two_sessions_overlapping_in_one_room_are_refused():
    meeting = meeting_of_two_days()
    morning = session(meeting, "Morning", start=at(9))
    session(meeting, "Working lunch", start=at(10, 30))
    part(meeting, morning, minutes=120)

    assert refusal(meeting) == [
        "The session “Morning” would run until 11:00, into the session “Working lunch”, "
        "which starts at 10:30 on Nov. 17, 2022 in the same room (Room A). Shorten the "
        "first, move the second or give it another room."
    ]


def test_a_room_is_the_same_whatever_its_case_and_spaces():
    meeting = meeting_of_two_days()
    morning = session(meeting, "Morning", start=at(9), room="Room A")
    session(meeting, "Working lunch", start=at(10, 30), room="  room a ")
    part(meeting, morning, minutes=120)

    assert "into the session “Working lunch”" in refusal(meeting)[0]


def test_a_session_holds_its_room_until_its_planned_end():
    """An empty session planned until noon keeps the room from another at 11:30."""
    meeting = meeting_of_two_days()
    session(meeting, "Morning", start=at(9), end=at(12))
    session(meeting, "Press briefing", start=at(11, 30))

    assert "would run until 12:00, into the session “Press briefing”" in refusal(meeting)[0]


def test_sessions_back_to_back_in_one_room_are_allowed():
    meeting = meeting_of_two_days()
    morning = session(meeting, "Morning", start=at(9), end=at(12))
    session(meeting, "Afternoon", start=at(12))
    part(meeting, morning, minutes=180)

    timing = agenda_check(meeting=meeting)

    assert [s.session.title for s in timing.sessions] == ["Morning", "Afternoon"]


def test_the_same_hours_on_two_days_in_one_room_are_allowed():
    meeting = meeting_of_two_days()
    first = session(meeting, "Day one", start=at(9))
    second = session(meeting, "Day two", start=at(9), date=DAY_TWO)
    part(meeting, first, minutes=180)
    part(meeting, second, minutes=180)

    assert len(agenda_check(meeting=meeting).sessions) == 2


def test_parallel_sessions_in_two_rooms_are_allowed():
    meeting = meeting_of_two_days()
    group_one = session(meeting, "Working group 1", start=at(14), room="Room A")
    group_two = session(meeting, "Working group 2", start=at(14), room="Room B")
    part(meeting, group_one, slots=[(PersonFactory(), 10)])
    part(meeting, group_two, slots=[(PersonFactory(), 10)])

    timing = agenda_check(meeting=meeting)

    assert timing.has_parallel_sessions is True


def test_one_person_speaking_in_two_rooms_at_once_is_refused():
    meeting = meeting_of_two_days()
    minister = PersonFactory(full_name="Ana Pérez", protocol_title="")
    group_one = session(meeting, "Working group 1", start=at(14), room="Room A")
    group_two = session(meeting, "Working group 2", start=at(14), room="Room B")
    part(meeting, group_one, slots=[(minister, 10)])
    part(meeting, group_two, slots=[(PersonFactory(), 5), (minister, 10)])

    [message] = refusal(meeting)

    assert message == (
        f"{minister.display_name} would speak in two rooms at once: in “Working group 1” "
        "from 14:00 to 14:10 and in “Working group 2” from 14:05 to 14:15 on Nov. 17, 2022. "
        "Move one of the two slots or give it another speaker."
    )


def test_one_person_speaking_in_two_rooms_one_after_the_other_is_allowed():
    meeting = meeting_of_two_days()
    minister = PersonFactory()
    group_one = session(meeting, "Working group 1", start=at(14), room="Room A")
    group_two = session(meeting, "Working group 2", start=at(14), room="Room B")
    part(meeting, group_one, slots=[(minister, 10)])
    part(meeting, group_two, slots=[(PersonFactory(), 10), (minister, 10)])

    assert agenda_check(meeting=meeting).has_parallel_sessions is True


def test_one_person_speaking_twice_in_one_session_is_allowed():
    meeting = meeting_of_two_days()
    minister = PersonFactory()
    morning = session(meeting, "Morning", start=at(9))
    part(meeting, morning, slots=[(minister, 10), (minister, 10)])

    assert len(agenda_check(meeting=meeting).segments) == 1
