from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from agenda import panels, public_page, selectors
from agenda.models import Meeting
from cidi_meeting.uploads import CONTENT_TYPES


def home(request):
    """List the published meetings."""
    meetings = selectors.meeting_list_published()
    return render(request, "agenda/home.html", {"meetings": meetings})


def meeting_detail(request, slug):
    """Show a meeting's public page: its facts, purpose and agenda with clock times.

    The agenda comes from the cache (``agenda.public_page``); the viewer's own panels are
    rendered on every request around it.
    """
    meeting = public_page.meeting_for_page(slug=slug, user=request.user)
    if meeting is None:
        raise Http404("No such meeting.")
    fragments = public_page.agenda_fragments(meeting, user=request.user)
    page_panels = panels.panels_for(meeting=meeting, user=request.user, shared=False)
    return render(
        request,
        "agenda/meeting_detail.html",
        {
            "meeting": meeting,
            "fragments": {name: mark_safe(html) for name, html in fragments.items()},  # noqa: S308 - rendered by our templates
            "panels": page_panels,
        },
    )


# The apps above the agenda that may serve a meeting's concept note in the reader's
# language (the documents' register): each is a callable ``source(*, request, meeting)``
# returning a response, or None to let the next one (and last the meeting's own file) answer.
concept_note_sources = []


def concept_note_source_register(source):
    """Add ``source`` to those asked for a meeting's concept note (once)."""
    if source not in concept_note_sources:
        concept_note_sources.append(source)
    return source


def concept_note(request, slug):
    """Serve a meeting's concept note (published meetings; drafts to the secretariat).

    The sources registered by the apps above (the documents' register) answer first;
    without them, the file uploaded with the meeting's details.
    """
    meeting = Meeting.objects.visible_to(request.user).filter(slug=slug).first()
    if meeting is None:
        raise Http404("No concept note.")
    for source in concept_note_sources:
        response = source(request=request, meeting=meeting)
        if response is not None:
            return response
    if not meeting.concept_note:
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
