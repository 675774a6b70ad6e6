"""What several documents show alike: the header, names, sorting, the room's actual times."""

import unicodedata

from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda.models import Segment
from agenda.public_page import sitting_end
from agenda.selectors import INACTIVE_SLOT_STATUSES
from cidi_meeting.labels import (
    clock,
    delay_brief,
    is_late,
    local_clock,
)
from speakers.models import SpeakerSlot

CHART_LABEL_CHARS = 34
CHART_ROW_HEIGHT = 26
CHART_BAR_MAX_WIDTH = 290


def minutes_between(start, end):
    return int((end - start).total_seconds() // 60)


def sort_key(text):
    """Return a key that sorts names alphabetically whatever their accents."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def person_line(person):
    """Return a person's name as announced and their position, or None."""
    if person is None:
        return None
    return {"name": person.display_name, "position": person.position}


def meeting_dates(meeting):
    """Return the meeting's date, or its first and last days for a meeting with sessions."""
    first = date_format(meeting.date, "DATE_FORMAT")
    if not meeting.has_sessions or meeting.last_day == meeting.date:
        return first
    return _("%(first)s – %(last)s") % {
        "first": first,
        "last": date_format(meeting.last_day, "DATE_FORMAT"),
    }


def meeting_header(meeting):
    """Return the facts every document's header shows."""
    return {
        "title": meeting.title,
        "body": meeting.get_body_display(),
        "kind": meeting.get_kind_display(),
        "date": meeting_dates(meeting),
        "start": clock(meeting.starts_at),
        "time_zone": meeting.time_zone,
        "venue": meeting.venue,
        "format": meeting.get_format_display(),
        "document_code": meeting.document_code,
        "chair": person_line(meeting.chair),
    }


def session_heading(sitting, *, meeting):
    """Return what a document says of a session (a ``SessionTiming``) above its parts.

    Its day, clock times (to its own planned end when set, as the meeting page and the
    calendar give it), room and chair; the key is the session's id.
    """
    session = sitting.session
    start = sitting.planned_start
    return {
        "key": session.pk or 0,
        "title": session.title,
        "day": date_format(start, "l"),
        "date": date_format(start, "DATE_FORMAT"),
        "start": clock(start),
        "end": clock(sitting_end(sitting)),
        "room": session.room,
        "chair": person_line(session.chair),
    }


# What the live console records on a slot (live.services).
RECORDED_FIELDS = ("actual_start", "qa_started_at", "actual_end", "skipped_at")
PART_RECORDED_FIELDS = ("actual_start", "actual_end", "skipped_at")


def recorded_until(meeting):
    """Return the latest time the live console recorded on the meeting's slots and parts.

    Documents forecast the rest of the meeting as of this time, not of the moment they
    are generated: what they show then changes only when the console records something,
    so that a document keeps its content (and fingerprint) from its request to its
    rendering. None: nothing recorded, the documents show the plan alone.
    """
    latest = (
        SpeakerSlot.objects.filter(segment__meeting=meeting)
        .exclude(status__in=INACTIVE_SLOT_STATUSES)
        .aggregate(**{name: Max(name) for name in RECORDED_FIELDS})
    )
    # Parts without speakers are timed as a whole and record on the part.
    parts = Segment.objects.filter(meeting=meeting).aggregate(
        **{name: Max(name) for name in PART_RECORDED_FIELDS}
    )
    moments = [*latest.values(), *parts.values()]
    return max((moment for moment in moments if moment is not None), default=None)


def slot_live(timing, tz):
    """Return where the room's clock puts a slot: held, running, skipped or forecast."""
    if timing.is_held:
        state, label = "held", _("Held")
    elif timing.is_running:
        state, label = "running", _("Running")
    elif timing.is_skipped:
        return {
            "state": "skipped",
            "label": _("Skipped"),
            "start": "",
            "end": "",
            "delay": "",
            "is_late": False,
        }
    else:
        state, label = "forecast", ""
    delay = timing.delay_minutes
    return {
        "state": state,
        "label": label,
        "start": local_clock(timing.forecast_start, tz),
        "end": local_clock(timing.slot.actual_end, tz),
        "delay": delay_brief(delay),
        "is_late": is_late(delay),
    }
