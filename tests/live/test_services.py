"""The live console's controls, the clock they drive and the forecast they feed.

The demo meeting (tests/conftest.py) starts on 17 November 2022 at 10:00 in New York:
Part One gives Panama, Barbados and Uruguay 7 minutes each; Part Two gives Mexico, the
Dominican Republic and ECLAC 5 minutes and 2 of questions; two 30-minute dialogues
follow; the plan ends at 11:42. The room's time is set by the ``clock`` fixture.
"""

import pytest

from accounts.models import User
from agenda import selectors
from live import report, services, state
from live.items import item_key
from live.models import ClockAction, ClockEvent, ClockState, RoomClock
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot
from tests.live.room_time import NEW_YORK, at


@pytest.fixture
def slots(demo_meeting):
    """The demo's six slots by the code of whom they represent: PA, BB, UY, MX, DO, ECLAC."""
    return {
        (
            slot.representing_state.iso2
            if slot.representing_state
            else slot.representing_organization.acronym
        ): slot
        for slot in services.running_order(meeting=demo_meeting)
        if isinstance(slot, SpeakerSlot)
    }


def press(meeting, action, *, slot=None, user=None, item=None):
    """Press a control; ``slot`` or ``item`` (a slot or a part) is what "go to" brings."""
    target = item_key(item or slot) if (item or slot) else None
    return services.clock_press(meeting=meeting, action=action, user=user, target=target)


def refusal(meeting, action, *, slot=None, item=None):
    with pytest.raises(services.ClockRefused) as refused:
        press(meeting, action, slot=slot, item=item)
    return refused.value.message


@pytest.fixture
def dialogue(demo_meeting):
    """The demo's dialogue with the delegations: a part without slots, timed as a whole."""
    return demo_meeting.segments.get(accepts_floor_requests=True)


def every_item(meeting):
    """Return the running order: the six slots, then the dialogue."""
    return services.running_order(meeting=meeting)


def reloaded(slot):
    return SpeakerSlot.objects.get(pk=slot.pk)


def run_slot(meeting, clock, *, seconds):
    """Start the next slot at the room's time, let it run ``seconds`` and end it."""
    press(meeting, ClockAction.START)
    clock.advance(seconds)
    press(meeting, ClockAction.END)


def snapshot(meeting):
    return state.clock_snapshot(state.room_clock_for_display(meeting=meeting))


def timing(meeting):
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    return selectors.agenda_timing(agenda, now=services.live_clock.now())


def slot_timings(meeting):
    """Return the forecast of each slot by its id."""
    return {
        slot_timing.slot.pk: slot_timing
        for part in timing(meeting).segments
        for slot_timing in part.slots
    }


def hhmm(moment):
    return f"{moment.astimezone(NEW_YORK):%H:%M}"


# Start


def test_start_when_idle_starts_the_first_slot_and_records_its_start(demo_meeting, slots, clock):
    room_clock = press(demo_meeting, ClockAction.START)

    panama = reloaded(slots["PA"])
    assert room_clock.state == ClockState.SPEAKING
    assert room_clock.slot_id == panama.pk
    assert room_clock.is_running is True
    assert room_clock.run_started_at == at(10, 0)
    assert panama.actual_start == at(10, 0)
    assert panama.qa_started_at is None
    assert panama.actual_end is None
    assert panama.paused_seconds == 0


def test_start_after_an_ended_slot_starts_the_following_slot(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=420)

    room_clock = press(demo_meeting, ClockAction.START)

    assert room_clock.slot_id == slots["BB"].pk
    assert room_clock.state == ClockState.SPEAKING
    assert reloaded(slots["BB"]).actual_start == at(10, 7)


def test_start_when_ready_starts_the_loaded_slot(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])

    room_clock = press(demo_meeting, ClockAction.START)

    assert room_clock.slot_id == slots["MX"].pk
    assert reloaded(slots["MX"]).actual_start == at(10, 0)
    assert reloaded(slots["PA"]).actual_start is None


def test_start_when_running_is_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)

    message = refusal(demo_meeting, ClockAction.START)

    assert message == "The clock is already running: pause or end this slot first."


def test_start_when_paused_is_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    press(demo_meeting, ClockAction.PAUSE)

    message = refusal(demo_meeting, ClockAction.START)

    assert message == "The clock is already running: pause or end this slot first."


