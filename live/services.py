"""The console's controls: start, pause, resume, questions, end, skip, next, go to.

``clock_press`` is the one write. It locks the sitting's clock row (each session has its
own clock; a meeting without sessions has one), so two consoles pressing at once are
served one after the other, and refuses a control that does not fit the clock's state
(pausing a paused clock, say) with a message for the person who pressed it. Side
effects, all in the same transaction: the slot's actual start, start of questions, end,
paused seconds, skip and ``delivered_at`` are recorded (by ``update``, so the slot's
editorial version and history stay untouched by the room); the clock's revision grows;
a ``ClockEvent`` is logged.
"""

import datetime

from django.db import transaction
from django.db.models import Q, Subquery, Value
from django.db.models.lookups import Exact
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import MeetingSession, Segment
from agenda.selectors import INACTIVE_SLOT_STATUSES, is_timed_whole
from live import clock as live_clock
from live.items import (
    clock_item,
    clock_item_key,
    is_part,
    item_key,
    qa_minutes,
    record,
    set_clock_item,
)
from live.models import ClockAction, ClockEvent, ClockState, RoomClock
from speakers.models import SpeakerSlot

LIVE_PHASES = {ClockState.SPEAKING, ClockState.QUESTIONS}
# The order of a meeting's sessions (``MeetingSession.Meta.ordering``): the first is first.
FIRST_SITTING_ORDER = ("date", "start_time", "room", "pk")


NEEDS_A_SESSION = gettext_lazy(
    "This meeting is run session by session: open the console of one of its sessions."
)


class ClockRefused(Exception):
    """A control that does not fit the clock's state; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def sitting_parts(*, meeting, session=None, prefix=""):
    """Return the condition that picks the parts of one sitting (``prefix``: the path to a part).

    ``session`` None is the whole meeting (its one sitting when it has no sessions). A
    part without a session in a meeting that has sessions belongs to the first one, as in
    ``agenda.sessions.parts_by_sitting``; the first is found in the same query.
    """
    if session is None:
        return Q(**{f"{prefix}meeting": meeting})
    is_first = Exact(Subquery(_first_session(meeting)), Value(session.pk))
    return Q(**{f"{prefix}meeting": meeting}) & (
        Q(**{f"{prefix}session": session}) | Q(is_first, **{f"{prefix}session__isnull": True})
    )


def _first_session(meeting):
    """Return a subquery of the id of the meeting's first session (in time order)."""
    return (
        MeetingSession.objects.filter(meeting_id=meeting.pk)
        .order_by(*FIRST_SITTING_ORDER)
        .values("pk")[:1]
    )


def running_order(*, meeting, session=None):
    """Return the items the console runs, in agenda order: active slots, and whole parts.

    ``session`` limits them to the parts of that sitting (None: every part, as a meeting
    without sessions has). A part with no active speaker slot (a dialogue before its list
    of speakers, an opening, a break), or one already begun as a whole, is one item (see
    ``live.items`` and ``agenda.selectors.is_timed_whole``).
    """
    segments = list(
        Segment.objects.filter(sitting_parts(meeting=meeting, session=session)).order_by(
            "order", "pk"
        )
    )
    slots = list(
        SpeakerSlot.objects.filter(
            sitting_parts(meeting=meeting, session=session, prefix="segment__")
        )
        .exclude(status__in=INACTIVE_SLOT_STATUSES)
        .select_related("segment", "person", "representing_state", "representing_organization")
        .order_by("segment__order", "segment__pk", "order", "pk")
    )
    by_segment = {}
    for slot in slots:
        by_segment.setdefault(slot.segment_id, []).append(slot)
    order = []
    for segment in segments:
        active = by_segment.get(segment.pk, [])
        order.extend([segment] if is_timed_whole(segment, active) else active)
    return order


def phase_elapsed(room_clock, now):
    """Return the seconds the current phase has run, pauses left out."""
    elapsed = room_clock.elapsed_before_run
    if room_clock.is_running and room_clock.run_started_at is not None:
        elapsed += (now - room_clock.run_started_at).total_seconds()
    return max(0.0, elapsed)


def _is_pending(item):
    return item.actual_end is None and item.skipped_at is None


def _following(order, current):
    """Return the first item still to be held after ``current`` (or from the top)."""
    position = 0
    if current is not None:
        keys = [item_key(item) for item in order]
        key = item_key(current)
        position = keys.index(key) + 1 if key in keys else 0
    return next((item for item in order[position:] if _is_pending(item)), None)


