"""iCalendar files of a meeting's agenda: the whole agenda, or one speaker's slot.

Each event's UID names the record it comes from (``slot-12@<slug>.cidi-meeting``), never
its time, so a calendar that imports the file again moves the event instead of adding a
second one.
"""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agenda import selectors
from agenda.enums import SegmentKind, SlotStatus
from agenda.selectors import questions_for_slot
from cidi_meeting.labels import time_limit_label

PRODID = "-//OAS CIDI//CIDI meeting portal//EN"


def event_uid(kind, pk, meeting):
    return f"{kind}-{pk}@{meeting.slug}.cidi-meeting"


def _event(*, uid, meeting, start, end, summary, description, stamp):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", settings.SITE_URL.rstrip("/") + meeting.get_absolute_url())
    return event


def slot_event(*, meeting, segment_timing, slot_timing, stamp, connection_link=False):
    """Return the VEVENT of one speaker slot at its planned clock times.

    ``connection_link`` adds the meeting's connection link to the description; only the
    speaker's own file carries it, never the public agenda.
    """
    slot = slot_timing.slot
    names = {"speaker": slot.person.display_name, "time_limit": time_limit_label(slot)}
    if slot.representing_label:
        summary = _("%(representing)s — %(speaker)s (%(time_limit)s)") % {
            **names,
            "representing": slot.representing_label,
        }
    else:
        summary = _("%(speaker)s (%(time_limit)s)") % names
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
        summary=summary,
        description="\n".join(lines),
        stamp=stamp,
    )
    event.add("status", "CONFIRMED" if slot.status == SlotStatus.CONFIRMED else "TENTATIVE")
    return event


def break_event(*, meeting, segment_timing, stamp):
    """Return the VEVENT of a break in the agenda."""
    segment = segment_timing.segment
    return _event(
        uid=event_uid("break", segment.pk, meeting),
        meeting=meeting,
        start=segment_timing.planned_start,
        end=segment_timing.planned_end,
        summary=segment.title,
        description="\n".join(filter(None, [meeting.title, segment.description])),
        stamp=stamp,
    )


def agenda_events(timing, *, stamp):
    """Return the VEVENTs of an agenda: every active slot and every break, in order."""
    events = []
    for segment_timing in timing.segments:
        if segment_timing.segment.kind == SegmentKind.BREAK:
            events.append(
                break_event(meeting=timing.meeting, segment_timing=segment_timing, stamp=stamp)
            )
        events.extend(
            slot_event(
                meeting=timing.meeting,
                segment_timing=segment_timing,
                slot_timing=slot_timing,
                stamp=stamp,
            )
            for slot_timing in segment_timing.slots
        )
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
    """Serve a meeting's agenda as an iCalendar file: its slots and breaks at clock times."""
    meeting = selectors.meeting_get_for_viewer(slug=slug, user=request.user)
    timing = selectors.agenda_timing(meeting)
    events = agenda_events(timing, stamp=timezone.now())
    return calendar_response(
        meeting_calendar(meeting=meeting, events=events), filename=f"{meeting.slug}.ics"
    )
