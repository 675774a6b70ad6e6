"""The one-page agenda for delegates: when and where, the parts, speakers, questions, outcomes.

It is public (anyone who may see the meeting downloads it), so it shows the plan only,
never what the live console recorded, and not the connection link: the meeting page
gives that to signed-in participants alone; the agenda says where to find it.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.enums import MeetingFormat
from agenda.selectors import agenda_timing
from cidi_meeting.labels import clock, minutes_label, shown_language, time_limit_label
from documents import selectors
from documents.kinds.common import meeting_header, minutes_between, session_heading
from documents.kinds.scenario_words import role_label
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register


def speaker_affiliation(slot):
    """Return the delegation or organization a speaker speaks for ("Panama", "ECLAC")."""
    if slot.representing_label:
        return slot.representing_label
    person = slot.person
    affiliation = (person.member_state_id and person.member_state) or (
        person.organization_id and person.organization
    )
    return str(affiliation) if affiliation else ""


def question_entry(question, speakers):
    """Return a guiding question with those it is addressed to, if only some speakers.

    ``speakers`` maps the part's slots by pk (their people are loaded with them).
    """
    addressed = [speakers.get(slot.pk, slot) for slot in question.addressed]
    return {
        "text": question.text,
        "lang": shown_language(question, "text"),
        "addressed_to": ", ".join(
            slot.representing_label or slot.person.display_name for slot in addressed
        ),
    }


def agenda_part(part):
    """Return a part of the agenda: its clock times, lead, speakers and questions."""
    segment = part.segment
    speakers = {slot.pk: slot for slot in segment.slots.all()}
    return {
        "title": segment.title,
        "start": clock(part.planned_start),
        "end": clock(part.planned_end),
        "lead": segment.lead.display_name if segment.lead else "",
        "lead_role": role_label(segment.lead_role, segment.lead) if segment.lead else "",
        "floor": (
            _("Delegations take the floor in turn, up to %(limit)s each.")
            % {"limit": minutes_label(segment.floor_minutes)}
            if segment.accepts_floor_requests
            else ""
        ),
        # A part without speakers is told by its description (a dialogue).
        "description": "" if part.slots else segment.description,
        "speakers": [
            {
                "start": clock(timing.planned_start),
                "end": clock(timing.planned_end),
                "name": timing.slot.person.display_name,
                "affiliation": speaker_affiliation(timing.slot),
                "limit": time_limit_label(timing.slot),
            }
            for timing in part.slots
        ],
        "questions": [
            question_entry(question, speakers) for question in segment.guiding_questions.all()
        ],
    }


def remote_access(meeting):
    """Return how delegates taking part remotely connect, without the link itself."""
    if meeting.format == MeetingFormat.IN_PERSON:
        return None
    return {
        "text": _(
            "Taking part remotely? The connection link is on the meeting page once you "
            "are signed in:"
        ),
        "address": settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
    }


def public_agenda_content(meeting):
    """Return the planned agenda of the meeting as delegates read it, on one page."""
    meeting = selectors.meeting_agenda(meeting=meeting)
    # Planned times only: the forecast of a running meeting is not for this document.
    timing = agenda_timing(meeting)
    start = meeting.starts_at
    content = {
        "meeting": meeting_header(meeting),
        "starts": clock(start),
        "ends": clock(timing.planned_end),
        "total": minutes_label(minutes_between(start, timing.planned_end)),
        "remote": remote_access(meeting),
        "parts": [agenda_part(part) for part in timing.segments],
        "outcomes": [outcome.text for outcome in meeting.expected_outcomes.all()],
    }
    if meeting.has_sessions:
        # By session: its day, times, room and chair above its parts.
        sessions = []
        for sitting in timing.sessions:
            heading = session_heading(sitting, meeting=meeting)
            heading["parts"] = [agenda_part(part) for part in sitting.segments]
            sessions.append(heading)
        content["sessions"] = sessions
        sat = sum(minutes_between(s.planned_start, s.planned_end) for s in timing.sessions)
        content["total"] = minutes_label(sat)
    return content


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.PUBLIC_AGENDA,
        template_name="documents/public_agenda.html",
        default_orientation=Orientation.PORTRAIT,
        description=gettext_lazy(
            "The agenda on one page: times, venue, parts, speakers, questions and outcomes."
        ),
        build=public_agenda_content,
        is_public=True,
    )
)
