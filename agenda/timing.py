"""Clock times of an agenda: the plan cascaded through sittings, parts and slots, and the
forecast beside it from what the room's clock has recorded.

Each sitting (a session, or the meeting itself when it has none: ``agenda.sessions``)
starts at its own time and has its own clock, so a late morning does not move the
afternoon, and a working group in one room does not move the other.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from agenda import relations
from agenda.enums import SlotStatus
from agenda.models import Meeting, Segment
from agenda.sessions import parts_by_sitting
from cidi_meeting import labels

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()

# Slots that no longer take time in the room.
INACTIVE_SLOT_STATUSES = {SlotStatus.DECLINED, SlotStatus.WITHDRAWN}


@dataclass
class SlotTiming:
    slot: SpeakerSlot
    planned_start: datetime.datetime
    speaking_end: datetime.datetime
    planned_end: datetime.datetime
    questions: list = field(default_factory=list)
    # Where the room's clock puts the slot: its actual times once held, else a forecast.
    forecast_start: datetime.datetime = None
    forecast_end: datetime.datetime = None

    @property
    def is_held(self):
        return self.slot.actual_end is not None

    @property
    def is_running(self):
        return self.slot.actual_start is not None and self.slot.actual_end is None

    @property
    def is_skipped(self):
        return self.slot.skipped_at is not None

    @property
    def delay_minutes(self):
        """Return how many minutes after its planned time the slot starts (or started)."""
        return round((self.forecast_start - self.planned_start).total_seconds() / 60)


@dataclass
class SegmentTiming:
    segment: Segment
    planned_start: datetime.datetime
    planned_end: datetime.datetime
    content_minutes: int
    slots: list
    general_questions: list
    inactive_slots: list
    forecast_start: datetime.datetime = None
    forecast_end: datetime.datetime = None
    # The room's clock times the part as a whole (see ``is_timed_whole``).
    is_timed_whole: bool = False

    @property
    def total_minutes(self):
        return int((self.planned_end - self.planned_start).total_seconds() // 60)

    @property
    def minutes_left(self):
        """Return allotted minus used minutes (negative when over), or None."""
        if self.segment.allotted_minutes is None:
            return None
        return self.segment.allotted_minutes - self.content_minutes

    @property
    def delay_minutes(self):
        return round((self.forecast_start - self.planned_start).total_seconds() / 60)


class ForecastEnd:
    """What the meeting and each of its sittings say of their end: live, over, how late."""

    @property
    def follows_the_clock(self):
        """Tell whether the forecast moves with the time of day (live, not yet over)."""
        return self.is_live and not self.is_over

    @property
    def delay_minutes(self):
        """Return how many minutes later than planned the forecast ends."""
        return round((self.forecast_end - self.planned_end).total_seconds() / 60)


@dataclass
class SessionTiming(ForecastEnd):
    """The clock times of one sitting: a session, or the meeting as its only one."""

    session: object
    segments: list
    planned_start: datetime.datetime
    planned_end: datetime.datetime
    forecast_end: datetime.datetime
    is_live: bool = False
    is_over: bool = False

    @property
    def overrun_minutes(self):
        """Return by how many whole minutes the plan or forecast runs past the planned end."""
        ends_at = self.session.ends_at
        if ends_at is None:
            return 0
        latest = self.planned_end
        if not labels.is_off_day(self.delay_minutes):
            # A rehearsal on another day follows the clock: its forecast says nothing here.
            latest = max(latest, self.forecast_end)
        return max(0, int((latest - ends_at).total_seconds() // 60))


@dataclass
class AgendaTiming(ForecastEnd):
    meeting: Meeting
    segments: list
    planned_end: datetime.datetime
    forecast_end: datetime.datetime
    is_live: bool = False
    # Every timed item held or skipped: the forecast no longer moves with the clock.
    is_over: bool = False
    sessions: list = field(default_factory=list)

    @property
    def has_parallel_sessions(self):
        """Tell whether two sittings overlap in time (so run in different rooms)."""
        spans = sorted((s.planned_start, s.planned_end) for s in self.sessions)
        return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))


def _forecast(item, *, planned, cursor, now, tz, is_upcoming):
    """Return the forecast start and end of an item, from its actual times where known.

    The item is a speaker slot or a part the console times as a whole; ``planned`` is
    how long it is given. ``is_upcoming`` is true for an item after the last one the room
    has recorded, while the meeting is under way: it cannot start in the past. A pending
    item before that (passed over with "next" or "go to") takes no time until it is
    brought back.
    """
    if item.actual_start is not None:
        start = item.actual_start.astimezone(tz)
        if item.actual_end is not None:
            return start, item.actual_end.astimezone(tz)
        paused = datetime.timedelta(seconds=item.paused_seconds)
        return start, max(start + planned + paused, now)
    if item.skipped_at is not None:
        return cursor, cursor
    if is_upcoming:
        start = max(cursor, now)
        return start, start + planned
    return cursor, cursor


def _slot_forecast(slot, *, cursor, now, tz, is_upcoming):
    planned = datetime.timedelta(minutes=slot.total_minutes)
    return _forecast(slot, planned=planned, cursor=cursor, now=now, tz=tz, is_upcoming=is_upcoming)


def _whole_part_forecast(segment, *, planned, buffer, cursor, now, tz, is_upcoming):
    """Return the forecast start and end of a part timed as a whole, its buffer included.

    ``is_upcoming`` is None before the meeting is live: the part then keeps its plan.
    """
    if is_upcoming is None:
        return cursor, cursor + planned + buffer
    start, end = _forecast(
        segment, planned=planned, cursor=cursor, now=now, tz=tz, is_upcoming=is_upcoming
    )
    # A part skipped or passed over takes no time, not even its buffer.
    return start, end + buffer if end > start else end


def _is_recorded(item):
    return item.actual_start is not None or item.skipped_at is not None


def active_slots(segment):
    """Return the part's slots the agenda times (not declined or withdrawn), prefetched."""
    return [slot for slot in segment.slots.all() if slot.status not in INACTIVE_SLOT_STATUSES]