def following_slot(order, current):
    """Return the first item still to be held after ``current`` (or from the top)."""
    return _following(order, current)


def _fold_pause(room_clock, now):
    """Add a running pause to the item's paused seconds and clear it."""
    item = clock_item(room_clock)
    if room_clock.paused_at is not None and item is not None:
        paused = round((now - room_clock.paused_at).total_seconds())
        record(item, paused_seconds=item.paused_seconds + paused)
    room_clock.paused_at = None


def _run_phase(room_clock, state, now):
    room_clock.state = state
    room_clock.is_running = True
    room_clock.run_started_at = now
    room_clock.elapsed_before_run = 0
    room_clock.paused_at = None


def _load(room_clock, item):
    set_clock_item(room_clock, item)
    room_clock.state = ClockState.READY if item is not None else ClockState.FINISHED
    room_clock.is_running = False
    room_clock.run_started_at = None
    room_clock.elapsed_before_run = 0
    room_clock.paused_at = None


def _start(room_clock, now):
    record(
        clock_item(room_clock),
        actual_start=now,
        qa_started_at=None,
        actual_end=None,
        paused_seconds=0,
        skipped_at=None,
    )
    _run_phase(room_clock, ClockState.SPEAKING, now)


def _end(room_clock, now):
    _fold_pause(room_clock, now)
    # The ended phase's time stays on the clock: a display shows by how much it ran over.
    final_elapsed = phase_elapsed(room_clock, now)
    item = clock_item(room_clock)
    record(item, actual_end=now, delivered_at=getattr(item, "delivered_at", None) or now)
    room_clock.state = ClockState.ENDED
    room_clock.is_running = False
    room_clock.run_started_at = None
    room_clock.elapsed_before_run = final_elapsed


def _press_start(room_clock, order, now, target):
    if room_clock.state in LIVE_PHASES:
        raise ClockRefused(_("The clock is already running: pause or end this slot first."))
    if room_clock.state != ClockState.READY:
        # After the last slot, a slot passed over earlier (go to) is still to be heard.
        current = clock_item(room_clock)
        _load(room_clock, _following(order, current) or _following(order, None))
        if clock_item(room_clock) is None:
            raise ClockRefused(
                _("Everything in the running order has been held: there is nothing to start.")
            )
    _start(room_clock, now)


def _press_pause(room_clock, order, now, target):
    if room_clock.state not in LIVE_PHASES or not room_clock.is_running:
        raise ClockRefused(_("The clock is not running, so it cannot be paused."))
    room_clock.elapsed_before_run = phase_elapsed(room_clock, now)
    room_clock.is_running = False
    room_clock.run_started_at = None
    room_clock.paused_at = now


def _press_resume(room_clock, order, now, target):
    if room_clock.state not in LIVE_PHASES or room_clock.is_running:
        raise ClockRefused(_("The clock is not paused, so there is nothing to resume."))
    _fold_pause(room_clock, now)
    room_clock.is_running = True
    room_clock.run_started_at = now


def _press_questions(room_clock, order, now, target):
    if room_clock.state != ClockState.SPEAKING:
        raise ClockRefused(_("Questions follow a presentation: start the slot first."))
    if not qa_minutes(clock_item(room_clock)):
        raise ClockRefused(_("This slot has no time for questions."))
    _fold_pause(room_clock, now)
    record(room_clock.slot, qa_started_at=now)
    _run_phase(room_clock, ClockState.QUESTIONS, now)


def _press_end(room_clock, order, now, target):
    if room_clock.state not in LIVE_PHASES:
        raise ClockRefused(_("No slot is running, so there is nothing to end."))
    _end(room_clock, now)


def _press_skip(room_clock, order, now, target):
    if room_clock.state != ClockState.READY:
        raise ClockRefused(_("Only a slot that has not started can be skipped."))
    item = clock_item(room_clock)
    record(item, skipped_at=now)
    _load(room_clock, _following(order, item))


def _press_next(room_clock, order, now, target):
    if room_clock.state in LIVE_PHASES:
        _end(room_clock, now)
    following = _following(order, clock_item(room_clock))
    if following is None and room_clock.state == ClockState.FINISHED:
        raise ClockRefused(
            _("Everything in the running order has been held: there is no next item.")
        )
    _load(room_clock, following)


