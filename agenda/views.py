from django.http import Http404
from django.shortcuts import render

from accounts.roles import is_secretariat
from agenda import selectors
from agenda.models import Meeting


def home(request):
    """List the published meetings."""
    meetings = selectors.meeting_list_published()
    return render(request, "agenda/home.html", {"meetings": meetings})


def meeting_detail(request, slug):
    """Show a meeting's public page: its facts, purpose and agenda with clock times."""
    # The secretariat previews drafts; everyone else sees published meetings only.
    published_only = not is_secretariat(request.user)
    try:
        meeting = selectors.meeting_get_for_agenda(slug=slug, published_only=published_only)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    timing = selectors.agenda_timing(meeting)
    return render(request, "agenda/meeting_detail.html", {"meeting": meeting, "timing": timing})
