"""Official documents of the register, stored with real file content."""

from django.core.files.base import ContentFile
from django.utils import translation

from documents.register.enums import OfficialDocumentAccess, OfficialDocumentType
from documents.register.services import official_document_save
from tests.speakers.factories import PDF_BYTES


def pdf_upload(name="document.pdf", content=PDF_BYTES):
    return ContentFile(content, name=name)


def official_document(
    meeting,
    symbol="CIDI/doc. 1/22",
    *,
    title="Concept note",
    document_type=OfficialDocumentType.CONCEPT_NOTE,
    access=OfficialDocumentAccess.PUBLISHED,
    languages=("en",),
    order=0,
    version=1,
):
    """Save a document of ``meeting``'s register with a PDF in each of ``languages``."""
    with translation.override("en"):
        return official_document_save(
            meeting=meeting,
            data={
                "symbol": symbol,
                "title": title,
                "document_type": document_type,
                "access": access,
                "order": order,
                "version": version,
            },
            files={language: pdf_upload(f"{language}.pdf") for language in languages},
        )
