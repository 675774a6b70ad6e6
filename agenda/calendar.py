"""iCalendar files of a meeting's agenda: the whole agenda, or one speaker's slot.

The agenda's file holds an event for the meeting as a whole, one for each part (breaks
and dialogues without speaker slots too) and one for each active speaker slot, at their
planned clock times in the meeting's time zone: one VTIMEZONE for the zone, and every
DTSTART and DTEND written as a local time with its TZID (UTC with a Z for a meeting held
in UTC), so that a reader sees the meeting's own clock. A meeting with sessions has an
event for each session (its title, its room and the venue) instead of the meeting's:
one event over several days would fill the nights of a free/busy view; its parts and
slots are at their session's times, in its room.

Each event's UID names the record it comes from (``slot-12@<slug>.cidi-meeting``), never
its time, so a calendar that imports the file again moves the event instead of adding a
second one. Every event carries the agenda's revision as SEQUENCE and the time of its
last change as LAST-MODIFIED (both raised by ``agenda.revision``), so that calendar
programs know the newer copy; links start at ``settings.SITE_URL``.

The file's lines are written by ``agenda.ical``.
"""

import dataclasses
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agenda import public_page, selectors
from agenda.enums import LeadRole, SlotStatus
from agenda.ical import CalendarFile, Event
from agenda.selectors import questions_for_slot
from agenda.sessions import sittings
from cidi_meeting.labels import time_limit_label


def event_uid(kind, pk, meeting):
    return f"{kind}-{pk}@{meeting.slug}.cidi-meeting"


def page_url(meeting, anchor=""):
    """Return the full address of the meeting's public page (with ``#anchor``, if any)."""
    url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


@dataclass(frozen=True)
class EventFacts:
    """What every event of a meeting's calendar repeats, read from the meeting once.

    A calendar of hundreds of events would otherwise read the meeting's translated title
    and venue, build its address and translate the same labels once per event.
    """

    meeting: object
    title: str
    page: str
    zone: zoneinfo.ZoneInfo
    # DTSTAMP, SEQUENCE, LAST-MODIFIED and LOCATION: the same on every event.
    shared_lines: tuple
    questions_heading: str

    @classmethod
    def read(cls, meeting, *, stamp):
        probe = Event(meeting.tzinfo)
        probe.add_utc("DTSTAMP", stamp)
        probe.add_value("SEQUENCE", meeting.agenda_revision)
        if meeting.updated_at is not None:
            probe.add_utc("LAST-MODIFIED", meeting.updated_at)
        if meeting.venue:
            probe.add_text("LOCATION", meeting.venue)
        return cls(
            meeting=meeting,
            title=meeting.title,
            page=page_url(meeting),
            zone=meeting.tzinfo,
            shared_lines=tuple(probe.lines),
            questions_heading=_("Guiding questions:"),
        )

    def in_session(self, session):
        """Return these facts for the events of ``session``: its room, then the venue."""
        location = session_location(session, self.meeting)
        lines = [line for line in self.shared_lines if not line.startswith("LOCATION:")]
        if location:
            probe = Event(self.zone)
            probe.add_text("LOCATION", location)
            lines += probe.lines
        return dataclasses.replace(self, shared_lines=tuple(lines))

    def event(self, *, kind, pk, start, end, summary, description, status, anchor=""):
        """Return the VEVENT of the record ``kind``/``pk`` with these times and texts."""
        event = Event(self.zone)
        event.add_text("UID", event_uid(kind, pk, self.meeting))
        event.lines.extend(self.shared_lines)
        event.add_local("DTSTART", start)
        # A part of no minutes has no end: RFC 5545 wants DTEND after DTSTART.
        if end > start:
            event.add_local("DTEND", end)
        event.add_text("SUMMARY", summary)
        event.add_text("DESCRIPTION", description)
        event.add_value("STATUS", status)
        event.add_value("URL", f"{self.page}#{anchor}" if anchor else self.page)
        return event


def session_location(session, meeting):
    """Return where a session is held: its room and the meeting's venue ("Room B, OAS")."""
    places = [session.room, meeting.venue]
    return ", ".join(dict.fromkeys(place for place in places if place))


def session_of(meeting, segment):
    """Return the session ``segment`` belongs to, or None in a meeting without sessions.

    Reads the sessions prefetched by ``selectors.meeting_get_for_agenda``.
    """
    if not meeting.has_sessions:
        return None
    found = sittings(meeting)
    return next((s for s in found if s.pk == segment.session_id), found[0])


def _status(meeting):
    return "CONFIRMED" if meeting.is_published else "TENTATIVE"


def _clock(start, end):
    return f"{start:%H:%M}–{end:%H:%M}"


def _lead_line(role, person):
    return _("%(role)s: %(name)s") % {"role": role, "name": person.display_name}


