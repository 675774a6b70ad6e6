"""Official documents of a meeting and their files, one per language."""

from pathlib import PurePath

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from cidi_meeting.uploads import CONTENT_TYPES, LABELS, generated_name
from documents.register.enums import OfficialDocumentAccess, OfficialDocumentType


def official_document_path(instance, filename):
    """Store an official document's file under a generated name (never the uploaded one)."""
    return generated_name(
        "official-documents", PurePath(filename).suffix.lstrip(".").lower() or "pdf"
    )


class OfficialDocument(models.Model):
    """A document of a meeting's register, such as its concept note ``CIDI/doc. 1/22``."""

    meeting = models.ForeignKey(
        "agenda.Meeting",
        on_delete=models.CASCADE,
        related_name="official_documents",
        verbose_name=_("meeting"),
    )
    symbol = models.CharField(
        _("symbol"), max_length=80, help_text=_("As issued, e.g. CIDI/doc. 1/22 or CIDI/INF. 3/22.")
    )
    title = models.CharField(_("title"), max_length=400)
    document_type = models.CharField(
        _("document type"), max_length=20, choices=OfficialDocumentType.choices
    )
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, validators=[MinValueValidator(1)]
    )
    access = models.CharField(
        _("access"),
        max_length=10,
        choices=OfficialDocumentAccess.choices,
        default=OfficialDocumentAccess.PUBLISHED,
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Documents are listed by this number, then symbol.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["meeting", "order", "symbol", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "symbol"], name="one_official_document_per_symbol"
            ),
        ]

    def __str__(self):
        return self.symbol

    def get_absolute_url(self):
        return reverse("documents:register", kwargs={"slug": self.meeting.slug})

    @property
    def is_restricted(self):
        return self.access == OfficialDocumentAccess.RESTRICTED


class OfficialDocumentFile(models.Model):
    """The file of an official document in one of the official languages."""

    document = models.ForeignKey(
        OfficialDocument,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("document"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), max_length=200, upload_to=official_document_path)
    kind = models.CharField(_("file type"), max_length=4)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("official document file")
        verbose_name_plural = _("official document files")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_official_file_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.document.symbol} ({self.language})"

    def get_absolute_url(self):
        return reverse(
            "documents:register_file",
            kwargs={
                "slug": self.document.meeting.slug,
                "pk": self.document_id,
                "language": self.language,
            },
        )

    @property
    def kind_label(self):
        return LABELS.get(self.kind, self.kind.upper())

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.kind, "application/octet-stream")