def _press_go_to(room_clock, order, now, target):
    if room_clock.state in LIVE_PHASES:
        raise ClockRefused(_("End the running slot before going to another one."))
    item = next((item for item in order if item_key(item) == target), None)
    if item is None and room_clock.session_id is not None:
        raise ClockRefused(_("That item is not in this session's running order."))
    if item is None:
        raise ClockRefused(_("That item is not in this meeting's running order."))
    if item.actual_end is not None:
        raise ClockRefused(_("That item has already been held."))
    _load(room_clock, item)


PRESSES = {
    ClockAction.START: _press_start,
    ClockAction.PAUSE: _press_pause,
    ClockAction.RESUME: _press_resume,
    ClockAction.QUESTIONS: _press_questions,
    ClockAction.END: _press_end,
    ClockAction.SKIP: _press_skip,
    ClockAction.NEXT: _press_next,
    ClockAction.GO_TO: _press_go_to,
}


def room_clock_get(*, meeting, session=None):
    """Return the sitting's clock (``session`` None: the meeting's own), creating an idle one.

    The clock a meeting had before it was divided into sessions goes on as the clock of
    its first session, which holds the parts it ran.
    """
    if session is not None:
        room_clock = RoomClock.objects.filter(meeting=meeting, session=session).first()
        if room_clock is not None:
            return room_clock
        RoomClock.objects.filter(meeting=meeting, session=None).filter(
            Exact(Subquery(_first_session(meeting)), Value(session.pk))
        ).update(session=session)
    room_clock, _created = RoomClock.objects.get_or_create(meeting=meeting, session=session)
    return room_clock


@transaction.atomic
def clock_press(
    *, meeting, action, user=None, target=None, slot_id=None, session=None
) -> RoomClock:
    """Apply one console control to a sitting's clock and return the clock after it.

    ``session`` is the sitting whose console was pressed; None for a meeting without
    sessions (a meeting with sessions is run session by session, so it is refused).
    "Next", "go to", skip and start stay within the sitting's running order.
    ``target`` is the key of the item "go to" brings to the floor ("slot-12", "part-3";
    see ``live.items.item_key``), or ``slot_id`` a slot's. Raises ``ClockRefused`` when
    the control does not fit the clock's state; nothing is
    changed then.
    """
    if action not in PRESSES:
        raise ClockRefused(_("Unknown control."))
    if session is not None and session.meeting_id != meeting.pk:
        raise ValueError("The session is not one of the meeting's.")
    if session is None and meeting.has_sessions:
        raise ClockRefused(str(NEEDS_A_SESSION))
    room_clock_get(meeting=meeting, session=session)
    room_clock = RoomClock.objects.select_for_update().get(meeting=meeting, session=session)
    order = running_order(meeting=meeting, session=session)
    by_key = {item_key(item): item for item in order}
    # The console works on the items of the running order, so updates reach both.
    held_key = clock_item_key(room_clock)
    if held_key:
        set_clock_item(room_clock, by_key.get(held_key))
        if clock_item(room_clock) is None:
            # The item was withdrawn, deleted or given slots while loaded: start over.
            _load(room_clock, None)
            room_clock.state = ClockState.IDLE
    if slot_id is not None:
        target = item_key(SpeakerSlot(pk=slot_id))
    now = live_clock.now()
    seconds = phase_elapsed(room_clock, now)
    current = clock_item(room_clock)
    PRESSES[action](room_clock, order, now, target)
    room_clock.revision += 1
    room_clock.save()
    # Start and go to act on the item they bring to the floor; the others on the one left.
    if action in (ClockAction.START, ClockAction.GO_TO) or current is None:
        current = clock_item(room_clock)
    ClockEvent.objects.create(
        meeting=meeting,
        session=session,
        slot=None if current is None or is_part(current) else current,
        segment=current if current is not None and is_part(current) else None,
        action=action,
        at=now,
        phase_seconds=int(seconds),
        by=user if getattr(user, "is_authenticated", False) else None,
    )
    return room_clock


def overrun_seconds(slot):
    """Return the seconds a held slot ran beyond its planned minutes (negative: under)."""
    if slot.actual_seconds is None:
        return None
    return slot.actual_seconds - int(datetime.timedelta(minutes=slot.total_minutes).total_seconds())
