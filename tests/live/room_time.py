"""A controllable clock for the live console's tests (``live.clock.now``)."""

import datetime
import zoneinfo

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def at(hour, minute, second=0):
    """Return a moment of the demo meeting's day, in the room's time zone."""
    return datetime.datetime(2022, 11, 17, hour, minute, second, tzinfo=NEW_YORK)


class RoomTime:
    """The time the live console reads: set it with ``at``, move it with ``advance``."""

    def __init__(self, moment):
        self.at = moment

    def __call__(self):
        return self.at

    def advance(self, seconds):
        self.at += datetime.timedelta(seconds=seconds)