def test_start_when_every_item_is_held_is_refused(demo_meeting, slots, clock):
    for _item in every_item(demo_meeting):
        run_slot(demo_meeting, clock, seconds=60)

    message = refusal(demo_meeting, ClockAction.START)

    assert message == "Everything in the running order has been held: there is nothing to start."


def test_start_when_every_item_is_skipped_is_refused(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)
    for _item in every_item(demo_meeting):
        press(demo_meeting, ClockAction.SKIP)

    message = refusal(demo_meeting, ClockAction.START)

    assert RoomClock.objects.get(meeting=demo_meeting).state == ClockState.FINISHED
    assert message == "Everything in the running order has been held: there is nothing to start."


def test_start_after_the_last_item_starts_an_earlier_slot_still_to_be_heard(
    demo_meeting, slots, dialogue, clock
):
    press(demo_meeting, ClockAction.GO_TO, item=dialogue)
    run_slot(demo_meeting, clock, seconds=420)

    room_clock = press(demo_meeting, ClockAction.START)

    assert room_clock.slot_id == slots["PA"].pk
    assert room_clock.state == ClockState.SPEAKING


def test_start_again_after_a_go_to_clears_the_slots_earlier_skip(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)
    press(demo_meeting, ClockAction.GO_TO, slot=slots["PA"])

    press(demo_meeting, ClockAction.START)

    panama = reloaded(slots["PA"])
    assert panama.skipped_at is None
    assert panama.actual_start == at(10, 0)


# Pause and resume


def test_pause_stops_the_clock_and_keeps_the_elapsed_seconds(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.advance(120)

    room_clock = press(demo_meeting, ClockAction.PAUSE)

    assert room_clock.state == ClockState.SPEAKING
    assert room_clock.is_running is False
    assert room_clock.elapsed_before_run == 120
    assert room_clock.paused_at == at(10, 2)
    assert room_clock.run_started_at is None


def test_pause_when_paused_is_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    press(demo_meeting, ClockAction.PAUSE)

    message = refusal(demo_meeting, ClockAction.PAUSE)

    assert message == "The clock is not running, so it cannot be paused."


def test_pause_when_idle_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, ClockAction.PAUSE)

    assert message == "The clock is not running, so it cannot be paused."


def test_resume_adds_the_pause_to_the_slots_paused_seconds(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.advance(120)
    press(demo_meeting, ClockAction.PAUSE)
    clock.advance(30)

    room_clock = press(demo_meeting, ClockAction.RESUME)

    assert room_clock.is_running is True
    assert room_clock.paused_at is None
    assert room_clock.run_started_at == at(10, 2, 30)
    assert reloaded(slots["PA"]).paused_seconds == 30
    assert services.phase_elapsed(room_clock, at(10, 3, 30)) == 180


def test_resume_when_running_is_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)

    message = refusal(demo_meeting, ClockAction.RESUME)

    assert message == "The clock is not paused, so there is nothing to resume."


def test_resume_when_idle_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, ClockAction.RESUME)

    assert message == "The clock is not paused, so there is nothing to resume."


# Questions


def test_questions_start_the_question_phase_and_record_its_start(demo_meeting, slots, clock):
    clock.at = at(10, 21)
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    clock.advance(300)

    room_clock = press(demo_meeting, ClockAction.QUESTIONS)

    assert room_clock.state == ClockState.QUESTIONS
    assert room_clock.is_running is True
    assert room_clock.run_started_at == at(10, 26)
    assert room_clock.elapsed_before_run == 0
    assert reloaded(slots["MX"]).qa_started_at == at(10, 26)


def test_questions_while_paused_fold_the_pause_and_run_the_question_phase(
    demo_meeting, slots, clock
):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    clock.advance(240)
    press(demo_meeting, ClockAction.PAUSE)
    clock.advance(45)

    room_clock = press(demo_meeting, ClockAction.QUESTIONS)

    assert room_clock.is_running is True
    assert room_clock.paused_at is None
    assert reloaded(slots["MX"]).paused_seconds == 45


def test_questions_on_a_slot_without_questions_are_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)

    message = refusal(demo_meeting, ClockAction.QUESTIONS)

    assert message == "This slot has no time for questions."


