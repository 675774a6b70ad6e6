"""Writes to meetings, their segments, speaker slots and guiding questions.

Every edit of an existing record goes through ``save_versioned`` (a stale form is refused
with an ``EditConflict``) and is recorded by django-simple-history. After each change
the agenda is checked to still end on the day it starts.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda import checks, relations
from agenda.enums import MeetingStatus
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment
from cidi_meeting.ordering import moved, next_position, renumber
from cidi_meeting.versioning import save_versioned

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


def agenda_check_fits_day(*, meeting):
    """Raise ValidationError when the agenda breaks a rule (see ``agenda.checks``)."""
    return checks.agenda_check(meeting=meeting)


def _apply(instance, data):
    for name, value in data.items():
        setattr(instance, name, value)


# Meetings ------------------------------------------------------------------------------


def _outcome_texts(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sync_expected_outcomes(meeting, texts):
    existing = list(meeting.expected_outcomes.order_by("order", "pk"))
    for order, text in enumerate(texts, start=1):
        if order <= len(existing):
            outcome = existing[order - 1]
            if (outcome.order, outcome.text) != (order, text):
                outcome.order, outcome.text = order, text
                outcome.save()
        else:
            ExpectedOutcome.objects.create(meeting=meeting, order=order, text=text)
    for outcome in existing[len(texts) :]:
        outcome.delete()


@transaction.atomic
def meeting_create(*, data, expected_outcomes=""):
    """Create a meeting (draft unless said otherwise) with its expected outcomes."""
    meeting = Meeting.objects.create(**data)
    _sync_expected_outcomes(meeting, _outcome_texts(expected_outcomes))
    return meeting


@transaction.atomic
def meeting_update(*, meeting, data, expected_version, expected_outcomes=None):
    """Save the meeting's fields if nobody changed it since ``expected_version``.

    Side effects: history records; the agenda is re-checked against midnight.
    """
    _apply(meeting, data)
    save_versioned(meeting, expected_version=expected_version)
    if expected_outcomes is not None:
        _sync_expected_outcomes(meeting, _outcome_texts(expected_outcomes))
    agenda_check_fits_day(meeting=meeting)
    return meeting


# Sessions ------------------------------------------------------------------------------


def _check_session_date(meeting, session):
    if meeting.date <= session.date <= meeting.last_day:
        return
    raise ValidationError(
        {
            "date": _(
                "The meeting runs from %(first)s to %(last)s: choose a day in between, or "
                "change the meeting's days first."
            )
            % {
                "first": date_format(meeting.date, "DATE_FORMAT"),
                "last": date_format(meeting.last_day, "DATE_FORMAT"),
            }
        }
    )


def _first_session_title():
    """Return "First session" in every language, for the title's columns."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[f"title_{code}"] = _("First session")
    return titles


def _sync_meeting_start(meeting):
    """Make the meeting start when its earliest session does (reminders, the calendar)."""
    first = MeetingSession.objects.filter(meeting=meeting).order_by("date", "start_time").first()
    if first is not None and first.start_time != meeting.start_time:
        Meeting.objects.filter(pk=meeting.pk).update(start_time=first.start_time)
        meeting.start_time = first.start_time


@transaction.atomic
def session_create(*, meeting, data):
    """Add a session to the meeting.

    The first session added to a meeting without sessions comes after the meeting's own
    sitting, which becomes a session too ("First session", with the meeting's date, start
    time, planned end and venue) and keeps its parts. Side effects: history records; the
    meeting starts when its earliest session does; the agenda is re-checked.
    """
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not MeetingSession.objects.filter(meeting=meeting).exists():
        first = MeetingSession.objects.create(
            meeting=meeting,
            date=meeting.date,
            start_time=meeting.start_time,
            end_time=meeting.end_time,
            room=meeting.venue,
            chair_id=meeting.chair_id,
            **_first_session_title(),
        )
        Segment.objects.filter(meeting=meeting, session__isnull=True).update(session=first)
    session = MeetingSession(meeting=meeting)
    _apply(session, data)
    _check_session_date(meeting, session)
    session.save()
    _sync_meeting_start(meeting)
    agenda_check_fits_day(meeting=meeting)
    return session


