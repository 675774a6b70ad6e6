"""Reads of meetings and their agendas, shaped so each page runs a fixed number of queries."""

import datetime
import functools
import hashlib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from agenda import relations
from agenda.enums import SlotStatus
from agenda.models import ExpectedOutcome, Meeting, Segment, can_see_drafts

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


# Slots that no longer take time in the room.
INACTIVE_SLOT_STATUSES = {SlotStatus.DECLINED, SlotStatus.WITHDRAWN}


def meeting_list_published():
    """Return published meetings, soonest last, for the home page."""
    return Meeting.objects.published().order_by("-date", "-start_time")


def meeting_get_for_agenda(*, slug, published_only=True, for_editor=False):
    """Return the meeting with everything its agenda shows, prefetched.

    ``for_editor`` adds what the editor's slot rows show besides the agenda: each slot's
    invitations, newest first (the speakers app's includes). Raises
    ``Meeting.DoesNotExist`` when there is no such (published) meeting.
    """
    meetings = Meeting.objects.select_related("chair")
    if published_only:
        meetings = meetings.published()
    # States and organizations are few and named by many slots: fetched once each and
    # shared (a join would build one copy per slot).
    slots = SpeakerSlot.objects.select_related("person").prefetch_related(
        "representing_state",
        "representing_organization",
        "person__member_state",
        "person__organization",
        "statements",
    )
    if for_editor:
        slots = slots.prefetch_related("invitations")
    segments = Segment.objects.select_related("lead").prefetch_related(
        Prefetch("slots", queryset=slots), "guiding_questions"
    )
    outcomes = ExpectedOutcome.objects.select_related("record")
    meeting = meetings.prefetch_related(
        Prefetch("segments", queryset=segments),
        Prefetch("expected_outcomes", queryset=outcomes),
    ).get(slug=slug)
    _link_questions_and_slots(meeting)
    return meeting


def _link_questions_and_slots(meeting):
    """Give each slot its addressed questions and each question its slots, as lists.

    One query of the link table instead of a prefetch per slot and per question (which
    built a queryset, a manager and copies of the rows for each of them): every slot gets
    ``addressed_questions`` (in the part's order) and every question ``addressed`` (the
    slots it is put to, in the agenda's order), both made of the instances already loaded.
    """
    link = SpeakerSlot.guiding_questions.through
    slots, questions = {}, {}
    for segment in meeting.segments.all():
        for slot in segment.slots.all():
            slot.addressed_questions = []
            slots[slot.pk] = slot
        for question in segment.guiding_questions.all():
            question.addressed = []
            questions[question.pk] = question
    pairs = link.objects.filter(speakerslot__segment__meeting=meeting).values_list(
        "speakerslot_id", "guidingquestion_id"
    )
    for slot_id, question_id in pairs:
        slot, question = slots.get(slot_id), questions.get(question_id)
        if slot is not None and question is not None:
            slot.addressed_questions.append(question)
            question.addressed.append(slot)
    order = {slot_id: index for index, slot_id in enumerate(slots)}
    for slot in slots.values():
        slot.addressed_questions.sort(key=lambda question: (question.order, question.pk))
    for question in questions.values():
        question.addressed.sort(key=lambda slot: order[slot.pk])


def meeting_get_visible(*, slug, user):
    """Return the meeting ``user`` may see, without its agenda; raise ``Http404`` otherwise."""
    meeting = Meeting.objects.visible_to(user).filter(slug=slug).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def meeting_get_for_viewer(*, slug, user):
    """Return the meeting's agenda as ``user`` may see it (drafts only to the secretariat).

    Raises ``Http404`` when there is no such meeting for this viewer.
    """

    try:
        return meeting_get_for_agenda(slug=slug, published_only=not can_see_drafts(user))
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


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


@dataclass
class AgendaTiming:
    meeting: Meeting
    segments: list
    planned_end: datetime.datetime
    forecast_end: datetime.datetime
    is_live: bool = False
    # Every timed item held or skipped: the forecast no longer moves with the clock.
    is_over: bool = False

    @property
    def follows_the_clock(self):
        """Tell whether the forecast moves with the time of day (live, not yet over)."""
        return self.is_live and not self.is_over

    @property
    def delay_minutes(self):
        """Return how many minutes later than planned the meeting is forecast to end."""
        return round((self.forecast_end - self.planned_end).total_seconds() / 60)


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


def timed_items(meeting, wholes=None):
    """Return what the room's clock times, in order: active slots, and parts without any.

    A part with no active speaker slot (a dialogue before its list of speakers, an
    opening, a break) is timed as a whole by the console; it records its actual times
    on the part. ``wholes`` maps a part's id to ``is_timed_whole`` when the caller has it.
    Works on the prefetched relations of ``meeting_get_for_agenda``.
    """
    if wholes is None:
        wholes = {segment.pk: is_timed_whole(segment) for segment in meeting.segments.all()}
    return [
        item
        for segment in meeting.segments.all()
        for item in ([segment] if wholes[segment.pk] else active_slots(segment))
    ]


