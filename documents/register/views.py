"""Pages of the register of official documents: the secretariat's list and form, the
public documents page of a meeting and the download of each file."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from documents.register import selectors, services
from documents.register.forms import OfficialDocumentForm
from documents.register.models import OfficialDocument

UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9.-]+")


def _register_url(meeting):
    return reverse("documents:register_list", kwargs={"slug": meeting.slug})


# The secretariat ------------------------------------------------------------------------


@secretariat_required
def register_list(request, slug):
    """List every document of the meeting's register, restricted ones included."""
    meeting = selectors.meeting_get_for_secretariat(slug=slug)
    documents = selectors.register_documents(meeting=meeting, include_restricted=True)
    return render(
        request, "documents/register/list.html", {"meeting": meeting, "documents": documents}
    )


def _document_form_page(request, meeting, document=None):
    form = OfficialDocumentForm(
        request.POST or None, request.FILES or None, instance=document, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.official_document_save(
                meeting=meeting,
                document=document,
                data=form.document_data(),
                files=form.uploads,
                remove=form.removed,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Document %(symbol)s saved.") % {"symbol": saved.symbol})
            return redirect(_register_url(meeting))
    title = _("New document") if document is None else document.symbol
    return render(
        request,
        "documents/register/form.html",
        {"meeting": meeting, "form": form, "document": document, "title": title},
    )


@secretariat_required
def register_add(request, slug):
    """Add a document with its files (at least one language) in one form."""
    meeting = selectors.meeting_get_for_secretariat(slug=slug)
    return _document_form_page(request, meeting)


@secretariat_required
def register_edit(request, slug, pk):
    """Change a document: its fields, and replace, add or remove its files."""
    meeting = selectors.meeting_get_for_secretariat(slug=slug)
    document = get_object_or_404(
        OfficialDocument.objects.prefetch_related("files"), meeting=meeting, pk=pk
    )
    return _document_form_page(request, meeting, document)


@secretariat_required
@require_POST
def register_delete(request, slug, pk):
    """Delete a document and its files."""
    meeting = selectors.meeting_get_for_secretariat(slug=slug)
    document = get_object_or_404(
        OfficialDocument.objects.prefetch_related("files"), meeting=meeting, pk=pk
    )
    symbol = document.symbol
    services.official_document_delete(document=document)
    messages.success(request, _("Document %(symbol)s deleted.") % {"symbol": symbol})
    return redirect(_register_url(meeting))


# Everyone -------------------------------------------------------------------------------


def register_public(request, slug):
    """Show the meeting's documents that the visitor may read, with a link per file."""
    meeting = selectors.meeting_get_visible(slug=slug, user=request.user)
    documents, reads_restricted = selectors.register_documents_for(
        meeting=meeting, user=request.user
    )
    response = render(
        request,
        "documents/register/public.html",
        {"meeting": meeting, "documents": documents, "reads_restricted": reads_restricted},
    )
    if reads_restricted:
        response["Cache-Control"] = "private, no-store"
    return response


def download_name(file):
    """Return a safe file name made of the document's symbol, version and language."""
    document = file.document
    stem = UNSAFE_IN_NAME.sub("-", document.symbol).strip("-.") or "document"
    if document.version > 1:
        stem = f"{stem}-v{document.version}"
    return f"{stem}-{file.language}.{file.kind}"


def file_response(file):
    """Serve a stored file of the register as an attachment under a safe name."""
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=download_name(file), content_type=file.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if file.document.is_restricted:
        response["Cache-Control"] = "private, no-store"
    return response


def register_file(request, slug, pk, language):
    """Serve a document's file in ``language`` to those who may read the document."""
    meeting = selectors.meeting_get_visible(slug=slug, user=request.user)
    file = selectors.register_file_get(meeting=meeting, pk=pk, language=language, user=request.user)
    return file_response(file)


def concept_note_response(*, request, meeting):
    """Serve the register's concept note in the reader's language, or None when the
    register has none this reader may read (see ``agenda.views.concept_note``)."""
    file = selectors.concept_note_file(meeting=meeting, user=request.user, language=get_language())
    return None if file is None else file_response(file)
