"""Choices of the register of official documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficialDocumentType(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    CONCEPT_NOTE = "concept-note", _("Concept note")
    DRAFT_DECLARATION = "draft-declaration", _("Draft declaration")
    REPORT = "report", _("Report")
    INFORMATION = "information", _("Information document")


class OfficialDocumentAccess(models.TextChoices):
    PUBLISHED = "published", _("Published to everyone")
    RESTRICTED = "restricted", _("Restricted to delegations")