def is_timed_whole(segment, slots=None):
    """Return True when the room's clock times the part as a whole, not slot by slot.

    So it is for a part without active speaker slots (a dialogue before its list of
    speakers, an opening, a break), and for a part the console has already begun timing
    as a whole (speakers given the floor during it are its list, not items of their own).
    ``slots`` are the part's active slots when the caller has them.
    """
    if segment.actual_start is not None or segment.skipped_at is not None:
        return True
    return not (active_slots(segment) if slots is None else slots)


def timed_items(meeting, wholes=None, *, segments=None):
    """Return what the room's clock times, in order: active slots, and parts without any.

    A part with no active speaker slot (a dialogue before its list of speakers, an
    opening, a break) is timed as a whole by the console; it records its actual times
    on the part. ``wholes`` maps a part's id to ``is_timed_whole`` when the caller has it;
    ``segments`` limits the items to those parts (one sitting's). Works on the
    prefetched relations of ``meeting_get_for_agenda``.
    """
    segments = ordered_segments(meeting) if segments is None else segments
    if wholes is None:
        wholes = {segment.pk: is_timed_whole(segment) for segment in segments}
    return [
        item
        for segment in segments
        for item in ([segment] if wholes[segment.pk] else active_slots(segment))
    ]


def ordered_segments(meeting):
    """Return the meeting's parts sitting by sitting, each sitting's in the agenda's order."""
    return [segment for _, parts in parts_by_sitting(meeting) for segment in parts]


def agenda_timing(meeting, *, now=None):
    """Cascade planned clock times through the meeting's sittings, parts and slots.

    Each sitting starts at its own time. Each active slot takes its speaking minutes and
    then its question minutes; a part lasts its allotment or, when its slots need more,
    as long as they take; its buffer follows. Beside the plan runs a forecast, sitting by
    sitting: once the live console has recorded actual times (or a skip) of a slot or of
    a part timed as a whole, held items keep them and everything after them in the same
    sitting moves with them, never into the past. Works on the prefetched relations of
    ``meeting_get_for_agenda``.
    """
    tz = meeting.tzinfo
    now = (now or timezone.now()).astimezone(tz)
    sessions = [
        _sitting_timing(session, parts, now=now, tz=tz)
        for session, parts in parts_by_sitting(meeting)
    ]
    timed = [session for session in sessions if session.segments]
    is_live = any(session.is_live for session in sessions)
    return AgendaTiming(
        meeting=meeting,
        segments=[segment for session in sessions for segment in session.segments],
        planned_end=max(session.planned_end for session in sessions),
        forecast_end=max(session.forecast_end for session in sessions),
        is_live=is_live,
        is_over=is_live and all(session.is_over for session in timed),
        sessions=sessions,
    )