def test_questions_before_the_slot_starts_are_refused(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])

    message = refusal(demo_meeting, ClockAction.QUESTIONS)

    assert message == "Questions follow a presentation: start the slot first."


def test_questions_during_questions_are_refused(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    press(demo_meeting, ClockAction.QUESTIONS)

    message = refusal(demo_meeting, ClockAction.QUESTIONS)

    assert message == "Questions follow a presentation: start the slot first."


# End


def test_end_records_the_actual_end_and_the_paused_seconds(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 2)
    press(demo_meeting, ClockAction.PAUSE)
    clock.at = at(10, 2, 30)
    press(demo_meeting, ClockAction.RESUME)
    clock.at = at(10, 7, 30)

    room_clock = press(demo_meeting, ClockAction.END)

    panama = reloaded(slots["PA"])
    assert room_clock.state == ClockState.ENDED
    assert room_clock.is_running is False
    assert room_clock.slot_id == panama.pk
    assert panama.actual_start == at(10, 0)
    assert panama.actual_end == at(10, 7, 30)
    assert panama.paused_seconds == 30
    assert panama.actual_seconds == 420
    assert services.overrun_seconds(panama) == 0


def test_end_while_paused_counts_the_running_pause(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 5)
    press(demo_meeting, ClockAction.PAUSE)
    clock.at = at(10, 6, 15)

    press(demo_meeting, ClockAction.END)

    panama = reloaded(slots["PA"])
    assert panama.paused_seconds == 75
    assert panama.actual_seconds == 300
    assert services.overrun_seconds(panama) == -120


def test_end_after_questions_keeps_the_question_start(demo_meeting, slots, clock):
    clock.at = at(10, 21)
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 25, 40)
    press(demo_meeting, ClockAction.QUESTIONS)
    clock.at = at(10, 28, 10)

    press(demo_meeting, ClockAction.END)

    mexico = reloaded(slots["MX"])
    assert mexico.qa_started_at == at(10, 25, 40)
    assert mexico.actual_end == at(10, 28, 10)
    assert mexico.actual_seconds == 430
    assert services.overrun_seconds(mexico) == 10


def test_end_sets_delivered_at(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=400)

    assert reloaded(slots["PA"]).delivered_at == at(10, 6, 40)


def test_end_keeps_a_delivered_at_set_before(demo_meeting, slots, clock):
    SpeakerSlot.objects.filter(pk=slots["PA"].pk).update(delivered_at=at(9, 30))

    run_slot(demo_meeting, clock, seconds=400)

    assert reloaded(slots["PA"]).delivered_at == at(9, 30)


def test_end_when_idle_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, ClockAction.END)

    assert message == "No slot is running, so there is nothing to end."


def test_end_when_ended_is_refused(demo_meeting, clock):
    run_slot(demo_meeting, clock, seconds=60)

    message = refusal(demo_meeting, ClockAction.END)

    assert message == "No slot is running, so there is nothing to end."


# Skip


def test_skip_marks_the_loaded_slot_and_loads_the_following(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)

    room_clock = press(demo_meeting, ClockAction.SKIP)

    panama = reloaded(slots["PA"])
    assert panama.skipped_at == at(10, 0)
    assert panama.actual_start is None
    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["BB"].pk


def test_skip_the_last_item_finishes_the_list(demo_meeting, dialogue, clock):
    press(demo_meeting, ClockAction.GO_TO, item=dialogue)

    room_clock = press(demo_meeting, ClockAction.SKIP)

    assert room_clock.state == ClockState.FINISHED
    assert room_clock.slot is None


def test_skip_a_started_slot_is_refused(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)

    message = refusal(demo_meeting, ClockAction.SKIP)

    assert message == "Only a slot that has not started can be skipped."


def test_skip_when_idle_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, ClockAction.SKIP)

    assert message == "Only a slot that has not started can be skipped."


# Next


def test_next_when_idle_loads_the_first_slot_ready(demo_meeting, slots, clock):
    room_clock = press(demo_meeting, ClockAction.NEXT)

    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["PA"].pk
    assert reloaded(slots["PA"]).actual_start is None


