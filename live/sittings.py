"""The sittings a console or a room display can follow: a meeting's sessions, as listed."""

from agenda import selectors
from cidi_meeting.labels import local_clock
from live import clock as live_clock


def _is_under_way(sitting, now):
    """Tell whether a sitting runs now: its clock is live, or its planned hours hold now."""
    if sitting.follows_the_clock:
        return True
    if sitting.is_over:
        return False
    planned_end = sitting.session.ends_at or sitting.planned_end
    ends = max(sitting.planned_end, sitting.forecast_end, planned_end)
    return sitting.planned_start <= now < ends


def sessions_by_day(meeting, *, console_url, now=None):
    """Return the meeting's sessions grouped by day, in time order, with their hours.

    Each row says whether its session is under way, or (when none is) comes next;
    parallel sessions that start together are all under way or all next.
    ``console_url(meeting, session)`` gives each row its link.
    """
    now = now or live_clock.now()
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda, now=now)
    tz = meeting.tzinfo
    rows = [
        {
            "session": sitting.session,
            "url": console_url(meeting, sitting.session),
            "starts": local_clock(sitting.planned_start, tz),
            "ends": local_clock(sitting.session.ends_at or sitting.planned_end, tz),
            "planned_start": sitting.planned_start,
            "is_under_way": _is_under_way(sitting, now),
            "is_next": False,
        }
        for sitting in timing.sessions
    ]
    if not any(row["is_under_way"] for row in rows):
        upcoming = [row["planned_start"] for row in rows if row["planned_start"] > now]
        for row in rows:
            row["is_next"] = bool(upcoming) and row["planned_start"] == min(upcoming)
    days = []
    for row in rows:
        day = row["session"].date
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "rows": []})
        days[-1]["rows"].append(row)
    return days