def slot_summary(slot):
    """Return how a slot is named in a calendar: who speaks, for whom, for how long."""
    names = {"speaker": slot.person.display_name, "time_limit": time_limit_label(slot)}
    if slot.representing_label:
        return _("%(representing)s — %(speaker)s (%(time_limit)s)") % {
            **names,
            "representing": slot.representing_label,
        }
    return _("%(speaker)s (%(time_limit)s)") % names


def meeting_event(timing, *, stamp, facts=None):
    """Return the VEVENT of the whole meeting: from its start to its planned end.

    The planned end is the meeting's own (``end_time``) when set, else the end of its
    agenda; the description lists the parts at their clock times. ``facts`` are the
    calendar's, when it has read them.
    """
    meeting = timing.meeting
    facts = facts or EventFacts.read(meeting, stamp=stamp)
    start = meeting.starts_at
    end = meeting.ends_at if meeting.ends_at and meeting.ends_at > start else timing.planned_end
    lines = []
    if meeting.chair:
        lines.append(_lead_line(LeadRole.CHAIR.label, meeting.chair))
    if timing.segments:
        lines.append("")
        lines += [
            f"{_clock(part.planned_start, part.planned_end)} {part.segment.title}"
            for part in timing.segments
        ]
    return facts.event(
        kind="meeting",
        pk=meeting.pk,
        start=start,
        end=end,
        summary=facts.title,
        description="\n".join(lines).strip(),
        status=_status(meeting),
    )


def session_event(sitting, *, meeting, stamp, facts=None):
    """Return the VEVENT of one session (a ``SessionTiming``): from its start to its end.

    Its end is the session's own planned end when set, else the end of its agenda
    (``public_page.sitting_end``); the description names the meeting, the session's
    chair and its parts at their clock times. ``facts`` are the session's, when the
    calendar has read them.
    """
    session = sitting.session
    facts = facts or EventFacts.read(meeting, stamp=stamp).in_session(session)
    lines = [facts.title]
    if session.chair:
        lines.append(_lead_line(LeadRole.CHAIR.label, session.chair))
    if sitting.segments:
        lines.append("")
        lines += [
            f"{_clock(part.planned_start, part.planned_end)} {part.segment.title}"
            for part in sitting.segments
        ]
    return facts.event(
        kind="session",
        pk=session.pk,
        start=sitting.planned_start,
        end=public_page.sitting_end(sitting),
        summary=session.title,
        description="\n".join(lines),
        status=_status(meeting),
        anchor=f"session-{session.pk}",
    )


def part_event(*, meeting, segment_timing, stamp, facts=None, summaries=None):
    """Return the VEVENT of one part of the agenda: a panel, a dialogue, a break.

    ``facts`` and the part's ``summaries`` (``slot_summary`` of each of its slots, in
    order) are the calendar's, when it has them.
    """
    facts = facts or EventFacts.read(meeting, stamp=stamp)
    if summaries is None:
        summaries = [slot_summary(item.slot) for item in segment_timing.slots]
    segment = segment_timing.segment
    lines = [facts.title]
    if segment.lead:
        lines.append(_lead_line(segment.get_lead_role_display(), segment.lead))
    if segment.description:
        lines += ["", segment.description]
    if segment_timing.slots:
        lines.append("")
        lines += [
            f"{item.planned_start:%H:%M} {summary}"
            for item, summary in zip(segment_timing.slots, summaries, strict=True)
        ]
    if segment_timing.general_questions:
        lines += ["", facts.questions_heading]
        lines += [f"- {question.text}" for question in segment_timing.general_questions]
    return facts.event(
        kind="part",
        pk=segment.pk,
        start=segment_timing.planned_start,
        end=segment_timing.planned_end,
        summary=segment.title,
        description="\n".join(lines),
        status=_status(meeting),
        anchor=f"segment-{segment.pk}",
    )


def slot_event(
    *,
    meeting,
    segment_timing,
    slot_timing,
    stamp,
    connection_link=False,
    facts=None,
    summary=None,
    part_title=None,
):
    """Return the VEVENT of one speaker slot at its planned clock times.

    ``connection_link`` adds the connection link to the description (the session's, else
    the meeting's); only the speaker's own file carries it, never the public agenda.
    ``facts``, the slot's ``summary`` and its ``part_title`` are the calendar's, when it
    has them; without them, a slot of a session is placed in its session's room.
    """
    slot = slot_timing.slot
    segment = segment_timing.segment
    session = session_of(meeting, segment) if facts is None or connection_link else None
    if facts is None:
        facts = EventFacts.read(meeting, stamp=stamp)
        if session is not None:
            facts = facts.in_session(session)
    lines = [facts.title, segment.title if part_title is None else part_title]
    if session is not None and part_title is None:
        lines.insert(1, session.title)
    questions = questions_for_slot(slot=slot, segment_timing=segment_timing)
    if questions:
        lines += ["", facts.questions_heading]
        lines += [f"- {question.text}" for question in questions]
    link = (session.connection_link if session is not None else "") or meeting.connection_link
    if connection_link and link:
        lines += ["", _("Connection link: %(link)s") % {"link": link}]
    return facts.event(
        kind="slot",
        pk=slot.pk,
        start=slot_timing.planned_start,
        end=slot_timing.planned_end,
        summary=slot_summary(slot) if summary is None else summary,
        description="\n".join(lines),
        status="CONFIRMED" if slot.status == SlotStatus.CONFIRMED else "TENTATIVE",
        anchor=f"segment-{segment.pk}",
    )


