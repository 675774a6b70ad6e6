"""What consoles and room displays show: the clock's state as plain data (JSON-ready).

The server's clock is the truth: a snapshot carries ``server_now`` and the phase's
elapsed seconds at that moment; browsers only add the time since they received it.
"""

import math

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda import selectors
from cidi_meeting.labels import delay_label, local_clock, minutes_label, time_limit_label
from live import clock as live_clock
from live.items import (
    clock_item,
    clock_item_key,
    is_part,
    item_key,
    qa_minutes,
    questions_started_at,
    speaking_minutes,
)
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


def slot_card(item):
    """Return what the room needs to know of an item: a speaker slot, or a part timed whole."""
    if item is None:
        return None
    if is_part(item):
        return part_card(item)
    slot = item
    return {
        "id": slot.pk,
        "key": item_key(slot),
        "is_part": False,
        "lead": "",
        "lead_label": "",
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


def part_card(segment):
    """Return a part timed as a whole as the room sees it: its title, its lead, its time."""
    lead = segment.lead.display_name if segment.lead_id else ""
    minutes = segment.allotted_minutes or 0
    return {
        "id": segment.pk,
        "key": item_key(segment),
        "is_part": True,
        # The part's title is what the room reads large; its lead comes under it.
        "speaker": segment.title,
        "position": "",
        "representing": "",
        "lead": lead,
        "lead_label": _("Led by: %(lead)s") % {"lead": lead} if lead else "",
        "role": segment.get_kind_display(),
        "segment": "",
        "floor_language": "",
        "attendance": "",
        "speaking_minutes": minutes,
        "qa_minutes": 0,
        "limit_label": minutes_label(minutes),
        "accepts_floor_requests": segment.accepts_floor_requests,
    }


def statement_links(slot):
    """Return the statements the slot's speaker sent, newest first, as the console's links.

    Reads the statements that ``meeting_get_for_agenda`` prefetched with the slot.
    """
    if slot is None or is_part(slot):
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
        if current == ClockState.SPEAKING and qa_minutes(clock_item(room_clock)):
            actions.append("questions")
        return actions
    if current == ClockState.READY:
        return ["start", "skip", "next", "go_to"]
    if current == ClockState.FINISHED:
        return ["start", "go_to"]
    return ["start", "next", "go_to"]


def phase_limit_seconds(room_clock):
    item = clock_item(room_clock)
    if item is None:
        return 0
    if room_clock.state == ClockState.QUESTIONS:
        return qa_minutes(item) * 60
    if room_clock.state in (ClockState.SPEAKING, ClockState.READY):
        return speaking_minutes(item) * 60
    return 0


def room_clock_for_display(*, meeting, session=None):
    """Return the sitting's clock with its slot's person and delegation, or its part (one query).

    ``session`` None is the clock of a meeting without sessions.
    """
    room_clock = (
        RoomClock.objects.select_related(
            "meeting",
            "segment__lead",
            "slot__person",
            "slot__segment",
            "slot__representing_state",
            "slot__representing_organization",
        )
        .filter(meeting=meeting, session=session)
        .first()
    )
    return room_clock or RoomClock(meeting=meeting, session=session)


def ended_phase_seconds(room_clock):
    """Return the limit of the ended item's last phase and the seconds it ran (0, 0 if none)."""
    item = clock_item(room_clock)
    if room_clock.state != ClockState.ENDED or item is None:
        return 0, 0.0
    minutes = qa_minutes(item) if questions_started_at(item) else speaking_minutes(item)
    return minutes * 60, room_clock.elapsed_before_run


def next_slot(room_clock, order):
    """Return the item still to be held after the clock's item (the first, before any)."""
    current = clock_item(room_clock) if room_clock.state not in (ClockState.IDLE,) else None
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
        # An ended item shows where its clock stopped: the time left ("6:57") when it
        # ended early, by how much its last phase ran over ("+0:42") when it ran long.
        limit, elapsed = ended_phase_seconds(room_clock)
    remaining = limit - elapsed
    labels = dict(ClockState.choices)
    if is_part(clock_item(room_clock)):
        # A part timed as a whole is under way, not a speaker's turn.
        labels[ClockState.SPEAKING] = _("In progress")
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
        "remaining_label": countdown_label(remaining) if clock_item(room_clock) else "",
        "colour": colour_for(state=state, remaining=remaining),
        "colour_label": str(COLOUR_LABELS[colour_for(state=state, remaining=remaining)]),
        "slot": slot_card(clock_item(room_clock)),
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


def _add_current_details(card, *, entries, current_key, tz):
    """Add to the clock's item what the console shows of it: statements, questions, cue, end.

    The clock's item came without its statements and questions: the agenda's copy
    (in ``entries``, with its timing and part) has them.
    """
    entry = next((entry for entry in entries if item_key(entry[0]) == current_key), None)
    current, item_timing, part = entry if entry is not None else (None, None, None)
    card["statements"] = statement_links(current)
    if current is None:
        questions = []
    elif is_part(current):
        # A part timed whole: its questions are the part's, its speakers a list the lead
        # calls (requests for the floor accepted while it runs).
        questions = [question.text for question in current.guiding_questions.all()]
        card["speakers_list"] = [
            slot_timing.slot.representing_label or slot_timing.slot.person.display_name
            for slot_timing in part.slots
        ]
    else:
        questions = [
            question.text
            for question in selectors.questions_for_slot(slot=current, segment_timing=part)
        ]
    card["questions"] = [str(text) for text in questions]
    card["cue"] = (current.cue_notes or "") if current is not None and not is_part(current) else ""
    if item_timing is not None:
        # The time of day the item should end: the console's "planned end".
        card["planned_end"] = local_clock(item_timing.planned_end, tz)


def sitting_timing(timing, session):
    """Return the timing of ``session`` among the agenda's sittings (None if it has none)."""
    return next((sitting for sitting in timing.sessions if sitting.session.pk == session.pk), None)


def _parts_of(timing, session, sitting):
    if session is None:
        return timing.segments
    return sitting.segments if sitting is not None else []


def console_snapshot(room_clock, *, meeting, now=None, session=None):
    """Return the display's state plus what the console adds: the next slots, the list.

    ``session`` limits the running order and the forecast to that sitting (None: the
    meeting without sessions, all of it).
    """

    now = now or live_clock.now()
    snapshot = clock_snapshot(room_clock, now=now)
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda, now=now)
    # One sitting's clock follows its own parts and its own forecast, not the others'.
    sitting = sitting_timing(timing, session) if session is not None else None
    # The running order: each slot with its timing, and each part without slots with its own.
    entries = []
    for part in _parts_of(timing, session, sitting):
        if part.slots and not part.is_timed_whole:
            entries.extend((slot_timing.slot, slot_timing, part) for slot_timing in part.slots)
        else:
            entries.append((part.segment, part, part))
    order = [item for item, _timing, _part in entries]
    current_key = clock_item_key(room_clock)
    keys = [item_key(item) for item in order]
    position = keys.index(current_key) + 1 if current_key in keys else 0
    if room_clock.state in (ClockState.IDLE, ClockState.FINISHED):
        position = 0
    upcoming = [
        item for item in order[position:] if item.actual_end is None and item.skipped_at is None
    ]
    if room_clock.state == ClockState.READY:
        upcoming = [item for item in upcoming if item_key(item) != current_key]
    forecast = {item_key(item): item_timing for item, item_timing, _part in entries}
    tz = meeting.tzinfo

    def with_forecast(item):
        card = slot_card(item)
        item_timing = forecast.get(card["key"])
        if item_timing is not None:
            card["planned_start"] = local_clock(item_timing.planned_start, tz)
            card["forecast_start"] = local_clock(item_timing.forecast_start, tz)
            card["delay_minutes"] = item_timing.delay_minutes
        card["is_held"] = item.actual_end is not None
        card["is_skipped"] = item.skipped_at is not None and item.actual_start is None
        card["is_current"] = card["key"] == current_key
        card["statements"] = statement_links(item)
        return card

    if snapshot["slot"] is not None:
        _add_current_details(snapshot["slot"], entries=entries, current_key=current_key, tz=tz)
    snapshot["allowed"] = allowed_actions(room_clock)
    if room_clock.state == ClockState.FINISHED and not upcoming:
        # Nothing passed over is left to bring back: the meeting has been run to its end.
        snapshot["allowed"] = [action for action in snapshot["allowed"] if action != "start"]
    snapshot["next"] = [with_forecast(slot) for slot in upcoming[:2]]
    snapshot["order"] = [with_forecast(slot) for slot in order]
    # The time of day in the meeting's zone (the panel is redrawn when the minute turns).
    snapshot["time_of_day"] = local_clock(now, tz)
    if session is not None:
        _add_sitting_times(snapshot, sitting=sitting, session=session, tz=tz)
        return snapshot
    snapshot["planned_end"] = local_clock(timing.planned_end, tz)
    snapshot["forecast_end"] = local_clock(timing.forecast_end, tz)
    snapshot["delay_minutes"] = timing.delay_minutes
    snapshot["delay_label"] = delay_label(timing.delay_minutes)
    # The meeting's own planned end (the secretariat's), and how far the forecast runs past.
    snapshot["meeting_end"] = local_clock(meeting.ends_at, tz) if meeting.ends_at else ""
    snapshot["overrun_minutes"] = selectors.overrun_minutes(meeting, timing)
    return snapshot


def _add_sitting_times(snapshot, *, sitting, session, tz):
    """Add one session's planned and forecast end, its delay and its overrun."""
    planned_end = sitting.planned_end if sitting is not None else session.starts_at
    forecast_end = sitting.forecast_end if sitting is not None else planned_end
    delay = sitting.delay_minutes if sitting is not None else 0
    snapshot["planned_end"] = local_clock(planned_end, tz)
    snapshot["forecast_end"] = local_clock(forecast_end, tz)
    snapshot["delay_minutes"] = delay
    snapshot["delay_label"] = delay_label(delay)
    # The session's own planned end, and how far its forecast runs past it.
    ends_at = (sitting.session if sitting is not None else session).ends_at
    snapshot["meeting_end"] = local_clock(ends_at, tz) if ends_at else ""
    snapshot["overrun_minutes"] = sitting.overrun_minutes if sitting is not None else 0
    snapshot["is_session"] = True
