"""The meeting's public page, served from the cache.

What costs time on the page is its agenda: loading every part, slot, person and question,
cascading the clock times and writing a row per slot. That part is the same for every
reader of one language, so it is rendered once and kept in the cache (Redis in
production, local memory in the demo) under a key made of

* the meeting and its ``agenda_revision``, which every edit that shows on the agenda
  raises (``agenda.revision``: the editor, the administration site, the directory of
  people, the delegations' own pages);
* the live state (``selectors.live_state_key``): what the room's clock has recorded,
  read from the slots and parts themselves on every request, so a press on the console
  shows on the next request;
* the language and the kind of viewer (those who may see drafts, everyone else).

While the meeting is under way its forecast moves with the time of day, so the entry
then lives only until the next half minute. What depends on the viewer (the buttons, the
documents they may generate, the statements they may read, anything with a form and its
CSRF token) is never cached: it is rendered on every request around the cached parts.
"""

import itertools
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import can_run_meetings
from agenda import panels, selectors
from agenda.models import Meeting, can_see_drafts
from cidi_meeting import page_cache

# A live forecast is written in whole minutes and rounded delays: renew it this often.
LIVE_SECONDS = 30
FRAGMENTS = {
    "when": "agenda/includes/meeting_when.html",
    "agenda": "agenda/includes/meeting_agenda.html",
    "outcomes": "agenda/includes/meeting_outcomes.html",
}
# A meeting with sessions: its days and its agenda by day and session.
SESSION_FRAGMENTS = {
    "when": "agenda/includes/meeting_when_sessions.html",
    "agenda": "agenda/includes/meeting_agenda_sessions.html",
}


def viewer_kind(user):
    """Return which cached copy ``user`` reads.

    "drafts" for the secretariat (drafts, every statement), "room" for those who run
    meetings (every statement), "public" for everyone else, signed in or not.
    """
    if can_see_drafts(user):
        return "drafts"
    return "room" if can_run_meetings(user) else "public"


def meeting_for_page(*, slug, user):
    """Return the meeting as the page's header shows it (no agenda), or None."""
    return Meeting.objects.visible_to(user).select_related("chair").filter(slug=slug).first()


def cache_key(page, meeting, *, live_key, viewer, extra=()):
    """Return the cache key of what ``page`` shows of ``meeting`` in this state and language."""
    return page_cache.fragment_key(
        page,
        namespaces=(),
        language=translation.get_language(),
        viewer=viewer,
        extra=(meeting.pk, meeting.agenda_revision, live_key, *extra),
    )


def seconds_to_keep(timing, *, now=None):
    """Return how long the rendered agenda stays true."""
    if not timing.follows_the_clock:
        # Each edit makes a new key; the old entry only waits to expire.
        return page_cache.FRAGMENT_TIMEOUT
    second = (now or timezone.now()).second
    return max(1, LIVE_SECONDS - second % LIVE_SECONDS)


def sitting_end(sitting):
    """Return when a sitting (a ``SessionTiming``) is planned to end.

    Its own planned end when set and after its start, else the end of its agenda: the
    page, the calendar and the documents give a session the same span.
    """
    ends_at = sitting.session.ends_at
    if ends_at is not None and ends_at > sitting.planned_start:
        return ends_at
    return sitting.planned_end


@dataclass
class SessionRow:
    """Sittings whose planned spans overlap: working groups in parallel rooms, side by side."""

    sessions: list
    ends_at: object

    @property
    def is_parallel(self):
        return len(self.sessions) > 1


@dataclass
class SessionDay:
    """One day of a meeting of several sittings: its rows of sittings in time order."""

    date: object
    rows: list

    @property
    def anchor(self):
        return f"day-{self.date:%Y-%m-%d}"