def agenda_events(timing, *, stamp):
    """Return the VEVENTs of an agenda: the meeting, then each part followed by its slots.

    Only the meeting's event takes the time in a free/busy view; its parts and slots,
    which lie within it, are marked transparent. The meeting's facts, each part's title
    and each slot's summary are read once for all the events that show them. A meeting
    with sessions has each session's event, followed by its parts and slots, instead of
    the meeting's (``session_events``).
    """
    meeting = timing.meeting
    facts = EventFacts.read(meeting, stamp=stamp)
    if meeting.has_sessions:
        return session_events(timing, stamp=stamp, facts=facts)
    events = [meeting_event(timing, stamp=stamp, facts=facts)]
    events += _part_and_slot_events(timing.segments, meeting=meeting, stamp=stamp, facts=facts)
    return events


def session_events(timing, *, stamp, facts):
    """Return the VEVENTs of a meeting with sessions: each session, its parts and slots.

    Sessions take the time in a free/busy view; their parts and slots are transparent.
    Every event of a session is in its room (LOCATION: the room, then the venue).
    """
    meeting = timing.meeting
    events = []
    for sitting in timing.sessions:
        session_facts = facts.in_session(sitting.session)
        events.append(session_event(sitting, meeting=meeting, stamp=stamp, facts=session_facts))
        events += _part_and_slot_events(
            sitting.segments, meeting=meeting, stamp=stamp, facts=session_facts
        )
    return events


def _part_and_slot_events(segment_timings, *, meeting, stamp, facts):
    """Return the transparent VEVENTs of ``segment_timings``: each part, then its slots."""
    events = []
    for segment_timing in segment_timings:
        summaries = [slot_summary(item.slot) for item in segment_timing.slots]
        part = part_event(
            meeting=meeting,
            segment_timing=segment_timing,
            stamp=stamp,
            facts=facts,
            summaries=summaries,
        )
        part.add_value("TRANSP", "TRANSPARENT")
        events.append(part)
        part_title = segment_timing.segment.title
        for slot_timing, summary in zip(segment_timing.slots, summaries, strict=True):
            event = slot_event(
                meeting=meeting,
                segment_timing=segment_timing,
                slot_timing=slot_timing,
                stamp=stamp,
                facts=facts,
                summary=summary,
                part_title=part_title,
            )
            event.add_value("TRANSP", "TRANSPARENT")
            events.append(event)
    return events


def meeting_calendar(*, meeting, events):
    """Return a VCALENDAR of ``events`` named after the meeting, with its VTIMEZONE."""
    return CalendarFile(meeting=meeting, events=events)


def meeting_calendar_bytes(meeting, *, stamp=None, timing=None):
    """Return the iCalendar file of the meeting's whole agenda, as bytes.

    ``meeting`` comes with its agenda prefetched (``selectors.meeting_get_for_agenda``),
    ``timing`` with it when the caller has it; ``stamp`` (the events' DTSTAMP) defaults
    to now.
    """
    timing = timing or selectors.agenda_timing(meeting)
    events = agenda_events(timing, stamp=stamp or timezone.now())
    return meeting_calendar(meeting=meeting, events=events).to_ical()


def calendar_response(calendar, *, filename):
    """Return the calendar (a ``CalendarFile`` or its bytes) as a ``text/calendar`` file."""
    content = calendar if isinstance(calendar, bytes) else calendar.to_ical()
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, slug):
    """Serve a meeting's agenda as an iCalendar file: the meeting, its parts and slots.

    From the cache, like the meeting's page (``agenda.public_page``): the file changes
    with the agenda's revision and live state, the language and the site's address.
    """
    meeting = public_page.meeting_for_page(slug=slug, user=request.user)
    if meeting is None:
        raise Http404("No such meeting.")

    def build(agenda, timing, viewer):
        return meeting_calendar_bytes(agenda, timing=timing)

    content = public_page.cached_for_meeting(
        "agenda.ics", meeting, user=request.user, build=build, extra=(settings.SITE_URL,)
    )
    return calendar_response(content, filename=f"{meeting.slug}.ics")
