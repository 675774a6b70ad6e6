"""The calendar of a meeting with sessions: an event per session, and its parts and slots
at the session's times, in its room; a meeting without sessions keeps its file."""

import datetime

import pytest
from django.conf import settings

from agenda import calendar, selectors
from agenda.models import Meeting
from delegations.models import MemberState
from tests.agenda.session_meeting import session_meeting
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db

STAMP = datetime.datetime(2022, 11, 2, tzinfo=datetime.UTC)


def calendar_text(meeting):
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug)
    return calendar.meeting_calendar_bytes(agenda, stamp=STAMP).decode()


def events(text):
    """Return each VEVENT of ``text`` as ``{name: value}``, lines unfolded."""
    unfolded = text.replace("\r\n ", "")
    found = []
    for block in unfolded.split("BEGIN:VEVENT\r\n")[1:]:
        lines = block.split("END:VEVENT")[0].strip().split("\r\n")
        found.append(dict(line.split(":", 1) for line in lines))
    return found


def by_uid(text):
    return {event["UID"].split("@")[0]: event for event in events(text)}


def test_each_session_is_an_event_at_its_own_times_on_its_day():
    built = session_meeting()

    found = by_uid(calendar_text(built.meeting))

    zone = "DTSTART;TZID=America/New_York"
    opening, plenary = found[f"session-{built.opening.pk}"], found[f"session-{built.plenary.pk}"]
    assert (opening["SUMMARY"], opening[zone]) == ("Opening plenary", "20221117T090000")
    assert opening["DTEND;TZID=America/New_York"] == "20221117T120000"
    assert opening["LOCATION"] == "Hall of the Americas\\, OAS headquarters"
    assert (plenary["SUMMARY"], plenary[zone]) == ("Second plenary", "20221118T093000")
    assert "TRANSP" not in opening  # a session takes its time in a free/busy view
    assert f"meeting-{built.meeting.pk}" not in found


def test_parallel_sessions_are_events_at_the_same_time_in_their_rooms():
    built = session_meeting()

    found = by_uid(calendar_text(built.meeting))

    group_a, group_b = found[f"session-{built.group_a.pk}"], found[f"session-{built.group_b.pk}"]
    start = "DTSTART;TZID=America/New_York"
    end = "DTEND;TZID=America/New_York"
    assert (group_a[start], group_a[end]) == ("20221118T140000", "20221118T141400")
    assert (group_b[start], group_b[end]) == ("20221118T140000", "20221118T160000")
    assert group_a["LOCATION"] == "Room A\\, OAS headquarters"
    assert group_b["LOCATION"] == "Room B\\, OAS headquarters"


def test_parts_and_slots_are_at_their_sessions_times_and_in_its_room():
    built = session_meeting()
    agenda = selectors.meeting_get_for_agenda(slug=built.meeting.slug)
    timing = selectors.agenda_timing(agenda)

    found = by_uid(calendar_text(built.meeting))

    for sitting in timing.sessions:
        room = sitting.session.room
        for part in sitting.segments:
            event = found[f"part-{part.segment.pk}"]
            assert event["DTSTART;TZID=America/New_York"] == f"{part.planned_start:%Y%m%dT%H%M%S}"
            assert event["LOCATION"] == f"{room}\\, OAS headquarters"
            assert event["TRANSP"] == "TRANSPARENT"
            for item in part.slots:
                slot = found[f"slot-{item.slot.pk}"]
                assert slot["DTSTART;TZID=America/New_York"] == (
                    f"{item.planned_start:%Y%m%dT%H%M%S}"
                )
                assert slot["DTEND;TZID=America/New_York"] == f"{item.planned_end:%Y%m%dT%H%M%S}"
                assert slot["LOCATION"] == f"{room}\\, OAS headquarters"
    slot_of_day_two = found[f"slot-{timing.sessions[1].segments[0].slots[1].slot.pk}"]
    assert slot_of_day_two["DTSTART;TZID=America/New_York"] == "20221118T093700"


