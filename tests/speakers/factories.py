"""Factories and sample files for the speakers' tests."""

import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from cidi_meeting.uploads import PDF, generated_name
from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation, Statement
from tests.factories import PersonFactory, SpeakerSlotFactory


def pdf_bytes():
    """Return a complete one-page PDF: catalogue, page tree, page, cross-references."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    document = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    document += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    document += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(document)


PDF_BYTES = pdf_bytes()
# The 8-byte signature and IHDR chunk of a PNG image.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x00IEND\xaeB`\x82"
)


def docx_bytes(text="Statement of the delegation"):
    """Return a minimal Word document: content types, package relations, document body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


class SpeakerInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation to a slot still awaiting the speaker's answer."""

    class Meta:
        model = SpeakerInvitation

    slot = factory.SubFactory(
        SpeakerSlotFactory,
        status=SlotStatus.INVITED,
        person=factory.SubFactory(
            PersonFactory, email=factory.Sequence(lambda n: f"speaker{n}@example.org")
        ),
    )
    email = factory.LazyAttribute(lambda invitation: invitation.slot.person.email)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


def stored_statement_file(content=PDF_BYTES, kind=PDF):
    return default_storage.save(generated_name("statements", kind), ContentFile(content))


class StatementFactory(factory.django.DjangoModelFactory):
    """A PDF statement already in storage."""

    class Meta:
        model = Statement

    slot = factory.SubFactory(SpeakerSlotFactory)
    file = factory.LazyFunction(stored_statement_file)
    original_name = "Statement of Panama.pdf"
    kind = PDF
    size = len(PDF_BYTES)
