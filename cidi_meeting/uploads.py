"""Uploaded documents: checked by their content, size-limited, stored under new names.

A PDF must be a PDF a reader can open (a catalogue and at least one page, read with
pypdf), not a web page that merely starts with ``%PDF-``, and must carry no scripts,
launch or form-submission actions and no HTML. Whatever name a file was uploaded under,
it is stored and served with the extension of the type its content shows.
"""

import io
import re
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF, DOCX, PPTX = "pdf", "docx", "pptx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", PPTX: "PowerPoint (PPTX)"}
# Office files are ZIP archives; refuse archives that expand far beyond their size (zip
# bombs): too much data once unpacked, too many parts, or packed too tightly. Real Word
# and PowerPoint files unpack to a few times their size (XML packs about 10:1, images not
# at all); the ratio is only judged above MIN_BYTES_FOR_RATIO unpacked.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_COMPRESSION_RATIO = 100
MIN_BYTES_FOR_RATIO = 5 * 1024 * 1024
# What a PDF may not carry: keys that hold scripts or actions run on an event (opening
# the file or a page, a form field), and actions that run code, start a program or send
# what was typed into the document somewhere. Links to web pages (/URI) are allowed.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA"}
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
# Looked for in the raw bytes as well, in case a script hides in an object no reference
# reaches; HTML markup makes the file a web page too (a polyglot).
PDF_ACTIVE_BYTES = re.compile(
    rb"/(?:JavaScript|Launch)(?![A-Za-z0-9])|<script|<html|<!doctype html", re.IGNORECASE
)
MAX_PDF_OBJECTS = 500_000
MAX_NAME_LENGTH = 255


class UnsafeArchive(Exception):
    """The archive would expand to too much data or too many parts."""


class ActiveContent(Exception):
    """The PDF carries scripts, actions that start programs or send data, or HTML."""


def _pdf_is_active(reader):
    """Return whether any object the document reaches holds a script or an active action."""
    seen = set()
    pending = [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                return True
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if PDF_ACTIVE_KEYS & set(item.keys()):
                return True
            if item.get("/S") in PDF_ACTIVE_ACTIONS:
                return True
            pending.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            pending.extend(list.__iter__(item))
    return False


def _is_readable_pdf(uploaded):
    """Return whether ``uploaded`` opens as a PDF with a catalogue and at least one page.

    Raises ``ActiveContent`` for a PDF with scripts, active actions or HTML.
    """
    data = uploaded.read()
    uploaded.seek(0)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        catalogue = reader.trailer["/Root"].get_object()
        if not isinstance(catalogue, DictionaryObject) or "/Pages" not in catalogue:
            return False
        if len(reader.pages) < 1:
            return False
        active = _pdf_is_active(reader)
    except ActiveContent:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on a broken file
        return False
    if active or PDF_ACTIVE_BYTES.search(data):
        raise ActiveContent
    return True


def _office_kind(names):
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def _zip_entry_names(uploaded):
    """Return the names inside a ZIP upload, or None when it is broken.

    Raises ``UnsafeArchive`` for a zip bomb: more than ``MAX_ZIP_ENTRIES`` parts, more
    than ``MAX_UNZIPPED_BYTES`` unpacked, or packed more than ``MAX_COMPRESSION_RATIO``
    times (as a whole or any one part) once it unpacks to more than
    ``MIN_BYTES_FOR_RATIO``. Judged from the archive's directory, nothing is unpacked.
    """
    data = uploaded.read()
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnsafeArchive("too many entries")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise UnsafeArchive("too large unpacked")
    if unpacked > MIN_BYTES_FOR_RATIO:
        if unpacked > MAX_COMPRESSION_RATIO * max(len(data), 1):
            raise UnsafeArchive("compression ratio")
        for info in infos:
            if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1) and (
                info.file_size > MIN_BYTES_FOR_RATIO
            ):
                raise UnsafeArchive("compression ratio")
    return {info.filename for info in infos}


def detect_document_type(uploaded):
    """Return PDF, DOCX or PPTX by reading the file's bytes, or None when it is neither.

    Raises ``UnsafeArchive`` for an Office file that is a zip bomb and ``ActiveContent``
    for a PDF with scripts or active actions.
    """
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF if _is_readable_pdf(uploaded) else None
    if not head.startswith(b"PK\x03\x04"):
        return None
    names = _zip_entry_names(uploaded)
    return _office_kind(names) if names else None


def name_for_type(name, kind):
    """Return the file name ``name`` with the extension of ``kind`` in place of its own."""
    path = PurePath(PurePath(name or "").name)
    stem = (path.stem if path.suffix else path.name) or "document"
    return f"{stem[: MAX_NAME_LENGTH - len(kind) - 1]}.{kind}"


def validate_document(uploaded, *, allowed, max_bytes):
    """Return the detected type of ``uploaded`` or raise a ValidationError saying why.

    A valid upload is renamed with the extension of its detected type (``Annex.html``
    that is a PDF becomes ``Annex.pdf``), the name it is then stored and served under.
    """
    allowed_labels = ", ".join(LABELS[kind] for kind in allowed)
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    try:
        kind = detect_document_type(uploaded)
    except UnsafeArchive:
        raise ValidationError(
            _(
                "This file was refused as unsafe: it would expand to far more data (or "
                "many more parts) than a real document. Save it again from Word or "
                "PowerPoint, or send it as a PDF."
            ),
            code="unsafe_archive",
        ) from None
    except ActiveContent:
        raise ValidationError(
            _(
                "This PDF contains scripts or actions that run programs or send data, "
                "which the portal refuses. Print it to a new PDF (Print, then Save as PDF) "
                "and upload that one."
            ),
            code="active_content",
        ) from None
    if kind not in allowed:
        raise ValidationError(
            _("This file is not a %(allowed)s document (its content was checked)."),
            code="wrong_type",
            params={"allowed": allowed_labels},
        )
    uploaded.name = name_for_type(uploaded.name, kind)
    return kind


def generated_name(folder, kind):
    """Return a storage path under ``folder`` with a random name and the type's extension."""
    return str(PurePath(folder) / f"{uuid.uuid4().hex}.{kind}")
