"""The scenario: what the Chair and the moderators say and do, with clock times.

As the Chair of an OAS or UN meeting reads it at the podium: the opening (welcome, the
agenda, the moderators), each part's words, each speaker's floor words with the guiding
questions, cue, interpretation and connection notes, the dialogue's list of speakers, and
the closing tied to the expected outcomes. The standard words come from
``documents.kinds.scenario_words``; the meeting, its parts and slots may replace them per
language. The run-of-show (a landscape table) and the podium edition (large print, one
block per slot, ``documents.kinds.podium``) show this same content.
"""

from django.utils.translation import get_language, gettext_lazy

from agenda.enums import LeadRole, SegmentKind
from agenda.selectors import agenda_timing, questions_for_slot
from cidi_meeting.labels import (
    clock,
    delay_brief,
    is_late,
    local_clock,
    minutes_label,
    time_limit_label,
)
from documents import selectors
from documents.kinds import scenario_words as words
from documents.kinds.common import (
    meeting_header,
    minutes_between,
    person_line,
    recorded_until,
    session_heading,
    slot_live,
)
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register
from speakers.enums import Attendance


def slot_notes(slot, *, meeting, language):
    """Return a slot's interpretation and connection notes."""
    notes = words.interpretation(slot, language=language)
    notes["is_remote"] = slot.attendance == Attendance.REMOTE
    notes["connection"] = meeting.connection_link if notes["is_remote"] else ""
    return notes


def scenario_item(part, timing, *, meeting, language, tz=None, live=False, origin=None):
    """Return a slot's block; with ``live``, also its actual or forecast start (``tz``).

    ``origin`` is when its sitting starts (the meeting's start when not given): the
    cumulative minutes count from it.
    """
    origin = origin or meeting.starts_at
    segment, slot = part.segment, timing.slot
    item = {
        "start": clock(timing.planned_start),
        "questions_start": clock(timing.speaking_end) if slot.qa_minutes else "",
        "end": clock(timing.planned_end),
        "duration": time_limit_label(slot),
        "elapsed": minutes_between(origin, timing.planned_end),
        "speaker": slot.person.display_name,
        "position": slot.person.position,
        "representing": slot.representing_label,
        "role": slot.get_role_display(),
        "attendance": slot.get_attendance_display(),
        "floor_words": (
            words.edited_words(slot, "floor_words") or [words.floor_words(segment, meeting, slot)]
        ),
        "cue_notes": slot.cue_notes,
        # Addressed to this slot, and the part's general questions: on every row.
        "questions": [
            question.text for question in questions_for_slot(slot=slot, segment_timing=part)
        ],
        "notes": slot_notes(slot, meeting=meeting, language=language),
        # What the speaker sent, newest first (prefetched with the slot).
        "statements": [
            {"name": statement.original_name, "kind": statement.kind.upper()}
            for statement in slot.statements.all()
        ],
    }
    if live:
        item["live"] = slot_live(timing, tz)
    return item