@transaction.atomic
def session_update(*, session, data, expected_version):
    """Save the session if nobody changed it since ``expected_version``; re-check the agenda."""
    _apply(session, data)
    _check_session_date(session.meeting, session)
    save_versioned(session, expected_version=expected_version)
    _sync_meeting_start(session.meeting)
    agenda_check_fits_day(meeting=session.meeting)
    return session


@transaction.atomic
def session_delete(*, session):
    """Delete an empty session; refuse one that still has parts (they would be lost)."""
    meeting = session.meeting
    parts = session.segments.count()
    if parts:
        raise ValidationError(
            translation.ngettext(
                "The session “%(session)s” still has %(count)d part: move it to another "
                "session or delete it first.",
                "The session “%(session)s” still has %(count)d parts: move them to another "
                "session or delete them first.",
                parts,
            )
            % {"session": session.title, "count": parts}
        )
    session.delete()
    _sync_meeting_start(meeting)
    return meeting


# Segments ------------------------------------------------------------------------------


@transaction.atomic
def segment_create(*, meeting, data):
    """Add a segment at the end of the meeting's agenda (of the last session, if none said)."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not data.get("session"):
        last = MeetingSession.objects.filter(meeting=meeting).order_by("date", "start_time")
        data = {**data, "session": last.last()}
    segment = Segment.objects.create(
        meeting=meeting, order=next_position(meeting.segments.all()), **data
    )
    agenda_check_fits_day(meeting=meeting)
    return segment


@transaction.atomic
def segment_update(*, segment, data, expected_version):
    _apply(segment, data)
    save_versioned(segment, expected_version=expected_version)
    agenda_check_fits_day(meeting=segment.meeting)
    return segment


@transaction.atomic
def segment_delete(*, segment):
    """Delete a segment with its slots and questions."""
    meeting = segment.meeting
    segment.slots.all().delete()
    segment.delete()
    return meeting


@transaction.atomic
def segment_move(*, segment, direction):
    """Move a segment one place up or down among its session's; lock the meeting meanwhile.

    In a meeting with sessions the part swaps with its neighbour in the same session (the
    parts of other sessions keep their places); at either end of its session it stays.
    Side effects: the rows renumbered grow their version.
    """
    Meeting.objects.select_for_update().get(pk=segment.meeting_id)
    segments = list(Segment.objects.filter(meeting_id=segment.meeting_id).order_by("order", "pk"))
    session_id = next(
        (other.session_id for other in segments if other.pk == segment.pk), segment.session_id
    )
    # The session's parts, swapped among themselves, take back the places they held.
    swapped = iter(moved([s for s in segments if s.session_id == session_id], segment, direction))
    renumber([next(swapped) if s.session_id == session_id else s for s in segments])
    return segment


# Slots ------------------------------------------------------------------------------


@transaction.atomic
def slot_create(*, segment, data, guiding_questions=()):
    """Add a speaker slot at the end of the segment."""
    Segment.objects.select_for_update().get(pk=segment.pk)
    data = {key: value for key, value in data.items() if key != "segment"}
    slot = SpeakerSlot.objects.create(
        segment=segment, order=next_position(segment.slots.all()), **data
    )
    slot.guiding_questions.set(guiding_questions)
    agenda_check_fits_day(meeting=segment.meeting)
    return slot


@transaction.atomic
def slot_update(*, slot, data, expected_version, guiding_questions=None):
    """Save the slot if nobody changed it since ``expected_version``.

    A new ``segment`` in ``data`` moves the slot to the end of that segment. Side
    effects: history records; the agenda is re-checked against midnight.
    """
    old_segment_id = slot.segment_id
    _apply(slot, data)
    if slot.segment_id != old_segment_id:
        # Lock both segments in a fixed order so concurrent moves cannot deadlock.
        list(
            Segment.objects.select_for_update()
            .filter(pk__in=[old_segment_id, slot.segment_id])
            .order_by("pk")
        )
        slot.order = next_position(SpeakerSlot.objects.filter(segment_id=slot.segment_id))
    save_versioned(slot, expected_version=expected_version)
    if guiding_questions is not None:
        slot.guiding_questions.set(guiding_questions)
    if slot.segment_id != old_segment_id:
        renumber(
            list(SpeakerSlot.objects.filter(segment_id=old_segment_id).order_by("order", "pk"))
        )
    agenda_check_fits_day(meeting=slot.segment.meeting)
    return slot


@transaction.atomic
def slot_delete(*, slot):
    segment = slot.segment
    slot.delete()
    renumber(list(segment.slots.order_by("order", "pk")))
    return segment


@transaction.atomic
def slot_move(*, slot, direction):
    """Move a slot one place up or down within its segment (keyboard reordering)."""
    Segment.objects.select_for_update().get(pk=slot.segment_id)
    slots = SpeakerSlot.objects.filter(segment_id=slot.segment_id).order_by("order", "pk")
    renumber(moved(slots, slot, direction))
    return slot


class ReorderConflict(Exception):
    """The segment's slots changed since the page showed them."""


