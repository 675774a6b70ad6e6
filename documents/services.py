"""Request, cache and render the meeting documents.

A document is identified by a fingerprint of exactly what it shows and of its options;
asking again for the same content reuses the rendering instead of making another one.
Rendering happens in a Celery worker (``documents.render``), never in a request.
"""

import datetime
import functools
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.enums import Language
from agenda.models import Meeting
from cidi_meeting import jobs
from documents import registry, render, selectors
from documents.models import (
    DocumentStatus,
    DocumentVersion,
    Orientation,
    PaperSize,
    RenderedDocument,
)
from documents.registry import SPECS, TEMPLATE_VERSION

logger = logging.getLogger(__name__)

# A job still queued or rendering after this long is taken to be lost and queued again.
STALE_AFTER = datetime.timedelta(minutes=10)
PENDING = (DocumentStatus.QUEUED, DocumentStatus.RENDERING)
OPTION_FIELDS = ("kind", "language", "paper", "orientation", "session_key")
# The language the content is read in to number its versions.
VERSION_LANGUAGE = Language.EN


class ContentChanged(Exception):
    """The meeting changed between the request of a document and its rendering."""


def options_check(*, kind, language, paper, orientation, session_key=0, meeting=None):
    """Raise ``ValueError`` unless the kind and options are ones the portal offers.

    ``session_key`` must be 0 (the whole meeting) or, for a kind asked per session, one
    of ``meeting``'s sessions.
    """
    if session_key and not (
        kind in SPECS
        and SPECS[kind].has_sessions
        and meeting is not None
        and meeting.sessions.filter(pk=session_key).exists()
    ):
        raise ValueError(f"Unknown session: {session_key!r}")
    offered = {
        "kind": (kind, SPECS),
        "language": (language, Language.values),
        "paper": (paper, PaperSize.values),
        "orientation": (orientation, Orientation.values),
    }
    for name, (value, values) in offered.items():
        if value not in values:
            raise ValueError(f"Unknown {name}: {value!r}")


def document_content(*, meeting, kind, language, session_key=0):
    """Return the data the document shows, in ``language`` (of one session, if given)."""
    with translation.override(language):
        return registry.document_content(meeting=meeting, kind=kind, session_key=session_key)


def document_fingerprint(*, kind, content, language, paper, orientation, session_key=0):
    """Return the sha256 of the canonical JSON of the content, options and templates."""
    identity = {
        "kind": kind,
        "language": language,
        "paper": paper,
        "orientation": orientation,
        "templates": TEMPLATE_VERSION,
        "content": content,
    }
    if session_key:
        # Only then: the meeting's own documents keep the fingerprints they had.
        identity["session"] = session_key
    canonical = json.dumps(
        identity,
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """What a document of the meeting shows right now, and its fingerprint."""

    content: dict
    fingerprint: str


def document_content_fingerprint(*, meeting, kind, content=None, language=None, session_key=0):
    """Return the hash of what the document says, whatever its language or paper.

    Versions count changes of content: the content is read in one fixed language
    (English), so an English and a Spanish rendering of the same agenda share their
    version. ``content`` read in ``language`` is reused when that language is English.
    """
    if content is None or language != VERSION_LANGUAGE:
        content = document_content(
            meeting=meeting, kind=kind, language=VERSION_LANGUAGE, session_key=session_key
        )
    return document_fingerprint(
        kind=kind, content=content, language="", paper="", orientation="", session_key=session_key
    )


@transaction.atomic
def document_version_record(*, meeting, kind, content_fingerprint=None, session_key=0):
    """Return the version of the document's current content, recording it when new.

    The same content keeps its version; a content not seen before takes the number
    after the meeting's latest of ``kind``. Side effects: locks the meeting's row until
    the transaction ends (so that versions are numbered one at a time); creates a
    ``DocumentVersion`` for a new content.
    """
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True))
    if content_fingerprint is None:
        content_fingerprint = document_content_fingerprint(
            meeting=meeting, kind=kind, session_key=session_key
        )
    number = selectors.document_version_for(
        meeting=meeting, kind=kind, content_fingerprint=content_fingerprint, session_key=session_key
    )
    DocumentVersion.objects.get_or_create(
        meeting=meeting,
        kind=kind,
        session_key=session_key,
        content_fingerprint=content_fingerprint,
        defaults={"number": number},
    )
    return number