def scenario_part(part, *, meeting, language, tz=None, live=False, origin=None):
    """Return a part's words and blocks; with ``live``, also its forecast times (``tz``).

    ``origin`` is when its sitting starts (see ``scenario_item``).
    """
    origin = origin or meeting.starts_at
    segment = part.segment
    slots = [timing.slot for timing in part.slots]
    items = [
        scenario_item(
            part, timing, meeting=meeting, language=language, tz=tz, live=live, origin=origin
        )
        for timing in part.slots
    ]
    # Time the part keeps beyond its speakers: an allotment, a buffer.
    spare_minutes = part.total_minutes - part.content_minutes
    spare_start = part.slots[-1].planned_end if part.slots else part.planned_start
    takes_floor_requests = segment.accepts_floor_requests
    row = {
        "title": segment.title,
        "kind": segment.get_kind_display(),
        "is_break": segment.kind == SegmentKind.BREAK,
        "start": clock(part.planned_start),
        "end": clock(part.planned_end),
        "duration": minutes_label(part.total_minutes),
        "elapsed": minutes_between(origin, part.planned_end),
        "lead": person_line(segment.lead),
        "lead_role": words.role_label(segment.lead_role, segment.lead) if segment.lead else "",
        "description": segment.description,
        "opening_words": words.edited_words(segment, "opening_words")
        or [
            words.part_opening_words(
                segment,
                meeting,
                speaking_minutes=max((slot.speaking_minutes for slot in slots), default=0),
                qa_minutes=max((slot.qa_minutes for slot in slots), default=0),
                has_speakers=bool(slots),
            )
        ],
        "late_note": words.edited_words(segment, "late_note")
        or [note for note in [words.late_note(segment, slots)] if note],
        # A part without speakers shows its general questions once, with its words.
        "questions": [] if items else [question.text for question in part.general_questions],
        "takes_floor_requests": takes_floor_requests,
        "floor_invitation": (
            words.floor_invitation(segment) if takes_floor_requests and not items else ""
        ),
        "items": items,
        "spare": (
            {"start": clock(spare_start), "duration": minutes_label(spare_minutes)}
            if items and spare_minutes > 0
            else None
        ),
    }
    if live:
        # A part opens with its first slot: when that started late (or is forecast to),
        # so does the part.
        starts = [timing.forecast_start for timing in part.slots if not timing.is_skipped]
        forecast_start = max([part.forecast_start, *starts[:1]])
        delay = round((forecast_start - part.planned_start).total_seconds() / 60)
        row["live"] = {
            "start": local_clock(forecast_start, tz),
            "end": local_clock(part.forecast_end, tz),
            "delay": delay_brief(delay),
            "is_late": is_late(delay),
        }
    return row


def scenario_opening(meeting, timing):
    """Return the Chair's opening: the edited words, else welcome, agenda and moderators."""
    moderated = [
        (part.segment.title, part.segment.lead)
        for part in timing.segments
        if part.segment.lead is not None
        and part.segment.lead_role == LeadRole.MODERATOR
        and part.segment.kind != SegmentKind.BREAK
    ]
    return {
        "start": clock(meeting.starts_at),
        "chair": person_line(meeting.chair),
        "role": words.role_name(LeadRole.CHAIR, meeting.chair),
        "words": words.edited_words(meeting, "opening_words")
        or words.opening_words(meeting, moderated),
    }


def scenario_closing(meeting, timing):
    """Return the Chair's closing: the summary against the expected outcomes, thanks, end.

    It starts at the meeting's planned end, or where a closing part that ends the
    agenda starts.
    """
    start = timing.planned_end
    if timing.segments and timing.segments[-1].segment.kind == SegmentKind.CLOSING:
        start = timing.segments[-1].planned_start
    outcomes = [outcome.text for outcome in meeting.expected_outcomes.all()]
    standard = words.closing_words(meeting, outcomes)
    edited = words.edited_words(meeting, "closing_words")
    return {
        "start": clock(start),
        "chair": person_line(meeting.chair),
        "is_edited": bool(edited),
        "words": edited or [standard["summary"]],
        "outcomes": outcomes,
        "after": [] if edited else standard["after"],
    }


