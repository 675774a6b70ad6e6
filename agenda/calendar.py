"""iCalendar files of a meeting's agenda: the whole agenda, or one speaker's slot.

The agenda's file holds an event for the meeting as a whole, one for each part (breaks
and dialogues without speaker slots too) and one for each active speaker slot, at their
planned clock times in the meeting's time zone (with its VTIMEZONE).

Each event's UID names the record it comes from (``slot-12@<slug>.cidi-meeting``), never
its time, so a calendar that imports the file again moves the event instead of adding a
second one. Every event carries the agenda's revision as SEQUENCE and the time of its
last change as LAST-MODIFIED (both raised by ``agenda.revision``), so that calendar
programs know the newer copy; links start at ``settings.SITE_URL``.
"""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agenda import selectors
from agenda.enums import LeadRole, SlotStatus
from agenda.selectors import questions_for_slot
from cidi_meeting.labels import time_limit_label

PRODID = "-//OAS CIDI//CIDI meeting portal//EN"


def event_uid(kind, pk, meeting):
    return f"{kind}-{pk}@{meeting.slug}.cidi-meeting"


def page_url(meeting, anchor=""):
    """Return the full address of the meeting's public page (with ``#anchor``, if any)."""
    url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def _event(*, uid, meeting, start, end, summary, description, stamp, anchor=""):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.agenda_revision)
    if meeting.updated_at is not None:
        event.add("last-modified", meeting.updated_at)
    event.add("dtstart", start)
    # A part of no minutes has no end: RFC 5545 wants DTEND after DTSTART.
    if end > start:
        event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", page_url(meeting, anchor))
    return event


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


def meeting_event(timing, *, stamp):
    """Return the VEVENT of the whole meeting: from its start to its planned end.

    The planned end is the meeting's own (``end_time``) when set, else the end of its
    agenda; the description lists the parts at their clock times.
    """
    meeting = timing.meeting
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
    event = _event(
        uid=event_uid("meeting", meeting.pk, meeting),
        meeting=meeting,
        start=start,
        end=end,
        summary=meeting.title,
        description="\n".join(lines).strip(),
        stamp=stamp,
    )
    event.add("status", _status(meeting))
    return event


def part_event(*, meeting, segment_timing, stamp):
    """Return the VEVENT of one part of the agenda: a panel, a dialogue, a break."""
    segment = segment_timing.segment
    lines = [meeting.title]
    if segment.lead:
        lines.append(_lead_line(segment.get_lead_role_display(), segment.lead))
    if segment.description:
        lines += ["", segment.description]
    if segment_timing.slots:
        lines.append("")
        lines += [
            f"{item.planned_start:%H:%M} {slot_summary(item.slot)}" for item in segment_timing.slots
        ]
    if segment_timing.general_questions:
        lines += ["", _("Guiding questions:")]
        lines += [f"- {question.text}" for question in segment_timing.general_questions]
    event = _event(
        uid=event_uid("part", segment.pk, meeting),
        meeting=meeting,
        start=segment_timing.planned_start,
        end=segment_timing.planned_end,
        summary=segment.title,
        description="\n".join(lines),
        stamp=stamp,
        anchor=f"segment-{segment.pk}",
    )
    event.add("status", _status(meeting))
    return event


def slot_event(*, meeting, segment_timing, slot_timing, stamp, connection_link=False):
    """Return the VEVENT of one speaker slot at its planned clock times.

    ``connection_link`` adds the meeting's connection link to the description; only the
    speaker's own file carries it, never the public agenda.
    """
    slot = slot_timing.slot
    lines = [meeting.title, segment_timing.segment.title]
    questions = questions_for_slot(slot=slot, segment_timing=segment_timing)
    if questions:
        lines += ["", _("Guiding questions:")]
        lines += [f"- {question.text}" for question in questions]
    if connection_link and meeting.connection_link:
        lines += ["", _("Connection link: %(link)s") % {"link": meeting.connection_link}]
    event = _event(
        uid=event_uid("slot", slot.pk, meeting),
        meeting=meeting,
        start=slot_timing.planned_start,
        end=slot_timing.planned_end,
        summary=slot_summary(slot),
        description="\n".join(lines),
        stamp=stamp,
        anchor=f"segment-{segment_timing.segment.pk}",
    )
    event.add("status", "CONFIRMED" if slot.status == SlotStatus.CONFIRMED else "TENTATIVE")
    return event


def agenda_events(timing, *, stamp):
    """Return the VEVENTs of an agenda: the meeting, then each part followed by its slots.

    Only the meeting's event takes the time in a free/busy view; its parts and slots,
    which lie within it, are marked transparent.
    """
    meeting = timing.meeting
    events = [meeting_event(timing, stamp=stamp)]
    for segment_timing in timing.segments:
        events.append(part_event(meeting=meeting, segment_timing=segment_timing, stamp=stamp))
        events.extend(
            slot_event(
                meeting=meeting,
                segment_timing=segment_timing,
                slot_timing=slot_timing,
                stamp=stamp,
            )
            for slot_timing in segment_timing.slots
        )
    for event in events[1:]:
        event.add("transp", "TRANSPARENT")
    return events


def meeting_calendar(*, meeting, events):
    """Return a VCALENDAR of ``events`` named after the meeting, with its VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", meeting.title)
    calendar.add("x-wr-timezone", meeting.time_zone)
    for event in events:
        calendar.add_component(event)
    # Only the rules around the meeting's date: the full history makes the file heavy.
    calendar.add_missing_timezones(
        first_date=meeting.date - datetime.timedelta(days=366),
        last_date=meeting.date + datetime.timedelta(days=366),
    )
    # Some calendar programs read the time zones only when they come before the events.
    calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return calendar


def calendar_response(calendar, *, filename):
    """Return the calendar as a downloadable ``text/calendar`` file."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, slug):
    """Serve a meeting's agenda as an iCalendar file: the meeting, its parts and slots."""
    meeting = selectors.meeting_get_for_viewer(slug=slug, user=request.user)
    timing = selectors.agenda_timing(meeting)
    events = agenda_events(timing, stamp=timezone.now())
    return calendar_response(
        meeting_calendar(meeting=meeting, events=events), filename=f"{meeting.slug}.ics"
    )
