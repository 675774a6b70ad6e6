"""The register of a meeting's official documents as the API gives it: public ones only.

Each file links to the register's own download address (``documents:register_file``),
which checks access again.
"""

from django.db.models import Count, Max

from api.languages import translated
from documents.register.enums import OfficialDocumentAccess
from documents.register.models import OfficialDocument
from documents.register.selectors import register_documents


def register_validators(meeting):
    """Return what changes with the meeting's public register: count and latest changes."""
    return OfficialDocument.objects.filter(
        meeting=meeting, access=OfficialDocumentAccess.PUBLISHED
    ).aggregate(
        document_count=Count("pk", distinct=True),
        file_count=Count("files", distinct=True),
        changed=Max("updated_at"),
        uploaded=Max("files__uploaded_at"),
    )


def public_documents(meeting, *, request):
    """Return the meeting's published documents with their files (two queries)."""
    return [
        {
            "id": document.pk,
            "symbol": document.symbol,
            **translated(document, "title"),
            "document_type": document.document_type,
            "document_type_label": str(document.get_document_type_display()),
            "version": document.version,
            "files": [
                {
                    "language": file.language,
                    "kind": file.kind,
                    "size": file.size,
                    "url": request.build_absolute_uri(file.get_absolute_url()),
                }
                for file in document.file_list
            ],
        }
        for document in register_documents(meeting=meeting, include_restricted=False)
    ]
