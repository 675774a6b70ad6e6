"""Published meetings as the API gives them: the meeting page's facts and agenda.

Every clock time comes from ``agenda.selectors.agenda_timing``, the cascade the meeting
page, its calendar and the documents read, written in ISO 8601 with the meeting's UTC
offset. A part or slot carries a forecast only while its sitting follows the room's
clock, as on the page. Only what the page shows a visitor is here: no connection
links, cue notes, e-mail addresses or declined slots.
"""

from django.urls import reverse

from agenda import public_page, selectors
from agenda.models import Meeting
from api.languages import translated
from cidi_meeting.labels import time_limit_label


def moment(value, tz):
    """Return an aware datetime in ISO 8601 with the UTC offset of ``tz``."""
    return value.astimezone(tz).isoformat() if value is not None else None


def api_url(request, name, **kwargs):
    return request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))


def person(record):
    """Return a person as the page names them: name with protocol title, and position."""
    if record is None:
        return None
    return {"name": record.display_name, **translated(record, "position")}


def published_meetings():
    """Return the published meetings, most recent first (one query)."""
    return selectors.meeting_list_published()


def meeting_summary(meeting, *, request):
    """Return what identifies a meeting and when and where it is held."""
    return {
        "slug": meeting.slug,
        "url": api_url(request, "meeting_detail", slug=meeting.slug),
        "page_url": request.build_absolute_uri(meeting.get_absolute_url()),
        **translated(meeting, "title"),
        "body": meeting.body,
        "kind": meeting.kind,
        "format": meeting.format,
        "date": meeting.date.isoformat(),
        "last_day": meeting.last_day.isoformat(),
        "starts_at": moment(meeting.starts_at, meeting.tzinfo),
        "time_zone": meeting.time_zone,
        **translated(meeting, "venue"),
    }


def meeting_for_api(*, slug):
    """Return the published meeting ``slug`` without its agenda (one query), or None."""
    return Meeting.objects.published().filter(slug=slug).first()


def _slot(timing, *, tz, is_live):
    slot = timing.slot
    live = {"forecast_start": None, "forecast_end": None, "live_state": None}
    if is_live:
        if timing.is_held:
            state = "held"
        elif timing.is_skipped:
            state = "skipped"
        elif timing.is_running:
            state = "speaking"
        else:
            state = "upcoming"
        live = {
            "forecast_start": moment(timing.forecast_start, tz),
            "forecast_end": moment(timing.forecast_end, tz),
            "live_state": state,
        }
    return {
        "id": slot.pk,
        "planned_start": moment(timing.planned_start, tz),
        "speaking_end": moment(timing.speaking_end, tz),
        "planned_end": moment(timing.planned_end, tz),
        "speaking_minutes": slot.speaking_minutes,
        "qa_minutes": slot.qa_minutes,
        "time_limit": str(time_limit_label(slot)),
        "speaker": person(slot.person),
        "representing": slot.representing_label,
        **live,
    }


def _question(question):
    return {
        "id": question.pk,
        **translated(question, "text"),
        "addressed_to": [slot.pk for slot in question.addressed],
    }


def _part(timing, *, tz, is_live):
    segment = timing.segment
    lead = person(segment.lead)
    if lead is not None:
        lead["role"] = segment.lead_role
        lead["role_label"] = str(segment.get_lead_role_display())
    return {
        "id": segment.pk,
        "session": segment.session_id,
        "kind": segment.kind,
        **translated(segment, "title"),
        **translated(segment, "description"),
        "planned_start": moment(timing.planned_start, tz),
        "planned_end": moment(timing.planned_end, tz),
        "minutes": timing.total_minutes,
        "forecast_start": moment(timing.forecast_start, tz) if is_live else None,
        "forecast_end": moment(timing.forecast_end, tz) if is_live else None,
        "lead": lead,
        "slots": [_slot(slot, tz=tz, is_live=is_live) for slot in timing.slots],
        "guiding_questions": [_question(q) for q in segment.guiding_questions.all()],
    }


def _session(sitting, *, tz):
    session = sitting.session
    return {
        "id": session.pk,
        **translated(session, "title"),
        "date": session.date.isoformat(),
        "room": session.room,
        "planned_start": moment(sitting.planned_start, tz),
        "planned_end": moment(public_page.sitting_end(sitting), tz),
        "chair": person(session.chair),
        "parts": [part.segment.pk for part in sitting.segments],
    }


def meeting_detail(agenda, timing, *, request):
    """Return a meeting with its sessions, parts, slots and questions at their clock times.

    ``agenda`` is loaded by ``selectors.meeting_get_for_agenda`` and ``timing`` is its
    ``selectors.agenda_timing``.
    """
    tz = agenda.tzinfo
    parts = [
        _part(part, tz=tz, is_live=sitting.is_live)
        for sitting in timing.sessions
        for part in sitting.segments
    ]
    sessions = [_session(s, tz=tz) for s in timing.sessions] if agenda.has_sessions else []
    return {
        **meeting_summary(agenda, request=request),
        "document_code": agenda.document_code,
        "planned_end": moment(timing.planned_end, tz),
        "is_live": timing.is_live,
        "forecast_end": moment(timing.forecast_end, tz) if timing.is_live else None,
        "chair": person(agenda.chair),
        **translated(agenda, "purpose"),
        **translated(agenda, "background"),
        "expected_outcomes": [
            {"id": outcome.pk, **translated(outcome, "text")}
            for outcome in agenda.expected_outcomes.all()
        ],
        "calendar_url": request.build_absolute_uri(
            reverse("agenda:meeting_ics", kwargs={"slug": agenda.slug})
        ),
        "sessions": sessions,
        "parts": parts,
    }
