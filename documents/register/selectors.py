"""Reads of the register of official documents, shaped for a fixed number of queries.

Who reads what: published documents are for everyone who may see the meeting (drafts
only to the secretariat, ``Meeting.objects.visible_to``); restricted ones also for the
secretariat and for the members of the meeting's delegations (a focal point, or a
member whose portal account is linked to the membership, as ``delegations.rules`` reads
a delegation).
"""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.roles import is_secretariat
from agenda.models import Meeting
from delegations.models import Delegation
from documents.register.enums import OfficialDocumentAccess, OfficialDocumentType
from documents.register.models import OfficialDocument, OfficialDocumentFile

LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def meeting_get_visible(*, slug, user):
    """Return the meeting ``user`` may see under the drafts rule, or raise 404."""
    meeting = Meeting.objects.visible_to(user).filter(slug=slug).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def meeting_get_for_secretariat(*, slug):
    """Return any meeting, drafts included, or raise 404."""
    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def is_delegation_member(*, meeting, user):
    """Return whether ``user`` is a focal point or a linked member of a delegation of
    ``meeting`` (one query; none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Delegation.objects.filter(meeting=meeting)
        .filter(Q(focal_point=user) | Q(members__account=user))
        .exists()
    )


def can_read_restricted(*, meeting, user):
    """Return whether ``user`` reads the documents restricted to delegations."""
    return is_secretariat(user) or is_delegation_member(meeting=meeting, user=user)


def _files_in_language_order(files):
    return sorted(files, key=lambda item: LANGUAGE_ORDER.index(item.language))


def register_documents(*, meeting, include_restricted):
    """Return the meeting's documents in the register's order, each with ``file_list``
    (its files in the order of the official languages). Two queries."""
    documents = OfficialDocument.objects.filter(meeting=meeting).prefetch_related(
        Prefetch("files", queryset=OfficialDocumentFile.objects.order_by("language"))
    )
    if not include_restricted:
        documents = documents.filter(access=OfficialDocumentAccess.PUBLISHED)
    documents = list(documents.order_by("order", "symbol", "pk"))
    for document in documents:
        document.meeting = meeting  # the files' addresses name its slug
        document.file_list = _files_in_language_order(document.files.all())
    return documents


def register_documents_for(*, meeting, user):
    """Return the documents ``user`` reads of ``meeting`` and whether restricted ones are
    among what they may read."""
    include_restricted = can_read_restricted(meeting=meeting, user=user)
    return register_documents(meeting=meeting, include_restricted=include_restricted), (
        include_restricted
    )


def register_count_for(*, meeting, user):
    """Return how many documents of ``meeting`` ``user`` reads (one or two queries)."""
    documents = OfficialDocument.objects.filter(meeting=meeting)
    if not can_read_restricted(meeting=meeting, user=user):
        documents = documents.filter(access=OfficialDocumentAccess.PUBLISHED)
    return documents.count()


def register_file_get(*, meeting, pk, language, user):
    """Return a document's file in ``language`` if ``user`` may read it, or raise 404."""
    files = OfficialDocumentFile.objects.select_related("document").filter(
        document__meeting=meeting, document_id=pk, language=language
    )
    found = files.first()
    if found is None:
        raise Http404("No such file.")
    if found.document.is_restricted and not can_read_restricted(meeting=meeting, user=user):
        raise Http404("No such file.")
    return found


def concept_note_file(*, meeting, user, language):
    """Return the file of the meeting's concept note that ``user`` reads in ``language``,
    else in English, else in any language; None when the register has none for them."""
    include_restricted = None  # asked only when a restricted concept note is found
    notes = (
        OfficialDocument.objects.filter(
            meeting=meeting, document_type=OfficialDocumentType.CONCEPT_NOTE, files__isnull=False
        )
        .distinct()
        .prefetch_related("files")
        .order_by("order", "symbol", "pk")
    )
    for note in notes:
        if note.is_restricted:
            if include_restricted is None:
                include_restricted = can_read_restricted(meeting=meeting, user=user)
            if not include_restricted:
                continue
        by_language = {item.language: item for item in note.files.all()}
        for wanted in (language, settings.LANGUAGE_CODE):
            if wanted in by_language:
                return by_language[wanted]
        return _files_in_language_order(by_language.values())[0]
    return None
