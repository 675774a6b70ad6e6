"""Documents rendered by the workers (run-of-show, participants, compendium, summary)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language


class DocumentKind(models.TextChoices):
    RUN_OF_SHOW = "run-of-show", _("Scenario (run-of-show)")
    PARTICIPANTS = "participants", _("List of participants")
    GOOD_PRACTICES = "good-practices", _("Compendium of good practices")
    SUMMARY = "summary", _("Meeting summary")
    PODIUM = "podium", _("Scenario, podium edition")
    PUBLIC_AGENDA = "public-agenda", _("Agenda for delegates (one page)")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PaperSize(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("US Letter")


class Orientation(models.TextChoices):
    PORTRAIT = "portrait", _("Portrait")
    LANDSCAPE = "landscape", _("Landscape")


class RenderedDocument(models.Model):
    """One rendering of a meeting document, cached by the content it was made from."""

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    paper = models.CharField(
        _("paper size"), max_length=6, choices=PaperSize.choices, default=PaperSize.A4
    )
    orientation = models.CharField(
        _("orientation"), max_length=9, choices=Orientation.choices, default=Orientation.PORTRAIT
    )
    fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        help_text=_("A hash of the content and options the document is made from."),
    )
    content_fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A hash of the content alone (whatever the language and paper)."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Counts the changes of content of this kind of document for the meeting."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    error = models.TextField(_("reason of the failure"), blank=True)
    file = models.FileField(_("file"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    page_count = models.PositiveSmallIntegerField(_("pages"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # The session a document is limited to (a run-of-show of one session); 0: the meeting.
    session_key = models.PositiveIntegerField(_("session"), default=0)

    class Meta:
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "meeting",
                    "kind",
                    "language",
                    "paper",
                    "orientation",
                    "session_key",
                    "fingerprint",
                ],
                name="one_rendering_per_content_and_options",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version} ({self.language})"


class DocumentVersion(models.Model):
    """One content of a kind of document of a meeting, and the version number it has.

    A document's version is the number of the content it shows: a new content (a new
    fingerprint of what the kind's builder returns, read in one fixed language) takes the
    next number, the same content always the same number, whatever the language, paper
    and orientation and whether it was rendered by a worker or by ``render_document``.
    """

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.CASCADE, related_name="document_versions"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    content_fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    number = models.PositiveIntegerField(_("version"))
    # A session's own document (its run-of-show) is numbered apart from the meeting's.
    session_key = models.PositiveIntegerField(_("session"), default=0)
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["meeting", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "session_key", "content_fingerprint"],
                name="one_version_per_content",
            ),
            models.UniqueConstraint(
                fields=["meeting", "kind", "session_key", "number"],
                name="one_content_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.number}"


# The register of official documents (documents.register) keeps its models in its package;
# Django finds an app's models through this module.
from documents.register.models import OfficialDocument, OfficialDocumentFile  # noqa: E402, F401
