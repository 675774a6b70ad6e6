from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Accepted and published")


class CooperationKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class Modality(models.TextChoices):
    """The forms of cooperation of the Inter-American Social Protection Network."""

    EXPERT_VISIT = "expert_visit", _("Expert visit")
    INTERNSHIP = "internship", _("Internship")
    TRAINING = "training", _("Training")
    STUDY_TOUR = "study_tour", _("Study tour")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")
