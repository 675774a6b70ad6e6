"""Writes of the register of official documents."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from documents.register.models import OfficialDocument, OfficialDocumentFile

NO_FILE_MESSAGE = _("Attach the document's file in at least one language.")
DOCUMENT_FIELDS = ("symbol", "title", "document_type", "version", "access", "order")


def _delete_stored(names, storage):
    """Remove stored files once the transaction that let them go has committed."""

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def official_document_save(
    *,
    meeting,
    data,
    files=None,
    remove=(),
    document=None,
):
    """Create (``document`` None) or change an official document of ``meeting`` and its
    files; return the document.

    ``data`` holds the document's fields (``title`` in the active language), ``files``
    maps a language code to an upload already checked by its content (named with the
    extension of its type, see ``cidi_meeting.uploads.validate_document``) which replaces
    that language's file, ``remove`` names the languages whose file goes.

    Raises ValidationError when the document would be left without a file in any
    language; nothing is saved then. Side effect: the replaced and removed files are
    deleted from storage after the commit.
    """
    files = files or {}
    existing = {} if document is None else {item.language: item for item in document.files.all()}
    remaining = (set(existing) - set(remove)) | set(files)
    if not remaining:
        raise ValidationError(NO_FILE_MESSAGE, code="no_file")
    storage = OfficialDocumentFile._meta.get_field("file").storage
    stale = []
    with transaction.atomic():
        if document is None:
            document = OfficialDocument(meeting=meeting)
        for name in DOCUMENT_FIELDS:
            if name in data:
                setattr(document, name, data[name])
        document.full_clean()
        document.save()
        for language in remove:
            if language in existing and language not in files:
                stale.append(existing[language].file.name)
                existing[language].delete()
        for language, upload in files.items():
            record = existing.get(language) or OfficialDocumentFile(
                document=document, language=language
            )
            if record.pk and record.file:
                stale.append(record.file.name)
            record.kind = PurePath(upload.name).suffix.lstrip(".").lower()
            record.size = upload.size
            record.file.save(upload.name, upload, save=False)
            record.save()
        if stale:
            _delete_stored(stale, storage)
    return document


def official_document_delete(*, document):
    """Delete an official document and, after the commit, its stored files."""
    names = [item.file.name for item in document.files.all() if item.file]
    storage = OfficialDocumentFile._meta.get_field("file").storage
    with transaction.atomic():
        document.delete()
        _delete_stored(names, storage)
