"""Reads of meetings and their agendas, shaped so each page runs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, Segment
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot

# Slots that no longer take time in the room.
INACTIVE_SLOT_STATUSES = {SlotStatus.DECLINED, SlotStatus.WITHDRAWN}


def meeting_list_published():
    """Return published meetings, soonest last, for the home page."""
    return Meeting.objects.published().order_by("-date", "-start_time")


def meeting_get_for_agenda(*, slug, published_only=True):
    """Return the meeting with everything its agenda shows, prefetched.

    Raises ``Meeting.DoesNotExist`` when there is no such (published) meeting.
    """
    meetings = Meeting.objects.select_related("chair")
    if published_only:
        meetings = meetings.published()
    slots = SpeakerSlot.objects.select_related(
        "person",
        "person__member_state",
        "person__organization",
        "representing_state",
        "representing_organization",
    ).prefetch_related("guiding_questions")
    questions = GuidingQuestion.objects.prefetch_related(
        Prefetch(
            "addressed_slots",
            queryset=SpeakerSlot.objects.select_related(
                "representing_state", "representing_organization"
            ),
        )
    )
    segments = Segment.objects.select_related("lead").prefetch_related(
        Prefetch("slots", queryset=slots),
        Prefetch("guiding_questions", queryset=questions),
    )
    outcomes = ExpectedOutcome.objects.select_related("record")
    return meetings.prefetch_related(
        Prefetch("segments", queryset=segments),
        Prefetch("expected_outcomes", queryset=outcomes),
    ).get(slug=slug)


def meeting_get_for_viewer(*, slug, user):
    """Return the meeting's agenda as ``user`` may see it (drafts only to the secretariat).

    Raises ``Http404`` when there is no such meeting for this viewer.
    """
    from django.http import Http404

    from accounts.roles import is_secretariat

    try:
        return meeting_get_for_agenda(slug=slug, published_only=not is_secretariat(user))
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


@dataclass
class SlotTiming:
    slot: SpeakerSlot
    planned_start: datetime.datetime
    speaking_end: datetime.datetime
    planned_end: datetime.datetime
    questions: list = field(default_factory=list)


@dataclass
class SegmentTiming:
    segment: Segment
    planned_start: datetime.datetime
    planned_end: datetime.datetime
    content_minutes: int
    slots: list
    general_questions: list
    inactive_slots: list

    @property
    def total_minutes(self):
        return int((self.planned_end - self.planned_start).total_seconds() // 60)

    @property
    def minutes_left(self):
        """Return allotted minus used minutes (negative when over), or None."""
        if self.segment.allotted_minutes is None:
            return None
        return self.segment.allotted_minutes - self.content_minutes


@dataclass
class AgendaTiming:
    meeting: Meeting
    segments: list
    forecast_end: datetime.datetime


def agenda_timing(meeting):
    """Cascade planned clock times from the meeting's start through its segments and slots.

    Each active slot takes its speaking minutes and then its question minutes; a segment
    lasts its allotment or, when its slots need more, as long as they take; its buffer
    follows. Works on the prefetched relations of ``meeting_get_for_agenda``.
    """
    cursor = meeting.starts_at
    segment_timings = []
    for segment in meeting.segments.all():
        segment_start = cursor
        slot_timings, inactive = [], []
        for slot in segment.slots.all():
            if slot.status in INACTIVE_SLOT_STATUSES:
                inactive.append(slot)
                continue
            speaking_end = cursor + datetime.timedelta(minutes=slot.speaking_minutes)
            planned_end = speaking_end + datetime.timedelta(minutes=slot.qa_minutes)
            slot_timings.append(
                SlotTiming(
                    slot=slot,
                    planned_start=cursor,
                    speaking_end=speaking_end,
                    planned_end=planned_end,
                    questions=list(slot.guiding_questions.all()),
                )
            )
            cursor = planned_end
        content_minutes = sum(timing.slot.total_minutes for timing in slot_timings)
        lasting = max(segment.allotted_minutes or 0, content_minutes)
        segment_end = segment_start + datetime.timedelta(minutes=lasting + segment.buffer_minutes)
        general = [q for q in segment.guiding_questions.all() if not q.addressed_slots.all()]
        segment_timings.append(
            SegmentTiming(
                segment=segment,
                planned_start=segment_start,
                planned_end=segment_end,
                content_minutes=content_minutes,
                slots=slot_timings,
                general_questions=general,
                inactive_slots=inactive,
            )
        )
        cursor = segment_end
    return AgendaTiming(meeting=meeting, segments=segment_timings, forecast_end=cursor)
