"""The run-of-show: the moderator's and chair's script with clock times, cues and questions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.enums import LeadRole, SegmentKind
from agenda.selectors import agenda_timing
from cidi_meeting.labels import (
    clock,
    delay_brief,
    is_late,
    local_clock,
    minutes_label,
    time_limit_label,
)
from documents import selectors
from documents.kinds.common import (
    meeting_header,
    minutes_between,
    person_line,
    recorded_until,
    slot_live,
)
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register
from speakers.enums import Attendance


def floor_cue(segment, slot):
    """Return the line the chair or moderator says to give the floor to the slot."""
    speaker = slot.person.display_name
    if slot.representing_label:
        speaker = _("%(name)s (%(representing)s)") % {
            "name": speaker,
            "representing": slot.representing_label,
        }
    if segment.lead is None:
        return _("The floor is given to %(speaker)s.") % {"speaker": speaker}
    if segment.lead_role == LeadRole.MODERATOR:
        return _("The moderator gives the floor to %(speaker)s.") % {"speaker": speaker}
    return _("The chair gives the floor to %(speaker)s.") % {"speaker": speaker}


def opening_cue(segment):
    """Return the cue of a part without speaker slots (a dialogue, a break)."""
    if segment.kind == SegmentKind.BREAK:
        return ""
    if segment.lead is None:
        cue = _("This part is opened.")
    elif segment.lead_role == LeadRole.MODERATOR:
        cue = _("The moderator opens this part.")
    else:
        cue = _("The chair opens this part.")
    if segment.accepts_floor_requests:
        cue += " " + _(
            "Delegations take the floor in the order of the list, %(minutes)s min each."
        ) % {"minutes": segment.floor_minutes}
    return cue


def run_of_show_item(segment, timing, *, meeting_start, general_questions, tz=None, live=False):
    """Return a slot's row; with ``live``, also its actual or forecast start (``tz``)."""
    slot = timing.slot
    item = {
        "start": clock(timing.planned_start),
        "questions_start": clock(timing.speaking_end) if slot.qa_minutes else "",
        "duration": time_limit_label(slot),
        "elapsed": minutes_between(meeting_start, timing.planned_end),
        "speaker": slot.person.display_name,
        "position": slot.person.position,
        "representing": slot.representing_label,
        "role": slot.get_role_display(),
        "floor_language": slot.get_floor_language_display(),
        "attendance": slot.get_attendance_display(),
        "is_remote": slot.attendance == Attendance.REMOTE,
        "cue": floor_cue(segment, slot),
        "cue_notes": slot.cue_notes,
        "general_questions": general_questions,
        "questions": [question.text for question in timing.questions],
        # What the speaker sent, newest first (prefetched with the slot).
        "statements": [
            {"name": statement.original_name, "kind": statement.kind.upper()}
            for statement in slot.statements.all()
        ],
    }
    if live:
        item["live"] = slot_live(timing, tz)
    return item


def run_of_show_part(part, *, meeting_start, tz=None, live=False):
    """Return a part's rows; with ``live``, also its forecast times (``tz``)."""
    segment = part.segment
    general = [question.text for question in part.general_questions]
    items = [
        run_of_show_item(
            segment,
            timing,
            meeting_start=meeting_start,
            general_questions=general if index == 0 else [],
            tz=tz,
            live=live,
        )
        for index, timing in enumerate(part.slots)
    ]
    # Time the part keeps beyond its speakers: an allotment, a buffer.
    spare_minutes = part.total_minutes - part.content_minutes
    spare_start = part.slots[-1].planned_end if part.slots else part.planned_start
    row = {
        "title": segment.title,
        "kind": segment.get_kind_display(),
        "is_break": segment.kind == SegmentKind.BREAK,
        "start": clock(part.planned_start),
        "end": clock(part.planned_end),
        "duration": minutes_label(part.total_minutes),
        "elapsed": minutes_between(meeting_start, part.planned_end),
        "lead": person_line(segment.lead),
        "lead_role": segment.get_lead_role_display() if segment.lead else "",
        "description": segment.description,
        "opening_cue": "" if items else opening_cue(segment),
        "questions": [] if items else general,
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


def run_of_show_content(meeting):
    """Return the moderator's script: one row per active slot, per part without slots.

    Once the live console has recorded a start (or a skip), each row also says where
    the room's clock puts it (the ``live`` keys); before that the script is the plan.
    """
    meeting = selectors.meeting_agenda(meeting=meeting)
    recorded = recorded_until(meeting)
    timing = agenda_timing(meeting, now=recorded)
    # Anything recorded (a start, or a skip before any start) puts the meeting live.
    live = recorded is not None
    start, tz = meeting.starts_at, meeting.tzinfo
    parts = [
        run_of_show_part(part, meeting_start=start, tz=tz, live=live) for part in timing.segments
    ]
    content = {
        "meeting": meeting_header(meeting),
        "starts": clock(start),
        "ends": clock(timing.planned_end),
        "total": minutes_label(minutes_between(start, timing.planned_end)),
        "speaker_count": sum(len(part["items"]) for part in parts),
        "parts": parts,
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


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.RUN_OF_SHOW,
        template_name="documents/run_of_show.html",
        default_orientation=Orientation.LANDSCAPE,
        description=gettext_lazy(
            "The moderator's and chair's script: clock times, speakers, cues and guiding questions."
        ),
        build=run_of_show_content,
    )
)