def test_next_while_running_ends_the_slot_and_loads_the_following(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.advance(450)

    room_clock = press(demo_meeting, ClockAction.NEXT)

    panama = reloaded(slots["PA"])
    assert panama.actual_end == at(10, 7, 30)
    assert panama.delivered_at == at(10, 7, 30)
    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["BB"].pk
    assert reloaded(slots["BB"]).actual_start is None


def test_next_when_ready_passes_over_the_slot_without_marking_it(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)

    room_clock = press(demo_meeting, ClockAction.NEXT)

    panama = reloaded(slots["PA"])
    assert room_clock.slot_id == slots["BB"].pk
    assert panama.skipped_at is None
    assert panama.actual_end is None


def test_next_after_the_last_item_finishes_the_list(demo_meeting, dialogue, clock):
    press(demo_meeting, ClockAction.GO_TO, item=dialogue)

    room_clock = press(demo_meeting, ClockAction.NEXT)

    assert room_clock.state == ClockState.FINISHED
    assert room_clock.slot is None


def test_next_when_every_item_is_held_is_refused(demo_meeting, slots, clock):
    for _item in every_item(demo_meeting):
        run_slot(demo_meeting, clock, seconds=60)
    press(demo_meeting, ClockAction.NEXT)

    message = refusal(demo_meeting, ClockAction.NEXT)

    assert message == "Everything in the running order has been held: there is no next item."


# Go to


def test_go_to_loads_the_slot_ready(demo_meeting, slots, clock):
    room_clock = press(demo_meeting, ClockAction.GO_TO, slot=slots["DO"])

    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["DO"].pk
    assert room_clock.is_running is False


def test_go_to_a_skipped_slot_loads_it_ready(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)

    room_clock = press(demo_meeting, ClockAction.GO_TO, slot=slots["PA"])

    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["PA"].pk


def test_go_to_a_held_slot_is_refused(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=420)

    message = refusal(demo_meeting, ClockAction.GO_TO, slot=slots["PA"])

    assert message == "That item has already been held."


def test_go_to_while_running_is_refused(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)

    message = refusal(demo_meeting, ClockAction.GO_TO, slot=slots["UY"])

    assert message == "End the running slot before going to another one."


def test_go_to_a_withdrawn_slot_is_refused(demo_meeting, slots, clock):
    SpeakerSlot.objects.filter(pk=slots["UY"].pk).update(status=SlotStatus.WITHDRAWN)

    message = refusal(demo_meeting, ClockAction.GO_TO, slot=slots["UY"])

    assert message == "That item is not in this meeting's running order."


def test_go_to_without_a_slot_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, ClockAction.GO_TO)

    assert message == "That item is not in this meeting's running order."


# Every press


def test_unknown_control_is_refused(demo_meeting, clock):
    message = refusal(demo_meeting, "rewind")

    assert message == "Unknown control."
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


def test_refused_press_changes_nothing(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    before = RoomClock.objects.get(meeting=demo_meeting)

    refusal(demo_meeting, ClockAction.SKIP)

    after = RoomClock.objects.get(meeting=demo_meeting)
    assert after.revision == before.revision == 1
    assert after.state == ClockState.SPEAKING
    assert ClockEvent.objects.filter(meeting=demo_meeting).count() == 1
    assert reloaded(slots["PA"]).skipped_at is None


def test_revision_grows_by_one_per_press(demo_meeting, clock):
    revisions = []
    for action in [
        ClockAction.START,
        ClockAction.PAUSE,
        ClockAction.RESUME,
        ClockAction.END,
        ClockAction.NEXT,
        ClockAction.SKIP,
    ]:
        revisions.append(press(demo_meeting, action).revision)

    assert revisions == [1, 2, 3, 4, 5, 6]
    assert RoomClock.objects.get(meeting=demo_meeting).revision == 6


def test_console_leaves_the_slots_version_and_history_alone(demo_meeting, slots, clock):
    panama = reloaded(slots["PA"])
    history = panama.history.count()

    run_slot(demo_meeting, clock, seconds=420)
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)

    assert reloaded(slots["BB"]).skipped_at == at(10, 7)
    assert reloaded(slots["PA"]).version == panama.version
    assert reloaded(slots["BB"]).version == slots["BB"].version
    assert reloaded(slots["PA"]).history.count() == history