def document_snapshot(*, meeting, kind, language, paper, orientation, session_key=0):
    """Read the document's content now and take its fingerprint (reads only)."""
    content = document_content(
        meeting=meeting, kind=kind, language=language, session_key=session_key
    )
    fingerprint = document_fingerprint(
        kind=kind,
        content=content,
        language=language,
        paper=paper,
        orientation=orientation,
        session_key=session_key,
    )
    return Snapshot(content=content, fingerprint=fingerprint)


def _html(snapshot, *, version, session_key=0, **options):
    return render.document_html(
        content=snapshot.content, version=version, generated_at=timezone.now(), **options
    )


def document_is_usable(document, *, now):
    """Return True when the document is ready (with its file) or on its way."""
    if document.status == DocumentStatus.READY:
        return bool(document.file) and default_storage.exists(document.file.name)
    if document.status == DocumentStatus.QUEUED:
        return now - document.created_at < STALE_AFTER
    if document.status == DocumentStatus.RENDERING:
        return document.started_at is not None and now - document.started_at < STALE_AFTER
    return False


@transaction.atomic
def document_request(*, meeting, kind, language, paper, orientation, user, session_key=0):
    """Return the document of the meeting's current content with these options.

    A document of the same fingerprint that is ready, queued or rendering is returned
    as it is (its version unchanged). Otherwise the document is queued for rendering:
    a new one, numbered with its content's version (``document_version_record``: the
    next one for a content not seen before), or the same one again when it failed, was
    lost by a worker or lost its file.

    Side effects: locks the meeting's row until the transaction ends (so that versions
    are numbered one at a time); records the content's version when new (a
    ``DocumentVersion``); creates or updates a ``RenderedDocument`` (its
    ``created_at`` becomes the time of this request); once the transaction commits,
    queues the Celery task ``documents.render`` with the document's id (or marks
    the document failed when the broker cannot be reached); where tasks run in-process,
    renders it then from the content read here, without reading it again.
    """
    options = {"kind": kind, "language": language, "paper": paper, "orientation": orientation}
    options["session_key"] = session_key
    options_check(meeting=meeting, **options)
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True))
    snapshot = document_snapshot(meeting=meeting, **options)
    content_fingerprint = document_content_fingerprint(
        meeting=meeting,
        kind=kind,
        content=snapshot.content,
        language=language,
        session_key=session_key,
    )
    version = document_version_record(
        meeting=meeting,
        kind=kind,
        content_fingerprint=content_fingerprint,
        session_key=session_key,
    )
    now = timezone.now()
    document = selectors.document_find(meeting=meeting, fingerprint=snapshot.fingerprint, **options)
    if (
        document is not None
        and document.version == version
        and document_is_usable(document, now=now)
    ):
        RenderedDocument.objects.filter(pk=document.pk).update(created_at=now)
        return document
    if document is None:
        document = RenderedDocument(meeting=meeting, fingerprint=snapshot.fingerprint, **options)
    # A rendering numbered otherwise (before versions were recorded) is made again.
    document.content_fingerprint = content_fingerprint
    document.version = version
    document.status = DocumentStatus.QUEUED
    document.error = ""
    document.started_at = document.finished_at = None
    document.requested_by = user if getattr(user, "is_authenticated", False) else None
    # The time of the latest request (auto_now_add sets it only when adding).
    document.created_at = now
    document.save()
    jobs.enqueue(
        "documents.render",
        document.pk,
        on_unreachable=_rendering_unreachable,
        # In-process, render what this request has just read instead of reading it again:
        # the meeting's row stays locked until the commit that runs the job.
        in_process=functools.partial(_render_in_process, snapshot=snapshot),
    )
    return document


def _render_in_process(document_id, *, snapshot):
    document_render(document_id=document_id, snapshot=snapshot)


def _rendering_unreachable(document_id):
    """Fail the job, not the page: the panel says so and offers to try again."""
    RenderedDocument.objects.filter(pk=document_id, status=DocumentStatus.QUEUED).update(
        status=DocumentStatus.FAILED,
        error=_("The rendering service could not be reached; try again in a moment."),
        finished_at=timezone.now(),
    )


