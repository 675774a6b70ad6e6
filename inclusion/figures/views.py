"""The secretariat's page of a meeting's inclusion figures: exact counts, nothing withheld."""

from django.shortcuts import get_object_or_404, render

from accounts.decorators import secretariat_required
from agenda.models import Meeting
from inclusion.figures import charts, compute


@secretariat_required
def figures(request, slug):
    """Show the meeting's inclusion figures as tables and charts (a fixed number of queries)."""
    meeting = get_object_or_404(Meeting, slug=slug)
    shown = compute.display_figures(compute.meeting_figures(meeting), public=False)
    return render(
        request,
        "inclusion/figures/secretariat.html",
        {"meeting": meeting, "figures": shown, "charts": charts.figure_charts(shown)},
    )