def test_the_file_has_one_time_zone_and_an_event_per_session_part_and_slot():
    built = session_meeting(slots=2)

    text = calendar_text(built.meeting)

    assert text.count("BEGIN:VTIMEZONE") == 1
    assert text.index("END:VTIMEZONE") < text.index("BEGIN:VEVENT")
    kinds = [event["UID"].split("-")[0] for event in events(text)]
    assert kinds == ["session", "part", "slot", "slot"] * 4


def test_a_speakers_own_file_is_in_the_sessions_room_with_its_link():
    built = session_meeting()
    agenda = selectors.meeting_get_for_agenda(slug=built.meeting.slug)
    timing = selectors.agenda_timing(agenda)
    group_b = timing.sessions[3]
    part = group_b.segments[0]

    event = calendar.slot_event(
        meeting=agenda,
        segment_timing=part,
        slot_timing=part.slots[0],
        stamp=STAMP,
        connection_link=True,
    )

    lines = dict(line.split(":", 1) for line in event.lines)
    assert lines["LOCATION"] == "Room B\\, OAS headquarters"
    assert lines["DTSTART;TZID=America/New_York"] == "20221118T140000"
    assert lines["DESCRIPTION"].startswith(
        f"{built.meeting.title}\\nWorking group 2\\nWorking group 2 part"
    )
    assert lines["DESCRIPTION"].endswith(
        "Connection link: https://meetings.example.org/cidi/group-b"
    )


# The events of a meeting without sessions, as the calendar wrote them before sessions.
ONE_SITTING_EVENTS = """BEGIN:VEVENT
UID:meeting-{meeting}@one-sitting.cidi-meeting
DTSTAMP:20221102T000000Z
SEQUENCE:4
LAST-MODIFIED:20221101T120000Z
LOCATION:Simón Bolívar Room
DTSTART;TZID=America/New_York:20221117T100000
DTEND;TZID=America/New_York:20221117T100700
SUMMARY:CIDI regular meeting
DESCRIPTION:10:00–10:07 Opening
STATUS:CONFIRMED
URL:{site}/meetings/one-sitting/
END:VEVENT
BEGIN:VEVENT
UID:part-{part}@one-sitting.cidi-meeting
DTSTAMP:20221102T000000Z
SEQUENCE:4
LAST-MODIFIED:20221101T120000Z
LOCATION:Simón Bolívar Room
DTSTART;TZID=America/New_York:20221117T100000
DTEND;TZID=America/New_York:20221117T100700
SUMMARY:Opening
DESCRIPTION:CIDI regular meeting\\n\\n10:00 Panama — Ms. Ana Pérez (5 + 2{fold_space}
 min)
STATUS:CONFIRMED
URL:{site}/meetings/one-sitting/#segment-{part}
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:slot-{slot}@one-sitting.cidi-meeting
DTSTAMP:20221102T000000Z
SEQUENCE:4
LAST-MODIFIED:20221101T120000Z
LOCATION:Simón Bolívar Room
DTSTART;TZID=America/New_York:20221117T100000
DTEND;TZID=America/New_York:20221117T100700
SUMMARY:Panama — Ms. Ana Pérez (5 + 2 min)
DESCRIPTION:CIDI regular meeting\\nOpening
STATUS:CONFIRMED
URL:{site}/meetings/one-sitting/#segment-{part}
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
"""


def test_the_file_of_a_meeting_without_sessions_is_unchanged():
    meeting = MeetingFactory(
        slug="one-sitting", title="CIDI regular meeting", venue="Simón Bolívar Room"
    )
    part = SegmentFactory(meeting=meeting, order=1, title="Opening")
    slot = SpeakerSlotFactory(
        segment=part,
        order=1,
        person=PersonFactory(full_name="Ana Pérez", protocol_title="Ms."),
        representing_state=MemberState.objects.get(iso2="PA"),
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=datetime.datetime(2022, 11, 1, 12, tzinfo=datetime.UTC)
    )

    text = calendar_text(meeting)

    expected = ONE_SITTING_EVENTS.format(
        meeting=meeting.pk,
        part=part.pk,
        slot=slot.pk,
        site=settings.SITE_URL.rstrip("/"),
        # A folded line ends with the space it was cut after.
        fold_space=" ",
    ).replace("\n", "\r\n")
    assert text[text.index("BEGIN:VEVENT") :] == expected
    assert text.count("BEGIN:VTIMEZONE") == 1
