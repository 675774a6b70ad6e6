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
# Office files are ZIP archives; refuse archives that expand far beyond their size.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000


def _office_kind(names):
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def _zip_entry_names(uploaded):
    """Return the names inside a ZIP upload, or None when it is broken or a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(uploaded.read())) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        return None
    finally:
        uploaded.seek(0)
    too_many = len(infos) > MAX_ZIP_ENTRIES
    too_big = sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES
    return None if too_many or too_big else {info.filename for info in infos}


def detect_document_type(uploaded):
    """Return PDF, DOCX or PPTX by reading the file's bytes, or None when it is neither."""
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
    kind = detect_document_type(uploaded)
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