@transaction.atomic
def slots_reorder(*, segment, slot_ids):
    """Make ``slot_ids`` the segment's slots, in that order (drag and drop).

    A slot from another segment of the same meeting moves here; its old segment is
    renumbered. The segments involved are locked while positions are rewritten. Raises
    ``ReorderConflict`` when the list does not match what is stored (someone added or
    removed a slot meanwhile).
    """
    slot_ids = [int(pk) for pk in slot_ids]
    moving = list(
        SpeakerSlot.objects.filter(pk__in=slot_ids, segment__meeting_id=segment.meeting_id)
    )
    segment_ids = sorted({segment.pk, *(slot.segment_id for slot in moving)})
    list(Segment.objects.select_for_update().filter(pk__in=segment_ids).order_by("pk"))
    current = set(SpeakerSlot.objects.filter(segment=segment).values_list("pk", flat=True))
    moving = {slot.pk: slot for slot in SpeakerSlot.objects.filter(pk__in=slot_ids)}
    if len(moving) != len(slot_ids) or not current <= set(slot_ids):
        raise ReorderConflict
    for order, pk in enumerate(slot_ids, start=1):
        slot = moving[pk]
        if slot.segment_id != segment.pk or slot.order != order:
            slot.segment_id, slot.order = segment.pk, order
            slot.version += 1
            slot.save(update_fields=["segment", "order", "version"])
    for other in segment_ids:
        if other != segment.pk:
            renumber(list(SpeakerSlot.objects.filter(segment_id=other).order_by("order", "pk")))
    agenda_check_fits_day(meeting=segment.meeting)
    return segment


# Guiding questions ------------------------------------------------------------------


@transaction.atomic
def question_create(*, segment, text, addressed_slots=()):
    question = GuidingQuestion.objects.create(
        segment=segment, order=next_position(segment.guiding_questions.all()), text=text
    )
    question.addressed_slots.set(addressed_slots)
    return question


@transaction.atomic
def question_update(*, question, text, expected_version, addressed_slots=None):
    question.text = text
    save_versioned(question, expected_version=expected_version)
    if addressed_slots is not None:
        question.addressed_slots.set(addressed_slots)
    return question


@transaction.atomic
def question_delete(*, question):
    segment = question.segment
    question.delete()
    renumber(list(segment.guiding_questions.order_by("order", "pk")))
    return segment


# Publishing ----------------------------------------------------------------------------


@transaction.atomic
def meeting_publish(*, meeting, expected_version):
    """Publish the meeting: its agenda becomes public and delegations can register.

    Whatever ``agenda.publishing.publish_checklist`` warns about is the secretariat's
    call; nothing is refused here. Side effects: a history record.
    """
    meeting.status = MeetingStatus.PUBLISHED
    return save_versioned(meeting, expected_version=expected_version, update_fields=["status"])


@transaction.atomic
def meeting_unpublish(*, meeting, expected_version):
    """Take the meeting back to a draft, seen by the secretariat only."""
    meeting.status = MeetingStatus.DRAFT
    return save_versioned(meeting, expected_version=expected_version, update_fields=["status"])
