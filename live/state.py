"""What consoles and room displays show: the clock's state as plain data (JSON-ready).

The server's clock is the truth: a snapshot carries ``server_now`` and the phase's
elapsed seconds at that moment; browsers only add the time since they received it.
"""

import math

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda import selectors
from cidi_meeting.labels import delay_label, local_clock, time_limit_label
from live import clock as live_clock
from live.models import ClockState, RoomClock
from live.services import LIVE_PHASES, following_slot, phase_elapsed

WARNING_SECONDS = 60
NORMAL, WARNING, OVER = "normal", "warning", "over"
COLOUR_LABELS = {
    NORMAL: "",
    WARNING: gettext_lazy("Last minute"),
    OVER: gettext_lazy("Over time"),
}


def colour_for(*, state, remaining):
    """Return the colour state of the countdown: normal, warning (last minute) or over."""
    if state not in LIVE_PHASES:
        return NORMAL
    if remaining < 0:
        return OVER
    if remaining <= WARNING_SECONDS:
        return WARNING
    return NORMAL


def countdown_label(remaining):
    """Return "6:59" for a countdown, "+0:31" once over time."""
    if remaining >= 0:
        whole = math.ceil(remaining)
        return f"{whole // 60}:{whole % 60:02d}"
    over = int(-remaining)
    return f"+{over // 60}:{over % 60:02d}"


def slot_card(slot):
    """Return what the room needs to know of a slot."""
    if slot is None:
        return None
    return {
        "id": slot.pk,
        "speaker": slot.person.display_name,
        "position": slot.person.position,
        "representing": slot.representing_label,
        "role": slot.get_role_display(),
        "segment": slot.segment.title,
        "floor_language": slot.get_floor_language_display(),
        "attendance": slot.get_attendance_display(),
        "speaking_minutes": slot.speaking_minutes,
        "qa_minutes": slot.qa_minutes,
        "limit_label": time_limit_label(slot),
    }


def statement_links(slot):
    """Return the statements the slot's speaker sent, newest first, as the console's links.

    Reads the statements that ``meeting_get_for_agenda`` prefetched with the slot.
    """
    if slot is None:
        return []
    return [
        {
            "name": statement.original_name,
            "kind": statement.kind.upper(),
            "url": reverse("speakers:statement_download", args=[statement.pk]),
        }
        for statement in slot.statements.all()
    ]


def allowed_actions(room_clock):
    """Return the controls that fit the clock's state (the others are disabled)."""
    current = room_clock.state
    if current in LIVE_PHASES:
        actions = ["end", "next", "pause" if room_clock.is_running else "resume"]
        if current == ClockState.SPEAKING and room_clock.slot.qa_minutes:
            actions.append("questions")
        return actions
    if current == ClockState.READY:
        return ["start", "skip", "next", "go_to"]
    if current == ClockState.FINISHED:
        return ["start", "go_to"]
    return ["start", "next", "go_to"]


def phase_limit_seconds(room_clock):
    slot = room_clock.slot
    if slot is None:
        return 0
    if room_clock.state == ClockState.QUESTIONS:
        return slot.qa_minutes * 60
    if room_clock.state in (ClockState.SPEAKING, ClockState.READY):
        return slot.speaking_minutes * 60
    return 0


def room_clock_for_display(*, meeting):
    """Return the meeting's clock with its slot's person and delegation (one query)."""
    room_clock = (
        RoomClock.objects.select_related(
            "meeting",
            "slot__person",
            "slot__segment",
            "slot__representing_state",
            "slot__representing_organization",
        )
        .filter(meeting=meeting)
        .first()
    )
    return room_clock or RoomClock(meeting=meeting)


def ended_overrun_seconds(room_clock):
    """Return by how many seconds the ended slot's last phase ran over its limit (0 if not)."""
    slot = room_clock.slot
    if room_clock.state != ClockState.ENDED or slot is None:
        return 0.0
    minutes = slot.qa_minutes if slot.qa_started_at else slot.speaking_minutes
    return max(0.0, room_clock.elapsed_before_run - minutes * 60)


def next_slot(room_clock, order):
    """Return the slot still to be heard after the clock's slot (the first, before any)."""
    current = room_clock.slot if room_clock.state not in (ClockState.IDLE,) else None
    return following_slot(order, current)


