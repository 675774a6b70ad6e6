"""Reads of the documents and of what they show, shaped for a fixed number of queries."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404

from agenda.models import ExpectedOutcome
from agenda.selectors import meeting_get_for_agenda
from documents.models import RenderedDocument
from outcomes.compendium.selectors import practices_shaped
from outcomes.enums import PracticeStatus
from outcomes.models import CooperationMatch, GoodPractice


def meeting_agenda(*, meeting):
    """Return the meeting with its agenda prefetched (see ``meeting_get_for_agenda``)."""
    return meeting_get_for_agenda(slug=meeting.slug, published_only=False)


def published_practices(*, meeting):
    """Return the meeting's published practices with their delegation and facets."""
    practices = GoodPractice.objects.filter(meeting=meeting, status=PracticeStatus.PUBLISHED)
    return practices_shaped(practices).order_by("pk")


def outcomes_with_records(*, meeting):
    """Return the expected outcomes with their records, published practices and matches."""
    practices = practices_shaped(
        GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    ).order_by("title", "pk")
    sides = [
        f"{side}__delegation__{relation}"
        for side in ("offer", "need")
        for relation in ("member_state", "organization")
    ]
    matches = CooperationMatch.objects.select_related(*sides).order_by("-score", "pk")
    return (
        ExpectedOutcome.objects.filter(meeting=meeting)
        .select_related("record")
        .prefetch_related(
            Prefetch("record__practices", queryset=practices),
            Prefetch("record__matches", queryset=matches),
        )
    )


def document_get(*, pk):
    """Return the document with its meeting; raise ``Http404`` when there is none."""
    document = RenderedDocument.objects.select_related("meeting").filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document


def document_find(*, meeting, kind, language, paper, orientation, fingerprint):
    """Return the rendering of exactly this content and these options, or None."""
    return RenderedDocument.objects.filter(
        meeting=meeting,
        kind=kind,
        language=language,
        paper=paper,
        orientation=orientation,
        fingerprint=fingerprint,
    ).first()


def document_version_for(*, meeting, kind, content_fingerprint):
    """Return the version a document of this content has, or would have if new.

    The version counts the distinct contents of the meeting's documents of ``kind`` so
    far, this one included: a change of content adds one; the same content in another
    language, paper size or orientation does not.
    """
    renderings = RenderedDocument.objects.filter(meeting=meeting, kind=kind)
    existing = renderings.filter(content_fingerprint=content_fingerprint)
    for version in existing.values_list("version", flat=True)[:1]:
        return version
    return renderings.order_by().values("content_fingerprint").distinct().count() + 1


def documents_latest(*, meeting, kinds):
    """Return ``{kind: the meeting's latest requested document of that kind}`` (one query)."""
    latest = (
        RenderedDocument.objects.filter(meeting=OuterRef("meeting"), kind=OuterRef("kind"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    documents = RenderedDocument.objects.filter(
        meeting=meeting, kind__in=kinds, pk=Subquery(latest)
    )
    return {document.kind: document for document in documents}