def run_of_show_content(meeting, *, session=None):
    """Return the scenario: the opening, one block per active slot and part, the closing.

    Once the live console has recorded a start (or a skip), each row also says where
    the room's clock puts it (the ``live`` keys); before that the scenario is the plan.
    A meeting with sessions also has ``sessions``: each one's heading (day, times, room,
    chair) with its parts, whose cumulative minutes count from the session's start.
    ``session`` (a session's id) limits the scenario to that session: the opening only
    when it is the first, the closing only when it is the last. Call inside the
    document's language: the words are chosen in it.
    """
    meeting = selectors.meeting_agenda(meeting=meeting)
    recorded = recorded_until(meeting)
    timing = agenda_timing(meeting, now=recorded)
    # Anything recorded (a start, or a skip before any start) puts the meeting live.
    live = recorded is not None
    start, tz = meeting.starts_at, meeting.tzinfo
    language = get_language()
    if not meeting.has_sessions:
        parts = [
            scenario_part(part, meeting=meeting, language=language, tz=tz, live=live)
            for part in timing.segments
        ]
        return _scenario(meeting, timing, parts=parts, recorded=recorded, start=start)
    sittings = timing.sessions
    if session is not None:
        sittings = [sitting for sitting in sittings if sitting.session.pk == int(session)]
        if not sittings:
            raise ValueError(f"No session {session!r} in the meeting {meeting.slug!r}")
    sessions = []
    for sitting in sittings:
        heading = session_heading(sitting, meeting=meeting)
        heading["parts"] = [
            scenario_part(
                part,
                meeting=meeting,
                language=language,
                tz=tz,
                live=live,
                origin=sitting.planned_start,
            )
            for part in sitting.segments
        ]
        if live and sitting.is_live:
            heading["live"] = {
                "forecast_end": local_clock(sitting.forecast_end, tz),
                "delay": delay_brief(sitting.delay_minutes),
                "is_late": is_late(sitting.delay_minutes),
            }
        sessions.append(heading)
    parts = [part for heading in sessions for part in heading["parts"]]
    content = _scenario(meeting, timing, parts=parts, recorded=recorded, start=start)
    content["sessions"] = sessions
    # Minutes of sitting, not from the first morning to the last afternoon.
    sat = sum(minutes_between(s.planned_start, s.planned_end) for s in timing.sessions)
    content["total"] = minutes_label(sat)
    if session is not None:
        [only] = sittings
        content["session"] = sessions[0]
        content["starts"] = clock(only.planned_start)
        content["ends"] = clock(only.planned_end)
        content["total"] = minutes_label(minutes_between(only.planned_start, only.planned_end))
        # The closing's Chair is named with the opening's role.
        content["closing"]["role"] = content["opening"]["role"]
        if only is not timing.sessions[0]:
            content["opening"] = None
        if only is not timing.sessions[-1]:
            content["closing"] = None
    return content


def _scenario(meeting, timing, *, parts, recorded, start):
    """Return the scenario of ``parts`` (see ``run_of_show_content``)."""
    live = recorded is not None
    tz = meeting.tzinfo
    content = {
        "meeting": meeting_header(meeting),
        "starts": clock(start),
        "ends": clock(timing.planned_end),
        "total": minutes_label(minutes_between(start, timing.planned_end)),
        "speaker_count": sum(len(part["items"]) for part in parts),
        "opening": scenario_opening(meeting, timing),
        "parts": parts,
        "closing": scenario_closing(meeting, timing),
    }
    if live:
        items = [item["live"] for part in parts for item in part["items"]]
        delay = timing.delay_minutes
        content["live"] = {
            "recorded_until": local_clock(recorded, tz),
            "forecast_end": local_clock(timing.forecast_end, tz),
            "delay": delay_brief(delay),
            "held": sum(item["state"] == "held" for item in items),
            "skipped": sum(item["state"] == "skipped" for item in items),
            # The end row's cell, shaped like a slot's.
            "end": {
                "state": "forecast",
                "start": local_clock(timing.forecast_end, tz),
                "delay": delay_brief(delay),
                "is_late": is_late(delay),
            },
        }
    return content


scenario_content = run_of_show_content


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.RUN_OF_SHOW,
        template_name="documents/run_of_show.html",
        default_orientation=Orientation.LANDSCAPE,
        description=gettext_lazy(
            "The scenario the Chair and the moderators read from: clock times, the words "
            "to open each part and give the floor, guiding questions, interpretation and "
            "what to shorten when running late."
        ),
        build=run_of_show_content,
        has_sessions=True,
    )
)