def test_press_logs_a_clock_event_with_the_user(demo_meeting, slots, clock):
    moderator = User.objects.get(email="moderator@example.org")
    press(demo_meeting, ClockAction.START, user=moderator)
    clock.advance(95)

    press(demo_meeting, ClockAction.PAUSE, user=moderator)

    event = ClockEvent.objects.filter(meeting=demo_meeting).last()
    assert event.action == ClockAction.PAUSE
    assert event.slot_id == slots["PA"].pk
    assert event.at == at(10, 1, 35)
    assert event.phase_seconds == 95
    assert event.by == moderator


def test_press_without_a_user_logs_no_one(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)

    assert ClockEvent.objects.get(meeting=demo_meeting).by is None


def test_log_names_the_slot_each_control_acted_on(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=420)
    press(demo_meeting, ClockAction.START)
    press(demo_meeting, ClockAction.END)
    press(demo_meeting, ClockAction.GO_TO, slot=slots["DO"])
    press(demo_meeting, ClockAction.SKIP)

    log = [
        (event.action, event.slot_id) for event in ClockEvent.objects.filter(meeting=demo_meeting)
    ]

    assert log == [
        (ClockAction.START, slots["PA"].pk),
        (ClockAction.END, slots["PA"].pk),
        (ClockAction.START, slots["BB"].pk),
        (ClockAction.END, slots["BB"].pk),
        (ClockAction.GO_TO, slots["DO"].pk),
        (ClockAction.SKIP, slots["DO"].pk),
    ]


def test_withdrawing_the_loaded_slot_sets_the_clock_back_to_idle(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["UY"])
    SpeakerSlot.objects.filter(pk=slots["UY"].pk).update(status=SlotStatus.WITHDRAWN)

    room_clock = press(demo_meeting, ClockAction.NEXT)

    assert room_clock.state == ClockState.READY
    assert room_clock.slot_id == slots["PA"].pk


# Forecast


def test_forecast_before_the_meeting_is_the_plan(demo_meeting, slots, clock):
    forecasts = slot_timings(demo_meeting)

    assert [hhmm(forecasts[slot.pk].forecast_start) for slot in slots.values()] == [
        "10:00",
        "10:07",
        "10:14",
        "10:21",
        "10:28",
        "10:35",
    ]
    assert hhmm(timing(demo_meeting).forecast_end) == "11:42"
    assert timing(demo_meeting).delay_minutes == 0


def test_forecast_moves_the_next_slots_after_an_overrun(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=480)

    forecasts = slot_timings(demo_meeting)
    agenda_timing = timing(demo_meeting)

    barbados = forecasts[slots["BB"].pk]
    assert hhmm(forecasts[slots["PA"].pk].forecast_end) == "10:08"
    assert hhmm(barbados.forecast_start) == "10:08"
    assert barbados.delay_minutes == 1
    assert hhmm(forecasts[slots["MX"].pk].forecast_start) == "10:22"
    assert hhmm(agenda_timing.forecast_end) == "11:43"
    assert agenda_timing.delay_minutes == 1


def test_forecast_of_a_running_slot_grows_with_the_clock(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 9)

    forecasts = slot_timings(demo_meeting)

    assert hhmm(forecasts[slots["PA"].pk].forecast_end) == "10:09"
    assert hhmm(forecasts[slots["BB"].pk].forecast_start) == "10:09"
    assert hhmm(timing(demo_meeting).forecast_end) == "11:44"


def test_forecast_of_a_running_slot_adds_its_pauses(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 1)
    press(demo_meeting, ClockAction.PAUSE)
    clock.at = at(10, 4)
    press(demo_meeting, ClockAction.RESUME)

    forecasts = slot_timings(demo_meeting)

    assert hhmm(forecasts[slots["BB"].pk].forecast_start) == "10:10"
    assert forecasts[slots["BB"].pk].delay_minutes == 3


def test_forecast_gives_a_skipped_slot_no_time(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=420)
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)

    forecasts = slot_timings(demo_meeting)
    agenda_timing = timing(demo_meeting)

    barbados = forecasts[slots["BB"].pk]
    assert hhmm(barbados.forecast_start) == hhmm(barbados.forecast_end) == "10:07"
    assert hhmm(forecasts[slots["UY"].pk].forecast_start) == "10:07"
    assert forecasts[slots["UY"].pk].delay_minutes == -7
    assert hhmm(agenda_timing.forecast_end) == "11:35"