def agenda_timing(meeting, *, now=None):
    """Cascade planned clock times from the meeting's start through its segments and slots.

    Each active slot takes its speaking minutes and then its question minutes; a segment
    lasts its allotment or, when its slots need more, as long as they take; its buffer
    follows. Beside the plan runs a forecast: once the live console has recorded actual
    times (or a skip) of a slot or of a part timed as a whole, held items keep them and
    everything after moves with them, never into the past. Works on the prefetched
    relations of ``meeting_get_for_agenda``.
    """

    tz = meeting.tzinfo
    now = (now or timezone.now()).astimezone(tz)
    # Whether each part is timed whole, worked out once for the items and the cascade.
    wholes = {segment.pk: is_timed_whole(segment) for segment in meeting.segments.all()}
    items = timed_items(meeting, wholes)
    recorded = [index for index, item in enumerate(items) if _is_recorded(item)]
    is_live = bool(recorded)
    is_over = is_live and all(
        item.actual_end is not None or item.skipped_at is not None for item in items
    )
    last_recorded = recorded[-1] if recorded else -1
    position = 0  # index in ``items`` of the next item met

    def upcoming():
        return is_live and not is_over and position > last_recorded

    cursor = forecast = meeting.starts_at
    segment_timings = []
    for segment in meeting.segments.all():
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
    return AgendaTiming(
        meeting=meeting,
        segments=segment_timings,
        planned_end=cursor,
        forecast_end=forecast,
        is_live=is_live,
        is_over=is_over,
    )


def overrun_minutes(meeting, timing):
    """Return by how many whole minutes the plan or the forecast runs past the planned end.

    Zero when the meeting has no planned end or ends in time.
    """
    if meeting.ends_at is None:
        return 0
    latest = max(timing.planned_end, timing.forecast_end)
    return max(0, int((latest - meeting.ends_at).total_seconds() // 60))


def questions_for_slot(*, slot, segment_timing):
    """Return the guiding questions a slot's speaker answers, in the part's order.

    Those addressed to the slot and the part's general ones (addressed to no slot); reads
    the relations prefetched by ``meeting_get_for_agenda``.
    """
    return sorted(
        [*slot.addressed_questions, *segment_timing.general_questions],
        key=lambda question: (question.order, question.pk),
    )


LIVE_COLUMNS = ("id", "actual_start", "actual_end", "skipped_at", "paused_seconds")


@functools.cache
def _live_state_sql():
    """Return the SQL that reads what the room's clock recorded on one meeting's agenda.

    Written once per process from the models' table and column names: the meeting page
    asks it on every request, and building it through the ORM cost more than running it. A slot
    also brings when it was delivered (its statements become public then).
    """
    slots, parts = SpeakerSlot._meta, Segment._meta
    slot_segment = slots.get_field("segment").column
    part_meeting = parts.get_field("meeting").column
    slot_columns = ", ".join(f"s.{name}" for name in (*LIVE_COLUMNS, "delivered_at"))
    part_columns = ", ".join((*LIVE_COLUMNS, "NULL"))
    slot_recorded = "s.actual_start IS NOT NULL OR s.skipped_at IS NOT NULL"
    part_recorded = "actual_start IS NOT NULL OR skipped_at IS NOT NULL"
    # Names from the models' metadata only; the meeting's id is a parameter.
    return (
        f"SELECT 'slot', {slot_columns} FROM {slots.db_table} s "  # noqa: S608
        f"JOIN {parts.db_table} p ON p.id = s.{slot_segment} "
        f"WHERE p.{part_meeting} = %s AND ({slot_recorded} OR s.delivered_at IS NOT NULL) "
        f"UNION ALL SELECT 'part', {part_columns} FROM {parts.db_table} "
        f"WHERE {part_meeting} = %s AND ({part_recorded})"
    )


def live_state_key(meeting):
    """Return a short digest of what the room's clock has recorded on ``meeting``'s agenda.

    The actual times, skips and pauses of its slots and of its parts timed whole, and
    when each slot was delivered: the console writes them without raising the agenda's
    revision (they are the live state, not an edit), yet the public page shows them.
    Read from the rows themselves, so no way of writing them can be missed; one query,
    whatever the agenda's size, and "plan" while nothing is recorded. Cached pages key
    on it with ``agenda_revision``.
    """
    with connection.cursor() as cursor:
        cursor.execute(_live_state_sql(), [meeting.pk, meeting.pk])
        rows = sorted(repr(tuple(str(value) for value in row)) for row in cursor.fetchall())
    if not rows:
        return "plan"
    return hashlib.blake2b("\n".join(rows).encode(), digest_size=12).hexdigest()
