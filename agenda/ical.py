"""The iCalendar format as the portal writes it (RFC 5545): text values, folded lines,
events of local date-times with their zone's TZID, and the VCALENDAR around them.

The content lines are written here rather than through ``icalendar``'s components: at
hundreds of slots its per-value work (a TZID lookup for each date-time, then folding
every line through its property objects) cost more than reading the agenda. Only the
VTIMEZONE comes from ``icalendar``, once per zone and date. What goes into the events is
``agenda.calendar``'s.
"""

import datetime
import functools

import icalendar

PRODID = "-//OAS CIDI//CIDI meeting portal//EN"
# Zones written as UTC date-times (with a Z) and without a VTIMEZONE.
UTC_ZONES = {"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
# How much of the zone's rules the VTIMEZONE carries, either side of the meeting's date:
# the full history would make the file heavy.
ZONE_RULES_SPAN = datetime.timedelta(days=366)
# RFC 5545, 3.1: content lines longer than 75 octets are folded.
LINE_OCTETS = 75
LOCAL_FORMAT = "%Y%m%dT%H%M%S"
UTC_FORMAT = "%Y%m%dT%H%M%SZ"
# TEXT values (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks (a lone
# carriage return too) escaped; other control characters are not allowed and are dropped.
TEXT_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        ";": "\\;",
        ",": "\\,",
        "\n": "\\n",
        "\r": "\\n",
        "\x7f": None,
        **{chr(code): None for code in range(0x20) if chr(code) not in "\t\n\r"},
    }
)


def escape_text(value):
    """Return ``value`` written as an iCalendar TEXT value."""
    return str(value).replace("\r\n", "\n").translate(TEXT_ESCAPES)


def fold(line):
    """Return a content line as UTF-8, folded into lines of at most 75 octets.

    A fold never splits a character: it moves back to the start of a UTF-8 sequence.
    """
    data = line.encode()
    if len(data) <= LINE_OCTETS:
        return data
    pieces, start, width = [], 0, LINE_OCTETS
    while start < len(data):
        end = start + width
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end])
        # A continuation line begins with a space, which counts.
        start, width = end, LINE_OCTETS - 1
    return b"\r\n ".join(pieces)


def is_utc_zone(zone_name):
    return zone_name in UTC_ZONES


@functools.lru_cache(maxsize=64)
def vtimezone_lines(zone_name, date):
    """Return the VTIMEZONE of ``zone_name`` for the years around ``date``, folded.

    Built by ``icalendar`` from the zone database; it depends on nothing else, so each
    zone and date is worked out once per process.
    """
    component = icalendar.Timezone.from_tzid(
        zone_name, first_date=date - ZONE_RULES_SPAN, last_date=date + ZONE_RULES_SPAN
    )
    return tuple(line for line in component.to_ical().split(b"\r\n") if line)


class Event:
    """One VEVENT, as the content lines it is written with.

    Date-times are written in ``zone`` (the meeting's) with its TZID, or in UTC with a Z
    when the zone is UTC or the local time falls in the hour a clock turned back twice
    (which RFC 5545 reads as the first one).
    """

    def __init__(self, zone):
        self.zone = zone
        self.tzid = "" if is_utc_zone(zone.key) else f";TZID={zone.key}"
        self.lines = []

    def add_text(self, name, value):
        self.lines.append(f"{name}:{escape_text(value)}")

    def add_value(self, name, value):
        """Add a value written as it is: a number, a URI, one of the standard words."""
        self.lines.append(f"{name}:{value}")

    def add_utc(self, name, value):
        self.lines.append(f"{name}:{value.astimezone(datetime.UTC):{UTC_FORMAT}}")

    def add_local(self, name, value):
        local = value.astimezone(self.zone)
        if not self.tzid or (local.fold and local.utcoffset() != local.replace(fold=0).utcoffset()):
            self.add_utc(name, value)
        else:
            self.lines.append(f"{name}{self.tzid}:{local:{LOCAL_FORMAT}}")

    def content_lines(self):
        return ["BEGIN:VEVENT", *self.lines, "END:VEVENT"]


class CalendarFile:
    """A VCALENDAR of a meeting's events: ``to_ical()`` returns the file's bytes."""

    def __init__(self, *, meeting, events):
        self.meeting = meeting
        self.events = list(events)

    def to_ical(self):
        meeting = self.meeting
        lines = [
            fold(line)
            for line in [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                f"PRODID:{PRODID}",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                f"X-WR-CALNAME:{escape_text(meeting.title)}",
                f"X-WR-TIMEZONE:{meeting.time_zone}",
            ]
        ]
        # Some calendar programs read the time zones only when they come before the events.
        if not is_utc_zone(meeting.time_zone):
            lines.extend(vtimezone_lines(meeting.time_zone, meeting.date))
        for event in self.events:
            lines.extend(fold(line) for line in event.content_lines())
        lines.append(b"END:VCALENDAR")
        return b"\r\n".join(lines) + b"\r\n"
