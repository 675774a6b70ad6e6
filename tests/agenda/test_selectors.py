import datetime

import pytest

from agenda import selectors
from speakers.enums import SlotStatus
from tests.factories import SegmentFactory, SpeakerSlotFactory


def clock(value):
    return value.strftime("%H:%M")


def test_clock_times_cascade_through_the_demo_meeting(demo_meeting):
    meeting = selectors.meeting_get_for_agenda(slug=demo_meeting.slug)

    timing = selectors.agenda_timing(meeting)

    starts = [clock(s.planned_start) for part in timing.segments for s in part.slots]
    assert starts == ["10:00", "10:07", "10:14", "10:21", "10:28", "10:35"]
    assert [clock(p.planned_start) for p in timing.segments] == ["10:00", "10:21", "10:42"]
    assert clock(timing.forecast_end) == "11:42"
    assert timing.forecast_end.tzinfo.key == "America/New_York"
    assert clock(timing.segments[1].slots[0].speaking_end) == "10:26"


@pytest.mark.django_db
def test_segment_reports_minutes_left_or_over_its_allotment():
    segment = SegmentFactory(allotted_minutes=10)
    SpeakerSlotFactory(segment=segment, speaking_minutes=5, qa_minutes=2)
    SpeakerSlotFactory(segment=segment, speaking_minutes=5, qa_minutes=2)
    meeting = selectors.meeting_get_for_agenda(slug=segment.meeting.slug)

    part = selectors.agenda_timing(meeting).segments[0]

    assert part.minutes_left == -4
    assert part.total_minutes == 14


@pytest.mark.django_db
def test_declined_slots_take_no_time():
    segment = SegmentFactory(buffer_minutes=3)
    SpeakerSlotFactory(segment=segment, speaking_minutes=7, qa_minutes=0)
    SpeakerSlotFactory(
        segment=segment, speaking_minutes=7, qa_minutes=0, status=SlotStatus.DECLINED
    )
    meeting = selectors.meeting_get_for_agenda(slug=segment.meeting.slug)

    timing = selectors.agenda_timing(meeting)

    assert timing.forecast_end - meeting.starts_at == datetime.timedelta(minutes=10)
    assert len(timing.segments[0].inactive_slots) == 1