def document_html(*, meeting, kind, language, paper, orientation, version=None, session_key=0):
    """Return the document's HTML and its version, reading the meeting's current content.

    ``version`` defaults to the one the content has, or would have once requested.
    Side effects: none (reads only).
    """
    options = {"kind": kind, "language": language, "paper": paper, "orientation": orientation}
    options["session_key"] = session_key
    options_check(meeting=meeting, **options)
    snapshot = document_snapshot(meeting=meeting, **options)
    if version is None:
        version = selectors.document_version_for(
            meeting=meeting,
            kind=kind,
            content_fingerprint=document_content_fingerprint(
                meeting=meeting,
                kind=kind,
                content=snapshot.content,
                language=language,
                session_key=session_key,
            ),
            session_key=session_key,
        )
    return _html(snapshot, version=version, **options), version


def document_render_now(*, meeting, kind, language, paper, orientation=None, session_key=0):
    """Render a document synchronously and return the PDF and its version (no Celery).

    ``orientation`` defaults to the document's own (landscape for the run-of-show).
    The version is the one the panel gives the same content: numbered like the
    documents the workers render.
    Side effects: records the content's version when new (``document_version_record``);
    stores no rendering (the caller writes the PDF where it wants).
    """
    options = {
        "kind": kind,
        "language": language,
        "paper": paper,
        "orientation": orientation or SPECS[kind].default_orientation,
        "session_key": session_key,
    }
    options_check(meeting=meeting, **options)
    snapshot = document_snapshot(meeting=meeting, **options)
    content_fingerprint = document_content_fingerprint(
        meeting=meeting,
        kind=kind,
        content=snapshot.content,
        language=language,
        session_key=session_key,
    )
    version = document_version_record(
        meeting=meeting,
        kind=kind,
        content_fingerprint=content_fingerprint,
        session_key=session_key,
    )
    return render.html_to_pdf(_html(snapshot, version=version, **options)), version


def _rendered_pdf(document, *, snapshot=None):
    """Render ``document`` from the meeting's content; raise ``ContentChanged`` if it moved.

    ``snapshot`` is the content already read for this document, if any: it is used
    when its fingerprint is the document's, else the content is read now.
    """
    options = {name: getattr(document, name) for name in OPTION_FIELDS}
    if snapshot is None or snapshot.fingerprint != document.fingerprint:
        snapshot = document_snapshot(meeting=document.meeting, **options)
    if snapshot.fingerprint != document.fingerprint:
        raise ContentChanged
    return render.html_to_pdf(_html(snapshot, version=document.version, **options))


def _reason_language(document):
    requester = document.requested_by
    return getattr(requester, "preferred_language", "") or settings.LANGUAGE_CODE


def _fail(document, reason):
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED, error=reason, finished_at=timezone.now()
    )
    document.refresh_from_db()
    return document


def document_render(*, document_id, snapshot=None):
    """Render a queued document into its PDF file; return it, or None if not queued.

    ``snapshot``: the content the request has just read for it (where tasks run
    in-process), so that it is not read twice; a worker reads it anew.

    Side effects: marks the document rendering, then ready with its PDF saved in the
    default storage under a generated name (``documents/<uuid>.pdf``) with its size and
    page count, deleting the file of an earlier rendering of the same document; or
    failed with a reason people can read (the traceback goes to the log).
    """
    claimed = RenderedDocument.objects.filter(pk=document_id, status__in=PENDING).update(
        status=DocumentStatus.RENDERING, started_at=timezone.now(), error=""
    )
    if not claimed:
        logger.info("Document %s is not waiting to be rendered; nothing to do.", document_id)
        return None
    document = RenderedDocument.objects.select_related("meeting", "requested_by").get(
        pk=document_id
    )
    try:
        pdf = _rendered_pdf(document, snapshot=snapshot)
    except ContentChanged:
        with translation.override(_reason_language(document)):
            reason = _("The meeting changed while this document waited; generate it again.")
        return _fail(document, reason)
    except Exception as error:
        logger.exception("Rendering document %s failed", document_id)
        with translation.override(_reason_language(document)):
            reason = _("The PDF could not be produced: %(error)s") % {
                "error": str(error) or type(error).__name__
            }
        return _fail(document, reason)
    name = default_storage.save(f"documents/{uuid.uuid4().hex}.pdf", ContentFile(pdf.data))
    previous = document.file.name
    saved = RenderedDocument.objects.filter(pk=document_id).update(
        status=DocumentStatus.READY,
        file=name,
        size=len(pdf.data),
        page_count=pdf.page_count,
        finished_at=timezone.now(),
        error="",
    )
    if not saved:
        # The document (or its meeting) was deleted meanwhile: keep no orphan file.
        default_storage.delete(name)
        return None
    if previous and previous != name:
        default_storage.delete(previous)
    document.refresh_from_db()
    return document
