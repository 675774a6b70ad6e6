"""Sessions: a meeting's sittings, their own clock times and forecasts, and the count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda import selectors, services, sessions
from agenda.models import MeetingSession, Segment
from tests.factories import MeetingFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2022, 11, 17)
DAY_TWO = datetime.date(2022, 11, 18)


def clock(value):
    return value.strftime("%H:%M")


def two_day_meeting():
    """A meeting of two days: a morning each day, and a part of two slots in each."""
    meeting = MeetingFactory(date=DAY_ONE, end_date=DAY_TWO, start_time=datetime.time(9, 0))
    first = MeetingSession.objects.create(
        meeting=meeting, title="Day one", date=DAY_ONE, start_time=datetime.time(9, 0), room="A"
    )
    second = MeetingSession.objects.create(
        meeting=meeting, title="Day two", date=DAY_TWO, start_time=datetime.time(9, 30), room="A"
    )
    for session in (first, second):
        part = SegmentFactory(meeting=meeting, session=session)
        SpeakerSlotFactory.create_batch(2, segment=part)
    return meeting, first, second


def timing_of(meeting, **kwargs):
    meeting = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    return selectors.agenda_timing(meeting, **kwargs)


def test_a_meeting_without_sessions_is_its_own_only_sitting():
    meeting = MeetingFactory(venue="Simón Bolívar Room")

    [sitting] = sessions.sittings(meeting)

    assert sitting.is_implicit
    assert (sitting.date, sitting.start_time, sitting.room) == (
        meeting.date,
        meeting.start_time,
        "Simón Bolívar Room",
    )
    assert meeting.session_count == 0


def test_the_session_count_follows_sessions_added_and_deleted():
    meeting, _first, second = two_day_meeting()
    meeting.refresh_from_db()
    assert meeting.session_count == 2

    Segment.objects.filter(session=second).delete()
    second.delete()

    meeting.refresh_from_db()
    assert meeting.session_count == 1


def test_each_session_cascades_from_its_own_start():
    meeting, _first, _second = two_day_meeting()

    timing = timing_of(meeting)

    assert [clock(s.planned_start) for s in timing.sessions] == ["09:00", "09:30"]
    assert [s.planned_start.date() for s in timing.sessions] == [DAY_ONE, DAY_TWO]
    starts = [clock(s.planned_start) for part in timing.segments for s in part.slots]
    assert starts == ["09:00", "09:07", "09:30", "09:37"]
    assert clock(timing.planned_end) == "09:44"
    assert timing.planned_end.date() == DAY_TWO
    assert not timing.has_parallel_sessions


def test_a_late_first_day_does_not_move_the_second():
    meeting, first, _second = two_day_meeting()
    slot = first.segments.get().slots.order_by("order").first()
    start = datetime.datetime.combine(DAY_ONE, datetime.time(9, 20), tzinfo=meeting.tzinfo)
    type(slot).objects.filter(pk=slot.pk).update(actual_start=start)

    timing = timing_of(meeting, now=start + datetime.timedelta(minutes=1))

    day_one, day_two = timing.sessions
    assert day_one.is_live and not day_two.is_live
    assert day_one.delay_minutes == 20
    assert [clock(s.forecast_start) for s in day_two.segments[0].slots] == ["09:30", "09:37"]


def test_parallel_sessions_in_two_rooms_are_allowed_and_reported():
    meeting, _first, _second = two_day_meeting()
    parallel = services.session_create(
        meeting=meeting,
        data={"title": "Working group", "date": DAY_ONE, "start_time": datetime.time(9, 0)}
        | {"room": "B"},
    )
    SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting, session=parallel))

    timing = timing_of(meeting)

    assert timing.has_parallel_sessions
    assert [s.session.title for s in timing.sessions] == ["Day one", "Working group", "Day two"]


def test_the_first_session_added_takes_the_meetings_own_sitting_and_parts():
    meeting = MeetingFactory(venue="Room A", start_time=datetime.time(10, 0))
    part = SegmentFactory(meeting=meeting)
    SpeakerSlotFactory(segment=part)

    added = services.session_create(
        meeting=meeting,
        data={"title": "Afternoon", "date": meeting.date, "start_time": datetime.time(15, 0)},
    )

    first = MeetingSession.objects.exclude(pk=added.pk).get(meeting=meeting)
    assert (first.title_en, first.title_es, first.room) == (
        "First session",
        "Primera sesión",
        "Room A",
    )
    part.refresh_from_db()
    assert part.session == first
    timing = timing_of(meeting)
    assert [clock(s.planned_start) for s in timing.sessions] == ["10:00", "15:00"]


def test_a_session_outside_the_meetings_days_is_refused_and_nothing_is_saved():
    meeting, _first, _second = two_day_meeting()

    with pytest.raises(ValidationError) as refused:
        services.session_create(
            meeting=meeting,
            data={"title": "Day three", "date": DAY_TWO + datetime.timedelta(days=1)}
            | {"start_time": datetime.time(9, 0)},
        )

    assert "choose a day in between" in str(refused.value)
    assert MeetingSession.objects.filter(meeting=meeting).count() == 2


def test_a_session_overlapping_another_in_the_same_room_is_refused():
    meeting, _first, _second = two_day_meeting()

    with pytest.raises(ValidationError) as refused:
        services.session_create(
            meeting=meeting,
            data={"title": "Clash", "date": DAY_ONE, "start_time": datetime.time(9, 10)}
            | {"room": "a "},
        )

    assert "in the same room (A)" in str(refused.value)
    assert MeetingSession.objects.filter(meeting=meeting).count() == 2


def test_one_person_in_two_rooms_at_once_is_refused():
    meeting, first, _second = two_day_meeting()
    parallel = services.session_create(
        meeting=meeting,
        data={"title": "Working group", "date": DAY_ONE, "start_time": datetime.time(9, 0)}
        | {"room": "B"},
    )
    busy = first.segments.get().slots.order_by("order").first()
    part = SegmentFactory(meeting=meeting, session=parallel)

    with pytest.raises(ValidationError) as refused:
        services.slot_create(
            segment=part,
            data={"person": busy.person, "speaking_minutes": 5, "qa_minutes": 0},
        )

    assert f"{busy.person.display_name} would speak in two rooms at once" in str(refused.value)
    assert not part.slots.exists()


def test_deleting_a_session_with_parts_is_refused():
    _meeting, first, _second = two_day_meeting()

    with pytest.raises(ValidationError) as refused:
        services.session_delete(session=first)

    assert "still has 1 part" in str(refused.value)
    assert MeetingSession.objects.filter(pk=first.pk).exists()


def test_the_agenda_of_a_meeting_with_sessions_is_read_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    meeting, first, second = two_day_meeting()

    with django_assert_num_queries(9):
        timing_of(meeting)
    for session in (first, second):
        SpeakerSlotFactory.create_batch(5, segment=SegmentFactory(meeting=meeting, session=session))
    with django_assert_num_queries(9):
        timing_of(meeting)


def test_the_meeting_starts_when_its_earliest_session_does():
    meeting, first, _second = two_day_meeting()

    services.session_update(
        session=first,
        data={"start_time": datetime.time(8, 30)},
        expected_version=first.version,
    )

    meeting.refresh_from_db()
    assert meeting.start_time == datetime.time(8, 30)
    assert timezone.localtime(meeting.starts_at, meeting.tzinfo).hour == 8


def test_a_duplicated_meeting_keeps_its_sessions_moved_by_the_same_days():
    from agenda.duplication import meeting_duplicate

    meeting, _first, _second = two_day_meeting()

    copy = meeting_duplicate(
        meeting=meeting, title=meeting.title, slug="next", date=DAY_ONE + datetime.timedelta(7)
    )

    copy.refresh_from_db()
    assert copy.session_count == 2
    assert copy.end_date == DAY_TWO + datetime.timedelta(7)
    timing = timing_of(copy)
    assert [s.session.title for s in timing.sessions] == ["Day one", "Day two"]
    assert [s.planned_start.date() for s in timing.sessions] == [
        DAY_ONE + datetime.timedelta(7),
        DAY_TWO + datetime.timedelta(7),
    ]
    assert [len(s.segments) for s in timing.sessions] == [1, 1]


def test_a_rehearsal_on_another_day_does_not_run_past_the_sessions_planned_end():
    meeting, first, _second = two_day_meeting()
    MeetingSession.objects.filter(pk=first.pk).update(end_time=datetime.time(9, 20))
    slot = first.segments.get().slots.order_by("order").first()
    late = datetime.datetime.combine(DAY_ONE, datetime.time(9, 15), tzinfo=meeting.tzinfo)
    type(slot).objects.filter(pk=slot.pk).update(actual_start=late)
    on_the_day = timing_of(meeting, now=late).sessions[0]
    assert on_the_day.overrun_minutes == 9  # forecast 09:29 against 09:20

    rehearsal = late + datetime.timedelta(days=30)
    type(slot).objects.filter(pk=slot.pk).update(actual_start=rehearsal)

    assert timing_of(meeting, now=rehearsal).sessions[0].overrun_minutes == 0
