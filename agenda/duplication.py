"""Start the next meeting from this one: CIDI meets regularly, with the same shape.

The copy keeps the agenda (sessions, parts, speaker slots, guiding questions and which slots they
are addressed to, expected outcomes) and the settings (time zone, format, venue, quotas,
order of precedence, every language's texts), moves the date and the deadlines by the
same number of days, and starts over what belongs to one meeting only: it is a draft,
speakers have neither been invited nor confirmed, nothing was timed in the room, no lot
was drawn, no concept note or statement is attached. Apps built on the agenda copy their
own records through ``register`` (the reminders app copies its rules).
"""

import datetime

from django.db import transaction

from agenda import relations
from agenda.enums import MeetingStatus
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment

_copiers = []

# Never copied: what identifies a record, what belongs to one meeting's history.
_NOT_COPIED = {"id", "version", "created_at", "updated_at"}
_MEETING_RESET = {
    "status",
    "lot_seed",
    "lot_drawn_at",
    "concept_note",
    "agenda_revision",
    # Counted again as the sessions are copied.
    "session_count",
}
_SLOT_RESET = {
    "status",
    "delivered_at",
    "actual_start",
    "qa_started_at",
    "actual_end",
    "paused_seconds",
    "skipped_at",
}


def register(copier):
    """Copy more records with each meeting: ``copier(source=, copy=, days=)``."""
    _copiers.append(copier)
    return copier


def copy_values(instance, *, skip=()):
    """Return the stored values of ``instance`` (every language's column) for a copy."""
    left_out = _NOT_COPIED | set(skip)
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in left_out and field.attname not in left_out
    }


def _shifted(value, days):
    return value + datetime.timedelta(days=days) if value is not None else None


@transaction.atomic
def meeting_duplicate(*, meeting, title, slug, date):
    """Create a draft meeting on ``date`` with the agenda and settings of ``meeting``.

    ``title`` replaces the title in the language it was typed in; the other languages'
    titles are cleared when it differs from the original (they would name the old one).
    Side effects: the copies of other apps' records (``register``).
    """
    days = (date - meeting.date).days
    values = copy_values(meeting, skip=_MEETING_RESET | {"slug", "date"})
    values["end_date"] = _shifted(values["end_date"], days)
    for name in ("registration_deadline", "practice_deadline", "speaker_confirmation_deadline"):
        values[name] = _shifted(values[name], days)
    copy = Meeting(**values, slug=slug, date=date, status=MeetingStatus.DRAFT)
    if title != meeting.title:
        for name in list(values):
            if name.startswith("title_"):
                setattr(copy, name, "")
        copy.title = title
    copy.save()
    for outcome in meeting.expected_outcomes.all():
        ExpectedOutcome.objects.create(**{**copy_values(outcome), "meeting_id": copy.pk})
    sessions = {}
    for session in meeting.sessions.order_by("date", "start_time", "pk"):
        values = copy_values(session)
        values.update(meeting_id=copy.pk, date=_shifted(session.date, days))
        sessions[session.pk] = MeetingSession.objects.create(**values).pk
    slot_model = relations.speaker_slot_model()
    for segment in meeting.segments.order_by("order", "pk"):
        values = {**copy_values(segment), "meeting_id": copy.pk}
        values["session_id"] = sessions.get(segment.session_id)
        segment_copy = Segment.objects.create(**values)
        questions = {}
        for question in segment.guiding_questions.order_by("order", "pk"):
            questions[question.pk] = GuidingQuestion.objects.create(
                **{**copy_values(question), "segment_id": segment_copy.pk}
            )
        for slot in slot_model.objects.filter(segment=segment).prefetch_related(
            "guiding_questions"
        ):
            slot_copy = slot_model.objects.create(
                **{**copy_values(slot, skip=_SLOT_RESET), "segment_id": segment_copy.pk}
            )
            addressed = [questions[q.pk] for q in slot.guiding_questions.all() if q.pk in questions]
            if addressed:
                slot_copy.guiding_questions.set(addressed)
    for copier in _copiers:
        copier(source=meeting, copy=copy, days=days)
    return copy
