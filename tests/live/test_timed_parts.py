"""Parts without speaker slots are timed by the console as a whole.

The demo (tests/conftest.py, 17 November 2022, New York) has six speaker slots and then
the dialogue with the delegations: 60 minutes led by the Chair, no slots until requests
for the floor are accepted. Before, the console said "All speakers heard" after ECLAC
while the dialogue's hour was still to come, and it was in neither the running order
nor planned versus actual.
"""

import pytest

from agenda import selectors
from agenda.models import Segment
from delegations.floor import services as floor
from live import report, services, state
from live.items import item_key
from live.models import ClockAction, ClockEvent, ClockState, RoomClock
from speakers.models import SpeakerSlot
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.delegations.floor_factories import delegation as accredited
from tests.live.room_time import NEW_YORK, at


@pytest.fixture
def dialogue(demo_meeting):
    return demo_meeting.segments.get(accepts_floor_requests=True)


def press(meeting, action, target=None):
    return services.clock_press(
        meeting=meeting, action=action, target=item_key(target) if target else None
    )


def run(meeting, clock, seconds):
    press(meeting, ClockAction.START)
    clock.advance(seconds)
    press(meeting, ClockAction.END)


def run_the_six_slots(meeting, clock, seconds=360):
    for _ in range(6):
        run(meeting, clock, seconds)


def console(meeting):
    return state.console_snapshot(state.room_clock_for_display(meeting=meeting), meeting=meeting)


def hhmm(moment):
    return f"{moment.astimezone(NEW_YORK):%H:%M}"


def test_after_the_last_speaker_the_console_loads_the_dialogue_not_the_end(
    demo_meeting, dialogue, clock
):
    run_the_six_slots(demo_meeting, clock)

    room_clock = press(demo_meeting, ClockAction.NEXT)
    shown = console(demo_meeting)

    assert room_clock.state == ClockState.READY
    assert (room_clock.slot, room_clock.segment) == (None, dialogue)
    assert shown["slot"]["is_part"] is True
    assert shown["slot"]["speaker"] == dialogue.title
    assert shown["slot"]["limit_label"] == "60 min"
    assert shown["remaining_label"] == "60:00"
    assert shown["limit_seconds"] == 3600
    # The part's planned end (the meeting's planned end, 11:42) is on the console.
    assert shown["slot"]["planned_end"] == "11:42"
    assert shown["allowed"] == ["start", "skip", "next", "go_to"]
    assert shown["slot"]["lead_label"].startswith("Led by: ")


def test_a_running_dialogue_is_in_progress_not_a_speakers_turn(demo_meeting, dialogue, clock):
    press(demo_meeting, ClockAction.GO_TO, dialogue)
    press(demo_meeting, ClockAction.START)

    shown = console(demo_meeting)

    assert shown["phase_label"] == "In progress"
    press(demo_meeting, ClockAction.PAUSE)
    assert console(demo_meeting)["phase_label"] == "In progress · paused"


def test_the_dialogue_is_started_paused_and_ended_on_its_own_record(demo_meeting, dialogue, clock):
    run_the_six_slots(demo_meeting, clock)
    press(demo_meeting, ClockAction.START)
    clock.advance(600)
    press(demo_meeting, ClockAction.PAUSE)
    clock.advance(45)
    press(demo_meeting, ClockAction.RESUME)
    clock.advance(3000)
    refused = pytest.raises(services.ClockRefused)
    with refused:
        press(demo_meeting, ClockAction.QUESTIONS)
    press(demo_meeting, ClockAction.END)

    part = Segment.objects.get(pk=dialogue.pk)
    assert part.actual_start == at(10, 36)
    assert part.actual_end == at(11, 36, 45)
    assert part.paused_seconds == 45
    assert part.version == dialogue.version  # the room leaves the editors' version alone
    events = ClockEvent.objects.filter(meeting=demo_meeting, segment=dialogue)
    assert list(events.values_list("action", flat=True)) == ["start", "pause", "resume", "end"]
    assert RoomClock.objects.get(meeting=demo_meeting).state == ClockState.ENDED
    assert press(demo_meeting, ClockAction.NEXT).state == ClockState.FINISHED


