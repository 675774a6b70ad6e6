"""Reads of the documents and of what they show, shaped for a fixed number of queries."""

from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.http import Http404

from agenda.models import ExpectedOutcome
from agenda.selectors import meeting_get_for_agenda
from documents.models import DocumentVersion, RenderedDocument
from outcomes.compendium.selectors import practices_shaped
from outcomes.enums import PracticeStatus
from outcomes.models import CooperationMatch, GoodPractice, Instrument, TargetGroup


def meeting_agenda(*, meeting):
    """Return the meeting with its agenda prefetched (see ``meeting_get_for_agenda``)."""
    return meeting_get_for_agenda(slug=meeting.slug, published_only=False)


def published_practices(*, meeting):
    """Return the meeting's published practices with their delegation and facets."""
    practices = GoodPractice.objects.filter(meeting=meeting, status=PracticeStatus.PUBLISHED)
    return practices_shaped(practices).order_by("pk")


def _practices_per_term(model, *, meeting):
    """Return ``{term name: published practices of the meeting with it}`` for ``model``.

    Terms of the same name in the active language add up, as the facets of a list do.
    """
    terms = model.objects.filter(
        practices__meeting=meeting, practices__status=PracticeStatus.PUBLISHED
    ).annotate(practice_count=Count("practices"))
    counts = {}
    for term in terms:
        counts[term.name] = counts.get(term.name, 0) + term.practice_count
    return counts


def published_practice_figures(*, meeting):
    """Return how many practices the meeting published and how many per instrument and
    per target group (three queries, no practice read).
    """
    published = GoodPractice.objects.filter(meeting=meeting, status=PracticeStatus.PUBLISHED)
    return {
        "count": published.count(),
        "instruments": _practices_per_term(Instrument, meeting=meeting),
        "target_groups": _practices_per_term(TargetGroup, meeting=meeting),
    }


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


def document_find(*, meeting, kind, language, paper, orientation, fingerprint, session_key=0):
    """Return the rendering of exactly this content and these options, or None."""
    return RenderedDocument.objects.filter(
        meeting=meeting,
        kind=kind,
        language=language,
        paper=paper,
        orientation=orientation,
        session_key=session_key,
        fingerprint=fingerprint,
    ).first()


def document_version_for(*, meeting, kind, content_fingerprint, session_key=0):
    """Return the version a document of this content has, or would have if new.

    Versions are recorded per meeting and kind (``DocumentVersion``), one per distinct
    content: the same content keeps its number, a new one would take the next.
    """
    versions = DocumentVersion.objects.filter(meeting=meeting, kind=kind, session_key=session_key)
    numbers = list(
        versions.filter(content_fingerprint=content_fingerprint).values_list("number", flat=True)
    )
    if numbers:
        return numbers[0]
    return (versions.aggregate(latest=Max("number"))["latest"] or 0) + 1


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