def test_forecast_after_a_skip_does_not_start_a_slot_in_the_past(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.NEXT)
    clock.at = at(10, 3)

    press(demo_meeting, ClockAction.SKIP)

    barbados = slot_timings(demo_meeting)[slots["BB"].pk]
    assert hhmm(barbados.forecast_start) == "10:03"
    assert barbados.delay_minutes == -4
    assert hhmm(timing(demo_meeting).forecast_end) == "11:38"


def test_forecast_of_a_held_meeting_ends_with_its_last_slot_and_dialogues(
    demo_meeting, slots, clock
):
    for _slot in slots:
        run_slot(demo_meeting, clock, seconds=360)
    # The dialogue, timed as a whole, takes its 60 minutes.
    run_slot(demo_meeting, clock, seconds=3600)
    clock.at = at(13, 0)

    agenda_timing = timing(demo_meeting)

    assert agenda_timing.is_live is True
    assert hhmm(agenda_timing.forecast_end) == "11:36"
    assert agenda_timing.delay_minutes == -6


# What the room displays show


def test_snapshot_when_idle_shows_no_slot(demo_meeting, clock):
    shown = snapshot(demo_meeting)

    assert shown["state"] == ClockState.IDLE
    assert shown["slot"] is None
    assert shown["remaining_label"] == ""
    assert shown["colour"] == state.NORMAL
    assert shown["is_live"] is False
    assert shown["revision"] == 0
    assert shown["meeting"] == demo_meeting.title


def test_snapshot_when_ready_shows_the_slot_and_its_full_time(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])

    shown = snapshot(demo_meeting)

    assert shown["state"] == ClockState.READY
    assert shown["limit_seconds"] == 300
    assert shown["elapsed_seconds"] == 0
    assert shown["remaining_label"] == "5:00"
    assert shown["colour"] == state.NORMAL
    assert shown["slot"]["id"] == slots["MX"].pk
    assert shown["slot"]["limit_label"] == "5 + 2 min"
    assert shown["slot"]["speaking_minutes"] == 5
    assert shown["slot"]["qa_minutes"] == 2


def test_snapshot_one_second_in_shows_six_fifty_nine(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 0, 1)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "6:59"
    assert shown["elapsed_seconds"] == 1
    assert shown["colour"] == state.NORMAL
    assert shown["colour_label"] == ""
    assert shown["is_running"] is True
    assert shown["server_now"] == at(10, 0, 1).timestamp()


def test_snapshot_with_a_minute_left_is_a_warning(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 6)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "1:00"
    assert shown["colour"] == state.WARNING
    assert shown["colour_label"] == "Last minute"


def test_snapshot_in_the_last_minute_is_a_warning(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 6, 30)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "0:30"
    assert shown["colour"] == state.WARNING


def test_snapshot_just_before_the_last_minute_is_normal(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 5, 59)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "1:01"
    assert shown["colour"] == state.NORMAL


def test_snapshot_at_the_limit_shows_zero_in_warning(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 7)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "0:00"
    assert shown["colour"] == state.WARNING


def test_snapshot_past_the_limit_shows_the_overrun(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 7, 31)

    shown = snapshot(demo_meeting)

    assert shown["state"] == ClockState.SPEAKING
    assert shown["colour"] == state.OVER
    assert shown["colour_label"] == "Over time"
    assert shown["remaining_label"] == "+0:31"
    assert shown["elapsed_seconds"] == 451


def test_snapshot_while_paused_freezes_the_countdown(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 2)
    press(demo_meeting, ClockAction.PAUSE)
    clock.at = at(10, 9)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "5:00"
    assert shown["elapsed_seconds"] == 120
    assert shown["is_running"] is False
    assert shown["is_live"] is True
    assert shown["colour"] == state.NORMAL
    assert shown["phase_label"] == "Speaking · paused"


def test_snapshot_after_resume_leaves_the_pause_out(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 2)
    press(demo_meeting, ClockAction.PAUSE)
    clock.at = at(10, 2, 30)
    press(demo_meeting, ClockAction.RESUME)
    clock.at = at(10, 7, 30)

    shown = snapshot(demo_meeting)

    assert shown["elapsed_seconds"] == 420
    assert shown["remaining_label"] == "0:00"
    assert shown["colour"] == state.WARNING


