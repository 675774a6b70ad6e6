"""What every change to an agenda must leave true, checked after the change is written.

Each sitting ends on its own day and before the next session in its room starts; no two
sessions in one room overlap; nobody speaks in two rooms at once. A service calls
``agenda_check`` inside its transaction, so a refused change leaves nothing behind.
"""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda import selectors


def _clock(moment, tz):
    return moment.astimezone(tz).strftime("%H:%M")


def _day(moment, tz):
    return date_format(moment.astimezone(tz).date(), "DATE_FORMAT")


def _span(session_timing):
    """Return when a sitting holds its room: its plan, or its planned end when later."""
    end = session_timing.planned_end
    ends_at = session_timing.session.ends_at
    if ends_at is not None and ends_at > end:
        end = ends_at
    return session_timing.planned_start, end


def check_fits_day(meeting, timing):
    """Raise ValidationError when a sitting would run past midnight of its day."""
    tz = meeting.tzinfo
    for session in timing.sessions:
        start, end = session.planned_start, session.planned_end.astimezone(tz)
        midnight = datetime.datetime.combine(
            start.date() + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=tz
        )
        if end <= midnight:
            continue
        if session.session.is_implicit:
            raise ValidationError(
                _(
                    "This change would make the meeting run past midnight: it would end at "
                    "%(end)s on %(day)s. Shorten the agenda or start the meeting earlier."
                )
                % {"end": _clock(end, tz), "day": _day(end, tz)}
            )
        raise ValidationError(
            _(
                "This change would make the session “%(session)s” run past midnight: it "
                "would end at %(end)s on %(day)s. Shorten the session or start it earlier."
            )
            % {"session": session.session.title, "end": _clock(end, tz), "day": _day(end, tz)}
        )


def check_rooms(meeting, timing):
    """Raise ValidationError when two sessions in one room would overlap."""
    tz = meeting.tzinfo
    by_room = {}
    for session in timing.sessions:
        by_room.setdefault(session.session.room.strip().casefold(), []).append(session)
    for sessions in by_room.values():
        sessions.sort(key=lambda session: session.planned_start)
        for earlier, later in itertools.pairwise(sessions):
            _start, end = _span(earlier)
            if later.planned_start >= end:
                continue
            raise ValidationError(
                _(
                    "The session “%(first)s” would run until %(end)s, into the session "
                    "“%(second)s”, which starts at %(start)s on %(day)s in the same room "
                    "(%(room)s). Shorten the first, move the second or give it another room."
                )
                % {
                    "first": earlier.session.title,
                    "second": later.session.title,
                    "end": _clock(end, tz),
                    "start": _clock(later.planned_start, tz),
                    "day": _day(later.planned_start, tz),
                    "room": earlier.session.room or _("no room given"),
                }
            )


def check_speakers(meeting, timing):
    """Raise ValidationError when one person would speak in two sessions at once."""
    tz = meeting.tzinfo
    seen = {}
    for session in timing.sessions:
        for segment in session.segments:
            for slot_timing in segment.slots:
                person_id = slot_timing.slot.person_id
                span = (slot_timing.planned_start, slot_timing.planned_end)
                for other_session, other_span, other in seen.get(person_id, ()):
                    if other_session is session.session:
                        continue
                    if span[0] < other_span[1] and other_span[0] < span[1]:
                        raise ValidationError(
                            _(
                                "%(person)s would speak in two rooms at once: in “%(first)s” "
                                "from %(first_start)s to %(first_end)s and in “%(second)s” "
                                "from %(second_start)s to %(second_end)s on %(day)s. Move one "
                                "of the two slots or give it another speaker."
                            )
                            % {
                                "person": other.person.display_name,
                                "first": other_session.title,
                                "first_start": _clock(other_span[0], tz),
                                "first_end": _clock(other_span[1], tz),
                                "second": session.session.title,
                                "second_start": _clock(span[0], tz),
                                "second_end": _clock(span[1], tz),
                                "day": _day(span[0], tz),
                            }
                        )
                seen.setdefault(person_id, []).append((session.session, span, slot_timing.slot))


def agenda_check(*, meeting):
    """Re-read the agenda and raise ValidationError when a change broke one of its rules.

    Returns the agenda's timing when every rule holds.
    """
    meeting = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(meeting)
    check_fits_day(meeting, timing)
    if meeting.has_sessions:
        check_rooms(meeting, timing)
        check_speakers(meeting, timing)
    return timing
