"""Uploaded documents: checked by their content, size-limited, stored under new names."""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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


class UnsafeArchive(Exception):
    """The archive would expand to too much data or too many parts."""


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

    Raises ``UnsafeArchive`` for an Office file that is a zip bomb.
    """
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    names = _zip_entry_names(uploaded)
    return _office_kind(names) if names else None


def validate_document(uploaded, *, allowed, max_bytes):
    """Return the detected type of ``uploaded`` or raise a ValidationError saying why."""
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
    if kind not in allowed:
        raise ValidationError(
            _("This file is not a %(allowed)s document (its content was checked)."),
            code="wrong_type",
            params={"allowed": allowed_labels},
        )
    return kind


def generated_name(folder, kind):
    """Return a storage path under ``folder`` with a random name and the type's extension."""
    return str(PurePath(folder) / f"{uuid.uuid4().hex}.{kind}")