def test_snapshot_of_questions_limits_the_phase_to_the_question_minutes(demo_meeting, slots, clock):
    clock.at = at(10, 21)
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 26)
    press(demo_meeting, ClockAction.QUESTIONS)
    clock.at = at(10, 26, 30)

    shown = snapshot(demo_meeting)

    assert shown["state"] == ClockState.QUESTIONS
    assert shown["phase_label"] == "Questions and answers"
    assert shown["limit_seconds"] == 120
    assert shown["elapsed_seconds"] == 30
    assert shown["remaining_label"] == "1:30"
    assert shown["colour"] == state.NORMAL


def test_snapshot_of_questions_past_their_limit_shows_the_overrun(demo_meeting, slots, clock):
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 4)
    press(demo_meeting, ClockAction.QUESTIONS)
    clock.at = at(10, 6, 5)

    shown = snapshot(demo_meeting)

    assert shown["remaining_label"] == "+0:05"
    assert shown["colour"] == state.OVER


def test_snapshot_of_an_ended_slot_is_not_coloured(demo_meeting, clock):
    press(demo_meeting, ClockAction.START)
    clock.at = at(10, 9)
    press(demo_meeting, ClockAction.END)

    shown = snapshot(demo_meeting)

    assert shown["state"] == ClockState.ENDED
    assert shown["colour"] == state.NORMAL
    assert shown["is_live"] is False
    assert shown["is_running"] is False
    assert shown["remaining_label"] == "+2:00"  # where the clock stopped: 2 minutes over


def test_snapshot_of_a_slot_ended_early_shows_the_time_it_had_left(demo_meeting, clock):
    """Before, a slot ended with 6:57 left showed 0:00, as if every second had been used."""
    press(demo_meeting, ClockAction.START)
    clock.advance(3)
    press(demo_meeting, ClockAction.END)

    shown = snapshot(demo_meeting)

    assert (shown["state"], shown["remaining_label"]) == (ClockState.ENDED, "6:57")


# Labels, colours and controls


@pytest.mark.parametrize(
    ("remaining", "label"),
    [(420, "7:00"), (419, "6:59"), (0.4, "0:01"), (0, "0:00"), (-31, "+0:31"), (-65, "+1:05")],
)
def test_countdown_label_counts_down_then_up(remaining, label):
    assert state.countdown_label(remaining) == label


@pytest.mark.parametrize(
    ("clock_state", "remaining", "colour"),
    [
        (ClockState.SPEAKING, 61, state.NORMAL),
        (ClockState.SPEAKING, 60, state.WARNING),
        (ClockState.QUESTIONS, 1, state.WARNING),
        (ClockState.SPEAKING, -1, state.OVER),
        (ClockState.READY, -1, state.NORMAL),
        (ClockState.ENDED, 0, state.NORMAL),
    ],
)
def test_colour_for_follows_the_phase_and_the_time_left(clock_state, remaining, colour):
    assert state.colour_for(state=clock_state, remaining=remaining) == colour


def test_allowed_actions_follow_the_clocks_state(demo_meeting, slots, dialogue, clock):
    allowed = {"idle": state.allowed_actions(RoomClock(meeting=demo_meeting))}
    press(demo_meeting, ClockAction.GO_TO, slot=slots["MX"])
    allowed["ready"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))
    press(demo_meeting, ClockAction.START)
    allowed["speaking"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))
    press(demo_meeting, ClockAction.PAUSE)
    allowed["paused"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))
    press(demo_meeting, ClockAction.QUESTIONS)
    allowed["questions"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))
    press(demo_meeting, ClockAction.END)
    allowed["ended"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))
    press(demo_meeting, ClockAction.GO_TO, item=dialogue)
    press(demo_meeting, ClockAction.SKIP)
    allowed["finished"] = state.allowed_actions(RoomClock.objects.get(meeting=demo_meeting))

    assert allowed == {
        "idle": ["start", "next", "go_to"],
        "ready": ["start", "skip", "next", "go_to"],
        "speaking": ["end", "next", "pause", "questions"],
        "paused": ["end", "next", "resume", "questions"],
        "questions": ["end", "next", "pause"],
        "ended": ["start", "next", "go_to"],
        "finished": ["start", "go_to"],
    }


