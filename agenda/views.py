from django.http import FileResponse, Http404
from django.shortcuts import render

from accounts.roles import is_secretariat
from agenda import selectors
from agenda.documents.views import documents_panel
from agenda.live.rules import can_control_room
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
    documents = documents_panel(meeting=meeting, user=request.user)
    return render(
        request,
        "agenda/meeting_detail.html",
        {
            "meeting": meeting,
            "timing": timing,
            "documents": documents,
            "can_control_room": can_control_room(request.user, meeting),
        },
    )


def concept_note(request, slug):
    """Serve a meeting's concept note (published meetings; drafts to the secretariat)."""
    meetings = (
        Meeting.objects.all() if is_secretariat(request.user) else Meeting.objects.published()
    )
    meeting = meetings.filter(slug=slug).exclude(concept_note="").first()
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
