"""The documents panel of the meeting page: request a PDF, follow it, download it."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from agenda.models import can_see_drafts
from agenda.selectors import meeting_get_visible
from documents import selectors, services
from documents.forms import DocumentOptionsForm
from documents.models import DocumentStatus
from documents.registry import spec_for, specs_allowed_to

STATUS_TEMPLATE = "documents/includes/status.html"


def _refusal(request, spec):
    """Return a sign-in redirect for visitors, raise 403 for users without the role."""
    if spec.is_allowed_to(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _document_for(request, pk):
    """Return the document and its spec, or a refusal, for the user of ``request``."""
    document = selectors.document_get(pk=pk)
    spec = spec_for(document.kind)
    refusal = _refusal(request, spec)
    if refusal is None and not (document.meeting.is_published or can_see_drafts(request.user)):
        raise Http404("No such document.")
    return document, refusal


def documents_panel(*, meeting, user):
    """Return the documents ``user`` may generate, with a form and the latest rendering."""
    specs = specs_allowed_to(user)
    latest = selectors.documents_latest(meeting=meeting, kinds=[spec.kind for spec in specs])
    return [
        {
            "spec": spec,
            "form": DocumentOptionsForm(spec=spec, meeting=meeting),
            "document": latest.get(spec.kind),
        }
        for spec in specs
    ]


def document_request(request, slug, kind):
    """Queue a document of the meeting (POST) and answer with the job's state."""
    spec = spec_for(kind)
    refusal = _refusal(request, spec)
    if refusal is not None:
        return refusal
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = meeting_get_visible(slug=slug, user=request.user)
    form = DocumentOptionsForm(request.POST, spec=spec, meeting=meeting)
    if not form.is_valid():
        context = {"form": form, "spec": spec}
        # htmx swaps only successful answers; a plain form post gets a 400.
        status = 200 if request.htmx else 400
        return render(request, "documents/includes/options_errors.html", context, status=status)
    document = services.document_request(
        meeting=meeting, kind=spec.kind, user=request.user, **form.cleaned_data
    )
    if not request.htmx:
        return redirect(meeting.get_absolute_url() + "#documents")
    # Where tasks run in-process (no broker), the rendering is already done.
    document.refresh_from_db()
    return render(request, STATUS_TEMPLATE, {"document": document})


def document_status(request, pk):
    """Answer the document's state (an htmx partial that polls while it is pending).

    With ``?seen=<state>`` and the state unchanged, answer 204 so that htmx leaves the
    page (and what screen readers announce) as it is.
    """
    document, refusal = _document_for(request, pk)
    if refusal is not None:
        return refusal
    pending = document.status in services.PENDING
    if pending and request.GET.get("seen") == document.status:
        return HttpResponse(status=204)
    return render(request, STATUS_TEMPLATE, {"document": document})


def document_download(request, pk):
    """Serve a ready document's PDF to those who may have it."""
    document, refusal = _document_for(request, pk)
    if refusal is not None:
        return refusal
    if document.status != DocumentStatus.READY or not document.file:
        raise Http404("The document is not ready.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing.") from None
    session = f"-session-{document.session_key}" if document.session_key else ""
    filename = (
        f"{document.meeting.slug}-{document.kind}{session}"
        f"-v{document.version}-{document.language}.pdf"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not spec_for(document.kind).is_public:
        response["Cache-Control"] = "private, no-store"
    return response
