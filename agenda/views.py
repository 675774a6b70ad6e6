from django.http import FileResponse, Http404
from django.shortcuts import render

from agenda import panels, selectors
from agenda.models import Meeting
from cidi_meeting.uploads import CONTENT_TYPES


def home(request):
    """List the published meetings."""
    meetings = selectors.meeting_list_published()
    return render(request, "agenda/home.html", {"meetings": meetings})


def meeting_detail(request, slug):
    """Show a meeting's public page: its facts, purpose and agenda with clock times."""
    meeting = selectors.meeting_get_for_viewer(slug=slug, user=request.user)
    timing = selectors.agenda_timing(meeting)
    page_panels = panels.panels_for(meeting=meeting, user=request.user)
    return render(
        request,
        "agenda/meeting_detail.html",
        {
            "meeting": meeting,
            "timing": timing,
            "panels": page_panels,
        },
    )


def concept_note(request, slug):
    """Serve a meeting's concept note (published meetings; drafts to the secretariat)."""
    meeting = (
        Meeting.objects.visible_to(request.user).filter(slug=slug).exclude(concept_note="").first()
    )
    if meeting is None:
        raise Http404("No concept note.")
    kind = meeting.concept_note.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        meeting.concept_note.open("rb"),
        as_attachment=True,
        filename=f"{meeting.slug}-concept-note.{kind}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
