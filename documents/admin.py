"""Rendered documents in the admin site: made by the workers, shown here, never edited."""

from django.contrib import admin

from cidi_meeting.admin_base import ReadOnlyAdmin, in_every_language
from documents.models import DocumentVersion, RenderedDocument


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "meeting",
        "language",
        "version",
        "status",
        "page_count",
        "size",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status", "language"]
    search_fields = [*in_every_language("meeting__title"), "fingerprint"]
    date_hierarchy = "created_at"
    list_select_related = ["meeting"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "meeting", "number", "created_at"]
    list_filter = ["kind"]
    search_fields = [*in_every_language("meeting__title"), "content_fingerprint"]
    list_select_related = ["meeting"]
