"""The ministerial demo's calendar, page, consoles and PDFs give every item the same time.

The V REMDES meeting has five sessions on two days, two of them in parallel rooms. Each
part and slot must start, in every output, at the clock time its session's agenda gives:
the calendar (by UID, with its day), each session's console (by key), the run-of-show and
the agenda for delegates (grouped by session), and the meeting page.
"""

import re

import icalendar
import pytest

from agenda import selectors
from agenda.calendar import event_uid
from agenda.models import Meeting
from documents.registry import document_content
from live import state

CLOCK = re.compile(r"<time datetime=\"[^\"]+\" data-clock>(\d\d:\d\d)</time>")


@pytest.fixture
def ministerial(demo_meeting):
    return Meeting.objects.get(slug="remdes-v")


def planned(meeting):
    """Return {session id: [(kind, pk, "YYYY-MM-DD HH:MM"), …]} in each session's order."""
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug)
    tz = agenda.tzinfo
    sessions = {}
    for sitting in selectors.agenda_timing(agenda).sessions:
        items = sessions.setdefault(sitting.session.pk, [])
        for part in sitting.segments:
            items.append(("part", part.segment.pk, f"{part.planned_start.astimezone(tz):%F %H:%M}"))
            items.extend(
                ("slot", timing.slot.pk, f"{timing.planned_start.astimezone(tz):%F %H:%M}")
                for timing in part.slots
            )
    return sessions


def test_every_output_gives_every_item_its_sessions_time(client, ministerial):
    sessions = planned(ministerial)
    items = [item for session in sessions.values() for item in session]
    assert len(sessions) == 5
    assert len(items) > 40
    tz = ministerial.tzinfo

    # The calendar: every part and slot by its UID, on its day.
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/meetings/{ministerial.slug}/agenda.ics").content
    )
    starts = {
        str(event["uid"]): f"{event.decoded('dtstart').astimezone(tz):%F %H:%M}"
        for event in calendar.walk("VEVENT")
    }
    assert [starts[event_uid(kind, pk, ministerial)] for kind, pk, _ in items] == [
        start for *_, start in items
    ]

    # Each session's console: its own slots, at their times.
    for session in ministerial.sessions.all():
        session_items = sessions[session.pk]
        clock = state.room_clock_for_display(meeting=ministerial, session=session)
        order = state.console_snapshot(clock, meeting=ministerial, session=session)["order"]
        console = {card["key"]: card["planned_start"] for card in order}
        slots = [(pk, start[-5:]) for kind, pk, start in session_items if kind == "slot"]
        assert [console[f"slot-{pk}"] for pk, _ in slots] == [start for _, start in slots]

    # The run-of-show and the agenda for delegates, session by session.
    expected = [[start[-5:] for *_, start in session] for session in sessions.values()]
    content = document_content(meeting=ministerial, kind="run-of-show")
    shown = [
        [t for part in s["parts"] for t in [part["start"]] + [i["start"] for i in part["items"]]]
        for s in content["sessions"]
    ]
    assert shown == expected
    content = document_content(meeting=ministerial, kind="public-agenda")
    shown = [
        [t for part in s["parts"] for t in [part["start"]] + [i["start"] for i in part["speakers"]]]
        for s in content["sessions"]
    ]
    assert shown == expected

    # The meeting page: its clock times include every item's, session after session.
    page = CLOCK.findall(client.get(ministerial.get_absolute_url()).content.decode())
    position = 0
    for start in [start for session in expected for start in session]:
        position = page.index(start, position) + 1
