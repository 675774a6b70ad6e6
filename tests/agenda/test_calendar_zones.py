"""The agenda's calendar file: one VTIMEZONE, local times that name it, and the writing.

Calendar programs read the times through the file's own VTIMEZONE, so the tests read
them that way too (``Timezone.to_tz``), not only through the zone database.
"""

import datetime
import zoneinfo

import icalendar
import pytest

from agenda import selectors
from agenda.enums import SegmentKind
from agenda.ical import Event, escape_text, fold
from tests.agenda.test_views import build_agenda
from tests.factories import MeetingFactory, SegmentFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def ics_bytes(client, meeting):
    response = client.get(f"/meetings/{meeting.slug}/agenda.ics")
    assert response.status_code == 200
    return response.content


def meeting_with_agenda(**fields):
    meeting = MeetingFactory(**fields)
    build_agenda(meeting, segments=2, slots_per_segment=3)
    SegmentFactory(meeting=meeting, kind=SegmentKind.BREAK, allotted_minutes=15)
    return meeting


def planned_instants(meeting):
    """Return ``{uid: (start, end)}`` of the parts and slots, as the agenda page times them."""
    timing = selectors.agenda_timing(selectors.meeting_get_for_agenda(slug=meeting.slug))
    instants = {}
    for part in timing.segments:
        uid = f"part-{part.segment.pk}@{meeting.slug}.cidi-meeting"
        instants[uid] = (part.planned_start, part.planned_end)
        for item in part.slots:
            uid = f"slot-{item.slot.pk}@{meeting.slug}.cidi-meeting"
            instants[uid] = (item.planned_start, item.planned_end)
    return instants


def through_vtimezone(calendar, prop):
    """Return the instant of a DTSTART/DTEND read as written: local time + the file's zone."""
    [vtimezone] = calendar.timezones
    assert prop.params["TZID"] == vtimezone.tz_name
    local = prop.dt.replace(tzinfo=None)
    return local.replace(tzinfo=vtimezone.to_tz())


@pytest.mark.django_db
def test_calendar_has_one_vtimezone_named_by_every_start_and_end(client):
    meeting = meeting_with_agenda()

    data = ics_bytes(client, meeting)

    calendar = icalendar.Calendar.from_ical(data)
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    events = calendar.walk("VEVENT")
    assert len(events) == 1 + 3 + 6
    names = {event["dtstart"].params["TZID"] for event in events}
    names |= {event["dtend"].params["TZID"] for event in events if "dtend" in event}
    assert names == {"America/New_York"}
    # The zone comes before the events (some programs read it only then).
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    assert data.endswith(b"END:VCALENDAR\r\n")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date", "offset_hours"),
    [(datetime.date(2022, 7, 14), -4), (datetime.date(2023, 1, 19), -5)],
    ids=["summer", "winter"],
)
def test_times_read_through_the_vtimezone_are_the_agenda_page_instants(client, date, offset_hours):
    meeting = meeting_with_agenda(date=date, time_zone="America/New_York")

    calendar = icalendar.Calendar.from_ical(ics_bytes(client, meeting))

    planned = planned_instants(meeting)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert set(planned) < set(events)
    for uid, (start, end) in planned.items():
        event = events[uid]
        assert event.decoded("dtstart") == start
        assert through_vtimezone(calendar, event["dtstart"]) == start
        if end > start:
            assert through_vtimezone(calendar, event["dtend"]) == end
    earliest = min(planned, key=lambda uid: planned[uid])
    first = through_vtimezone(calendar, events[earliest]["dtstart"])
    assert first.utcoffset() == datetime.timedelta(hours=offset_hours)
    assert first.astimezone(datetime.UTC).hour == 10 - offset_hours


@pytest.mark.django_db
def test_meeting_event_starts_at_the_meeting_start_in_its_own_zone(client):
    meeting = meeting_with_agenda(time_zone="America/Lima", start_time=datetime.time(9, 30))

    calendar = icalendar.Calendar.from_ical(ics_bytes(client, meeting))

    [meeting_event] = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("meeting-")]
    assert meeting_event["dtstart"].to_ical() == b"20221117T093000"
    assert meeting_event["dtstart"].params["TZID"] == "America/Lima"
    assert through_vtimezone(calendar, meeting_event["dtstart"]) == meeting.starts_at
    assert str(calendar["x-wr-timezone"]) == "America/Lima"


@pytest.mark.django_db
def test_a_meeting_held_in_utc_is_written_in_utc_without_a_vtimezone(client):
    meeting = meeting_with_agenda(time_zone="UTC")

    data = ics_bytes(client, meeting)

    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.walk("VTIMEZONE") == []
    assert b"TZID=" not in data
    for event in calendar.walk("VEVENT"):
        assert event["dtstart"].to_ical().endswith(b"Z")
    planned = planned_instants(meeting)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert [events[uid].decoded("dtstart") for uid in planned] == [
        start for start, _end in planned.values()
    ]


@pytest.mark.django_db
def test_texts_with_commas_semicolons_accents_and_line_breaks_read_back_unchanged(client):
    title = "Diálogo; «políticas», \\ protección social — " + "ñ" * 60
    meeting = meeting_with_agenda(title=title, venue="Sala Simón Bolívar, OEA")
    part = meeting.segments.order_by("order").first()
    part.description = "Primera línea,\r\nsegunda; línea\x07"
    part.save()

    data = ics_bytes(client, meeting)

    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == title
    events = calendar.walk("VEVENT")
    assert str(events[0]["summary"]) == title
    assert {str(event["location"]) for event in events} == {"Sala Simón Bolívar, OEA"}
    assert "Primera línea,\nsegunda; línea\n" in str(events[1]["description"])


def test_fold_keeps_lines_within_75_octets_and_characters_whole():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 80

    folded = fold(line)

    pieces = folded.split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    assert all(piece.decode() for piece in pieces)
    assert b"".join([pieces[0], *(piece[1:] for piece in pieces[1:])]).decode() == line
    assert fold("UID:short") == b"UID:short"


def test_escape_text_escapes_what_rfc_5545_reserves():
    assert escape_text("a\\b;c,d\r\ne\nf\rg\x00h\ti") == "a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti"


def test_a_local_time_in_the_hour_repeated_when_clocks_go_back_is_written_in_utc():
    event = Event(NEW_YORK)
    # 6 November 2022, 01:30 happened twice in New York: first at -4, then at -5.
    first = datetime.datetime(2022, 11, 6, 1, 30, tzinfo=NEW_YORK)
    second = first.replace(fold=1)

    event.add_local("DTSTART", first)
    event.add_local("DTEND", second)

    assert event.lines == [
        "DTSTART;TZID=America/New_York:20221106T013000",
        "DTEND:20221106T063000Z",
    ]
