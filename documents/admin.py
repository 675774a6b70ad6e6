"""Rendered documents in the admin site: made by the workers, shown here, never edited.

The register's official documents are edited here too; their files only through the
register's own form, which checks each upload by its content.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cidi_meeting.admin_base import ReadOnlyAdmin, in_every_language
from documents.models import (
    DocumentVersion,
    OfficialDocument,
    OfficialDocumentFile,
    RenderedDocument,
)


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


class OfficialDocumentFileInline(admin.TabularInline):
    model = OfficialDocumentFile
    fields = ["language", "kind", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(TranslationAdmin):
    list_display = ["symbol", "title", "document_type", "version", "access", "meeting"]
    list_filter = ["document_type", "access"]
    search_fields = ["symbol", *in_every_language("title")]
    list_select_related = ["meeting"]
    inlines = [OfficialDocumentFileInline]


@admin.register(OfficialDocumentFile)
class OfficialDocumentFileAdmin(ReadOnlyAdmin):
    list_display = ["document", "language", "kind", "size", "uploaded_at"]
    list_filter = ["language", "kind"]
    search_fields = ["document__symbol"]
    list_select_related = ["document"]