def session_rows(timing):
    """Return the sittings of ``timing`` in rows: those whose planned spans overlap share one.

    A sitting's span runs from its start to ``sitting_end``; the sittings of a row keep
    the order of their start, then of their room.
    """
    ordered = sorted(timing.sessions, key=lambda s: (s.planned_start, s.session.room))
    rows = []
    for sitting in ordered:
        end = max(sitting_end(sitting), sitting.planned_start)
        if rows and sitting.planned_start < rows[-1].ends_at:
            rows[-1].sessions.append(sitting)
            rows[-1].ends_at = max(rows[-1].ends_at, end)
        else:
            rows.append(SessionRow(sessions=[sitting], ends_at=end))
    return rows


def session_days(timing):
    """Return the meeting's days (``SessionDay``), each with its rows of sittings."""
    rows = session_rows(timing)
    return [
        SessionDay(date=date, rows=list(day_rows))
        for date, day_rows in itertools.groupby(
            rows, key=lambda row: row.sessions[0].planned_start.date()
        )
    ]


def session_context(meeting, timing, *, show_connection_links=False):
    """Return what the page's fragments show of a meeting's sessions (nothing without them)."""
    if not meeting.has_sessions or not timing.sessions:
        return {}
    days = session_days(timing)
    return {
        "days": days,
        "first_day": days[0].date,
        "last_day": days[-1].date,
        "live_sittings": [sitting for sitting in timing.sessions if sitting.is_live],
        "show_connection_links": show_connection_links,
    }


def render_fragments(meeting, timing, *, user, viewer, show_connection_links=False):
    """Render the page's cached parts of ``meeting`` (its agenda loaded and timed).

    The panels shared by every viewer of ``user``'s kind are rendered with them. A
    meeting with sessions has its agenda grouped by day and session, parallel sessions
    side by side; ``show_connection_links`` adds each session's link (signed-in
    viewers, as the page's header does with the meeting's).
    """
    # The secretariat's marks (a translation missing) follow the kind, not the person.
    roles = {"secretariat": viewer == "drafts"}
    context = {"meeting": meeting, "timing": timing, "user_roles": roles}
    sessions = session_context(meeting, timing, show_connection_links=show_connection_links)
    templates = FRAGMENTS
    if sessions:
        context["sessions"] = sessions
        templates = {**FRAGMENTS, **SESSION_FRAGMENTS}
    fragments = {name: render_to_string(template, context) for name, template in templates.items()}
    shared = panels.panels_for(meeting=meeting, user=user, shared=True)
    for place, found in shared.items():
        fragments[f"{place}_shared"] = "".join(
            render_to_string(
                panel.template,
                {"meeting": meeting, "user_roles": roles, "panel": panel.context, **panel.context},
            )
            for panel in found
        )
    return fragments


def cached_for_meeting(page, meeting, *, user, build, extra=()):
    """Return what ``build`` makes of ``meeting``'s whole agenda, from the cache if it can.

    ``build(agenda, timing, viewer)`` gets the meeting loaded with its agenda (as
    ``user`` may see it) and its timing, and returns something the cache can keep; it
    runs only when this revision, live state, language and kind of viewer (and
    ``extra``) were not built before.
    """
    viewer = viewer_kind(user)
    key = cache_key(
        page, meeting, live_key=selectors.live_state_key(meeting), viewer=viewer, extra=extra
    )
    value = cache.get(key)
    if value is None:
        agenda = selectors.meeting_get_for_agenda(
            slug=meeting.slug, published_only=viewer != "drafts"
        )
        timing = selectors.agenda_timing(agenda)
        value = build(agenda, timing, viewer)
        cache.set(key, value, seconds_to_keep(timing))
    return value


def agenda_fragments(meeting, *, user):
    """Return the rendered clock times, agenda and outcomes of ``meeting`` for ``user``.

    From the cache when this revision, live state, language and kind of viewer were
    rendered before; else rendered now and kept. The sessions' connection links are for
    signed-in viewers only, so a meeting with sessions keeps their copy apart.
    """
    show_links = meeting.has_sessions and user.is_authenticated

    def build(agenda, timing, viewer):
        return render_fragments(
            agenda, timing, user=user, viewer=viewer, show_connection_links=show_links
        )

    extra = ("signed-in",) if show_links else ()
    return cached_for_meeting("agenda.meeting", meeting, user=user, build=build, extra=extra)