def test_allowed_actions_leave_out_questions_for_a_slot_without_them(demo_meeting, clock):
    room_clock = press(demo_meeting, ClockAction.START)

    assert state.allowed_actions(room_clock) == ["end", "next", "pause"]


# The console's list and the report


def test_console_snapshot_shows_the_next_two_slots_with_their_forecast(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=480)
    press(demo_meeting, ClockAction.NEXT)

    shown = state.console_snapshot(
        state.room_clock_for_display(meeting=demo_meeting), meeting=demo_meeting
    )

    assert [card["id"] for card in shown["next"]] == [slots["UY"].pk, slots["MX"].pk]
    assert shown["next"][0]["planned_start"] == "10:14"
    assert shown["next"][0]["forecast_start"] == "10:15"
    assert shown["next"][0]["delay_minutes"] == 1
    assert [card["is_current"] for card in shown["order"]] == [
        False,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert [card["is_held"] for card in shown["order"]] == [
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert shown["allowed"] == ["start", "skip", "next", "go_to"]
    assert shown["planned_end"] == "11:42"
    assert shown["forecast_end"] == "11:43"
    assert shown["delay_minutes"] == 1


def test_console_snapshot_marks_skipped_slots_and_leaves_them_out_of_next(
    demo_meeting, slots, clock
):
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)

    shown = state.console_snapshot(
        state.room_clock_for_display(meeting=demo_meeting), meeting=demo_meeting
    )

    assert shown["order"][0]["is_skipped"] is True
    assert [card["id"] for card in shown["next"]] == [slots["UY"].pk, slots["MX"].pk]


def test_report_compares_planned_and_actual_seconds(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=451)
    press(demo_meeting, ClockAction.NEXT)
    press(demo_meeting, ClockAction.SKIP)
    press(demo_meeting, ClockAction.START)
    clock.advance(60)

    pva = report.planned_versus_actual(demo_meeting)

    panama, barbados, uruguay = pva["rows"][:3]
    assert panama["status"] == "Held"
    assert panama["planned_label"] == "7:00"
    assert panama["actual_label"] == "7:31"
    assert panama["overrun_label"] == "+0:31"
    assert panama["is_over"] is True
    assert barbados["status"] == "Skipped"
    assert uruguay["status"] == "Running"
    assert uruguay["start_delay_minutes"] == -6
    assert pva["totals"]["held"] == 1
    assert pva["totals"]["skipped"] == 1
    assert pva["totals"]["over_time"] == 1
    assert pva["totals"]["largest_overrun"]["label"] == panama["label"]
    assert pva["forecast_end"] == "11:35"


# The editor and the room at once


def test_an_editor_save_of_a_stale_slot_keeps_the_times_the_room_recorded(
    demo_meeting, slots, clock
):
    from agenda.services import slot_update

    opened_in_editor = reloaded(slots["PA"])
    run_slot(demo_meeting, clock, seconds=8 * 60)

    slot_update(
        slot=opened_in_editor,
        data={"cue_notes": "Thank the minister."},
        expected_version=opened_in_editor.version,
    )

    saved = reloaded(slots["PA"])
    assert saved.cue_notes == "Thank the minister."
    assert (saved.actual_start, saved.actual_end) == (at(10, 0), at(10, 8))
    assert saved.delivered_at == at(10, 8)


def test_a_part_starts_in_the_forecast_when_its_first_speaker_does(demo_meeting, slots, clock):
    run_slot(demo_meeting, clock, seconds=7 * 60)  # Panama
    run_slot(demo_meeting, clock, seconds=7 * 60)  # Barbados
    clock.advance(3 * 60)  # a changeover of three minutes
    run_slot(demo_meeting, clock, seconds=7 * 60)  # Uruguay, from 10:17
    clock.advance(60)
    press(demo_meeting, ClockAction.START)  # Mexico, from 10:25 instead of 10:21

    part_two = timing(demo_meeting).segments[1]
    assert hhmm(part_two.forecast_start) == "10:25"
    assert part_two.delay_minutes == 4
    assert part_two.forecast_start.tzinfo == NEW_YORK