def _sitting_timing(session, segments, *, now, tz):
    """Cascade one sitting's plan and forecast from its start (see ``agenda_timing``)."""
    # Whether each part is timed whole, worked out once for the items and the cascade.
    wholes = {segment.pk: is_timed_whole(segment) for segment in segments}
    items = timed_items(None, wholes, segments=segments)
    recorded = [index for index, item in enumerate(items) if _is_recorded(item)]
    is_live = bool(recorded)
    is_over = is_live and all(
        item.actual_end is not None or item.skipped_at is not None for item in items
    )
    last_recorded = recorded[-1] if recorded else -1
    position = 0  # index in ``items`` of the next item met

    def upcoming():
        return is_live and not is_over and position > last_recorded

    cursor = forecast = session.starts_at
    segment_timings = []
    for segment in segments:
        segment_start = cursor
        whole = wholes[segment.pk]
        slot_timings, inactive = [], []
        for slot in segment.slots.all():
            if slot.status in INACTIVE_SLOT_STATUSES:
                inactive.append(slot)
                continue
            speaking_end = cursor + datetime.timedelta(minutes=slot.speaking_minutes)
            planned_end = speaking_end + datetime.timedelta(minutes=slot.qa_minutes)
            if whole:
                # The part's clock times it; its speakers keep their planned places.
                forecast_start, slot_end = cursor, planned_end
            elif is_live:
                forecast_start, forecast = _slot_forecast(
                    slot, cursor=forecast, now=now, tz=tz, is_upcoming=upcoming()
                )
                slot_end = forecast
                position += 1
            else:
                forecast_start, forecast = cursor, planned_end
                slot_end = forecast
                position += 1
            slot_timings.append(
                SlotTiming(
                    slot=slot,
                    planned_start=cursor,
                    speaking_end=speaking_end,
                    planned_end=planned_end,
                    questions=slot.addressed_questions,
                    forecast_start=forecast_start,
                    forecast_end=slot_end,
                )
            )
            cursor = planned_end
        content_minutes = sum(timing.slot.total_minutes for timing in slot_timings)
        lasting = datetime.timedelta(minutes=max(segment.allotted_minutes or 0, content_minutes))
        buffer = datetime.timedelta(minutes=segment.buffer_minutes)
        segment_end = segment_start + lasting + buffer
        if slot_timings and not whole:
            # A part begins when its first speaker does.
            segment_forecast_start = slot_timings[0].forecast_start
            allotted = datetime.timedelta(minutes=segment.allotted_minutes or 0)
            forecast = max(segment_forecast_start + allotted, forecast) + buffer
        else:
            # A part without speakers (or begun as a whole): the console times it whole.
            segment_forecast_start, forecast = _whole_part_forecast(
                segment,
                planned=lasting,
                buffer=buffer,
                cursor=forecast,
                now=now,
                tz=tz,
                is_upcoming=upcoming() if is_live else None,
            )
            position += 1
        general = [q for q in segment.guiding_questions.all() if not q.addressed]
        segment_timings.append(
            SegmentTiming(
                segment=segment,
                planned_start=segment_start,
                planned_end=segment_end,
                content_minutes=content_minutes,
                slots=slot_timings,
                general_questions=general,
                inactive_slots=inactive,
                forecast_start=segment_forecast_start,
                forecast_end=forecast,
                is_timed_whole=whole,
            )
        )
        cursor = segment_end
    return SessionTiming(
        session=session,
        segments=segment_timings,
        planned_start=session.starts_at,
        planned_end=cursor,
        forecast_end=forecast,
        is_live=is_live,
        is_over=is_over,
    )


def overrun_minutes(meeting, timing):
    """Return by how many whole minutes the plan or the forecast runs past a planned end.

    The most any sitting runs past its own planned end; zero when none has a planned
    end or every one ends in time.
    """
    return max((session.overrun_minutes for session in timing.sessions), default=0)


def questions_for_slot(*, slot, segment_timing):
    """Return the guiding questions a slot's speaker answers, in the part's order.

    Those addressed to the slot and the part's general ones (addressed to no slot); reads
    the relations prefetched by ``meeting_get_for_agenda``.
    """
    return sorted(
        [*slot.addressed_questions, *segment_timing.general_questions],
        key=lambda question: (question.order, question.pk),
    )
