"""The inclusion figures' panel on the public meeting page, after the meeting.

Not a shared panel (``agenda.panels``): the figures change with what people declare of
themselves, with the delegations' heads and with the practices published, none of which
raises the agenda's revision or its live state, so a cached copy could show a
declaration already deleted. It is rendered on every request instead, in a fixed small
number of queries: one to see whether the meeting has ended (none once its planned end
has passed), then ``compute.meeting_figures`` (five at most).
"""

from django.utils import timezone

from agenda import panels
from agenda.panels import Panel
from inclusion.figures import charts, compute
from live.models import ClockState, RoomClock


def clocks_finished(meeting):
    """Tell whether the room's clock of every sitting has heard everyone (one query)."""
    states = list(RoomClock.objects.filter(meeting=meeting).values_list("state", flat=True))
    finished = states.count(ClockState.FINISHED)
    return bool(states) and finished >= max(1, meeting.session_count)


def has_ended(meeting, *, now=None):
    """Tell whether the meeting is over: its planned end passed, or its clocks finished.

    A meeting without a planned end is over only once the console has run through it.
    """
    ends_at = meeting.ends_at
    if ends_at is not None and ends_at <= (now or timezone.now()):
        return True
    return clocks_finished(meeting)


def figures_panel(*, meeting, user):
    """Show the meeting's inclusion figures, withheld where few, once the meeting is over."""
    if not has_ended(meeting):
        return None
    exact = compute.meeting_figures(meeting)
    if not (
        exact["speakers"]["meeting"]["total"]
        or exact["heads"]["total"]
        or exact["practices"]["totals"]["practices"]
    ):
        return None
    shown = compute.display_figures(exact, public=True)
    return Panel(
        template="inclusion/figures/panel.html",
        context={"figures": shown, "charts": charts.figure_charts(shown)},
    )


panels.register(figures_panel)