def test_the_forecast_follows_the_dialogue_and_ends_with_it(demo_meeting, dialogue, clock):
    run_the_six_slots(demo_meeting, clock)  # ends at 10:36, six minutes early
    press(demo_meeting, ClockAction.START)
    clock.advance(30 * 60)

    agenda = selectors.meeting_get_for_agenda(slug=demo_meeting.slug, published_only=False)
    running = selectors.agenda_timing(agenda, now=clock.at)
    part = running.segments[-1]
    assert part.is_timed_whole is True
    assert (hhmm(part.forecast_start), hhmm(running.forecast_end)) == ("10:36", "11:36")

    clock.advance(40 * 60)  # the dialogue runs ten minutes over its hour
    press(demo_meeting, ClockAction.END)
    agenda = selectors.meeting_get_for_agenda(slug=demo_meeting.slug, published_only=False)
    held = selectors.agenda_timing(agenda, now=at(13, 0))
    assert hhmm(held.forecast_end) == "11:46"
    assert held.delay_minutes == 4


def test_go_to_brings_a_skipped_dialogue_back(demo_meeting, dialogue, clock):
    press(demo_meeting, ClockAction.GO_TO, dialogue)
    press(demo_meeting, ClockAction.SKIP)
    assert Segment.objects.get(pk=dialogue.pk).skipped_at == at(10, 0)

    room_clock = press(demo_meeting, ClockAction.GO_TO, dialogue)
    press(demo_meeting, ClockAction.START)

    assert room_clock.segment == dialogue
    part = Segment.objects.get(pk=dialogue.pk)
    assert (part.skipped_at, part.actual_start) == (None, at(10, 0))


def accept_a_request(meeting, dialogue, iso2="PA"):
    delegation = accredited(meeting, iso2)
    member = DelegationMemberFactory(delegation=delegation)
    request = floor.floor_request_create(
        delegation=delegation, segment=dialogue, member=member, topic="Cash transfers"
    )
    return floor.floor_request_accept(
        floor_request=request, minutes=3, expected_version=request.version, user=None
    )


def test_a_request_accepted_while_the_dialogue_runs_joins_its_list_not_the_clock(
    demo_meeting, dialogue, clock
):
    press(demo_meeting, ClockAction.GO_TO, dialogue)
    press(demo_meeting, ClockAction.START)
    clock.advance(120)

    accepted = accept_a_request(demo_meeting, dialogue)
    shown = console(demo_meeting)

    assert shown["state"] == ClockState.SPEAKING
    assert shown["slot"]["key"] == item_key(dialogue)
    assert shown["slot"]["speakers_list"] == [accepted.slot.representing_label]
    assert [item_key(item) for item in services.running_order(meeting=demo_meeting)][-1] == (
        item_key(dialogue)
    )
    clock.advance(60)
    press(demo_meeting, ClockAction.END)
    assert Segment.objects.get(pk=dialogue.pk).actual_end == at(10, 3)


def test_a_dialogue_with_accepted_requests_before_it_begins_is_run_speaker_by_speaker(
    demo_meeting, dialogue, clock
):
    first = accept_a_request(demo_meeting, dialogue, "PA")
    second = accept_a_request(demo_meeting, dialogue, "BB")

    order = services.running_order(meeting=demo_meeting)

    assert [item_key(item) for item in order[-2:]] == [
        item_key(first.slot),
        item_key(second.slot),
    ]
    assert all(isinstance(item, SpeakerSlot) for item in order)


def test_planned_versus_actual_has_a_row_for_the_dialogue_counting_its_overrun(
    demo_meeting, dialogue, clock
):
    run_the_six_slots(demo_meeting, clock, seconds=300)  # every slot within its limits
    run(demo_meeting, clock, 64 * 60)

    figures = report.planned_versus_actual(demo_meeting)
    row = figures["rows"][-1]

    assert row["is_part"] is True
    assert row["label"] == dialogue.title
    assert (row["planned_label"], row["actual_label"]) == ("60:00", "64:00")
    assert row["speaking"]["overrun_label"] == "+4:00"
    assert figures["totals"]["held"] == 7
    assert figures["totals"]["over_time"] == 1
    assert figures["totals"]["largest_overrun"]["label"] == dialogue.title
    assert len(figures["chart"]["bars"]) == 7
