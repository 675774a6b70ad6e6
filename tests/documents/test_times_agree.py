"""The calendar, the meeting page, the console and the PDFs give every item the same time.

Each part and each speaker slot of the demo (with two requests for the floor accepted in
the dialogue) is looked up by its own id where the output carries one (calendar UIDs,
the console's running order) and by its place in the agenda where it does not (the
documents, the page's clock times), and must start at the clock time the agenda gives.
"""

import re

import icalendar
import pytest

from agenda import selectors
from agenda.calendar import event_uid
from delegations.floor import services as floor
from documents.registry import document_content
from live import state
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.delegations.floor_factories import delegation as accredited

CLOCK = re.compile(r"<time datetime=\"[^\"]+\" data-clock>(\d\d:\d\d)</time>")


@pytest.fixture
def meeting_with_floor_speakers(demo_meeting):
    dialogue = demo_meeting.segments.get(accepts_floor_requests=True)
    for iso2 in ("UY", "PA"):
        delegation = accredited(demo_meeting, iso2)
        request = floor.floor_request_create(
            delegation=delegation,
            segment=dialogue,
            member=DelegationMemberFactory(delegation=delegation),
            topic="Cash transfers",
        )
        floor.floor_request_accept(
            floor_request=request, minutes=3, expected_version=request.version, user=None
        )
    return demo_meeting


def planned(meeting):
    """Return [(uid kind, pk, "HH:MM"), …]: each part, then its slots, in agenda order."""
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    tz = agenda.tzinfo
    items = []
    for part in selectors.agenda_timing(agenda).segments:
        items.append(("part", part.segment.pk, f"{part.planned_start.astimezone(tz):%H:%M}"))
        items.extend(
            ("slot", timing.slot.pk, f"{timing.planned_start.astimezone(tz):%H:%M}")
            for timing in part.slots
        )
    return items


def test_every_output_gives_every_item_the_agendas_time(client, meeting_with_floor_speakers):
    meeting = meeting_with_floor_speakers
    items = planned(meeting)
    assert len(items) == 3 + 8  # three parts, six slots and two speakers from the floor
    tz = meeting.tzinfo

    # The calendar: one event per part and per slot, found by its UID.
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/meetings/{meeting.slug}/agenda.ics").content
    )
    starts = {
        str(event["uid"]): f"{event.decoded('dtstart').astimezone(tz):%H:%M}"
        for event in calendar.walk("VEVENT")
    }
    assert [starts[event_uid(kind, pk, meeting)] for kind, pk, _ in items] == [
        start for *_, start in items
    ]

    # The console's running order: each slot by its key.
    order = state.console_snapshot(state.room_clock_for_display(meeting=meeting), meeting=meeting)[
        "order"
    ]
    console = {card["key"]: card["planned_start"] for card in order}
    assert [console[f"slot-{pk}"] for kind, pk, _ in items if kind == "slot"] == [
        start for kind, _, start in items if kind == "slot"
    ]

    # The scenario, the podium edition and the agenda for delegates, in agenda order.
    expected = [start for *_, start in items]
    for kind in ("run-of-show", "podium"):
        parts = document_content(meeting=meeting, kind=kind)["parts"]
        shown = [
            time for part in parts for time in [part["start"]] + [i["start"] for i in part["items"]]
        ]
        assert shown == expected, kind
    parts = document_content(meeting=meeting, kind="public-agenda")["parts"]
    shown = [
        time for part in parts for time in [part["start"]] + [s["start"] for s in part["speakers"]]
    ]
    assert shown == expected

    # The meeting page: its clock times, in the agenda's order, include every item's.
    page = CLOCK.findall(client.get(meeting.get_absolute_url()).content.decode())
    position = 0
    for start in expected:
        position = page.index(start, position) + 1