def clock_snapshot(room_clock, *, now=None, order=None):
    """Return the state a room display draws: speaker, phase, limit, elapsed, colour.

    Given the running order, it also names the slot that comes next.
    """
    now = now or live_clock.now()
    state = room_clock.state
    limit = phase_limit_seconds(room_clock)
    elapsed = phase_elapsed(room_clock, now) if state in LIVE_PHASES else 0.0
    if state == ClockState.ENDED:
        # An ended slot shows by how much its last phase ran over ("+0:42"), else 0:00.
        elapsed = ended_overrun_seconds(room_clock)
    remaining = limit - elapsed
    labels = dict(ClockState.choices)
    phase_label = labels[state]
    is_paused = state in LIVE_PHASES and not room_clock.is_running
    if is_paused:
        phase_label = _("%(phase)s · paused") % {"phase": labels[state]}
    following = next_slot(room_clock, order) if order is not None else None
    following_card = slot_card(following)
    return {
        "revision": room_clock.revision,
        "server_now": now.timestamp(),
        "state": state,
        "phase_label": str(phase_label),
        "is_running": bool(room_clock.is_running and state in LIVE_PHASES),
        "is_live": state in LIVE_PHASES,
        "limit_seconds": limit,
        "elapsed_seconds": round(elapsed, 3),
        "remaining_label": countdown_label(remaining) if room_clock.slot else "",
        "colour": colour_for(state=state, remaining=remaining),
        "colour_label": str(COLOUR_LABELS[colour_for(state=state, remaining=remaining)]),
        "slot": slot_card(room_clock.slot),
        "meeting": room_clock.meeting.title,
        "is_paused": is_paused,
        "paused_label": str(_("Paused")),
        "next_slot": following_card,
        "next_label": (
            _("Next: %(speaker)s")
            % {"speaker": following_card["representing"] or following_card["speaker"]}
            if following_card
            else ""
        ),
    }


def console_snapshot(room_clock, *, meeting, now=None):
    """Return the display's state plus what the console adds: the next slots, the list."""

    now = now or live_clock.now()
    snapshot = clock_snapshot(room_clock, now=now)
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda, now=now)
    timings = [slot_timing for part in timing.segments for slot_timing in part.slots]
    order = [slot_timing.slot for slot_timing in timings]
    current_id = room_clock.slot_id
    ids = [slot.pk for slot in order]
    position = ids.index(current_id) + 1 if current_id in ids else 0
    if room_clock.state in (ClockState.IDLE, ClockState.FINISHED):
        position = 0
    upcoming = [
        slot for slot in order[position:] if slot.actual_end is None and slot.skipped_at is None
    ]
    if room_clock.state == ClockState.READY:
        upcoming = [slot for slot in upcoming if slot.pk != current_id]
    forecast = {slot_timing.slot.pk: slot_timing for slot_timing in timings}
    tz = meeting.tzinfo

    def with_forecast(slot):
        card = slot_card(slot)
        slot_timing = forecast.get(slot.pk)
        if slot_timing is not None:
            card["planned_start"] = local_clock(slot_timing.planned_start, tz)
            card["forecast_start"] = local_clock(slot_timing.forecast_start, tz)
            card["delay_minutes"] = slot_timing.delay_minutes
        card["is_held"] = slot.actual_end is not None
        card["is_skipped"] = slot.skipped_at is not None and slot.actual_start is None
        card["is_current"] = slot.pk == current_id
        card["statements"] = statement_links(slot)
        return card

    if snapshot["slot"] is not None:
        # The clock's slot came without its statements and questions: the agenda's copy has them.
        current = next((slot for slot in order if slot.pk == current_id), None)
        snapshot["slot"]["statements"] = statement_links(current)
        part = next(
            (part for part in timing.segments if any(t.slot.pk == current_id for t in part.slots)),
            None,
        )
        snapshot["slot"]["questions"] = (
            [
                str(question.text)
                for question in selectors.questions_for_slot(slot=current, segment_timing=part)
            ]
            if current is not None and part is not None
            else []
        )
        snapshot["slot"]["cue"] = (current.cue_notes or "") if current is not None else ""

    snapshot["allowed"] = allowed_actions(room_clock)
    snapshot["next"] = [with_forecast(slot) for slot in upcoming[:2]]
    snapshot["order"] = [with_forecast(slot) for slot in order]
    snapshot["planned_end"] = local_clock(timing.planned_end, tz)
    snapshot["forecast_end"] = local_clock(timing.forecast_end, tz)
    snapshot["delay_minutes"] = timing.delay_minutes
    snapshot["delay_label"] = delay_label(timing.delay_minutes)
    # The meeting's own planned end (the secretariat's), and how far the forecast runs past.
    snapshot["meeting_end"] = local_clock(meeting.ends_at, tz) if meeting.ends_at else ""
    snapshot["overrun_minutes"] = selectors.overrun_minutes(meeting, timing)
    return snapshot
