"""Reads of meetings and their agendas, shaped so each page runs a fixed number of queries."""

import functools
import hashlib

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from agenda import relations
from agenda.models import ExpectedOutcome, Meeting, MeetingSession, Segment, can_see_drafts

# The clock times of an agenda live in ``agenda.timing``; read here by the apps above.
from agenda.timing import (  # noqa: F401 - re-exported for the apps built on the agenda
    INACTIVE_SLOT_STATUSES,
    AgendaTiming,
    SegmentTiming,
    SessionTiming,
    SlotTiming,
    active_slots,
    agenda_timing,
    is_timed_whole,
    ordered_segments,
    overrun_minutes,
    questions_for_slot,
    timed_items,
)

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


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
    if meeting.has_sessions:
        # One more query, for meetings of several sittings only.
        prefetch_related_objects([meeting], session_prefetch())
    _link_questions_and_slots(meeting)
    return meeting


def session_prefetch():
    """Return the prefetch of a meeting's sessions in time order, with their chairs."""
    return Prefetch("sessions", queryset=MeetingSession.objects.select_related("chair"))


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
