from django.db import models
from django.utils.translation import gettext_lazy as _


class Body(models.TextChoices):
    CIDI = "CIDI", _("Inter-American Council for Integral Development (CIDI)")
    CIDES = "CIDES", _("Inter-American Committee on Social Development (CIDES)")
    REMDES = "REMDES", _("Meeting of Ministers and High Authorities of Social Development (REMDES)")
    OTHER = "other", _("Other body")


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    SPECIAL = "special", _("Special meeting")
    MINISTERIAL = "ministerial", _("Ministerial meeting")
    THEMATIC_DIALOGUE = "thematic_dialogue", _("Thematic dialogue")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class LeadRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")


class SegmentKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    HIGH_LEVEL = "high_level", _("High-level remarks")
    TECHNICAL_PANEL = "technical_panel", _("Technical panel")
    QUESTIONS = "questions", _("Questions and answers")
    DELEGATIONS_DIALOGUE = "delegations_dialogue", _("Delegations' dialogue")
    INTERACTIVE_DIALOGUE = "interactive_dialogue", _("Interactive dialogue")
    CLOSING = "closing", _("Closing")
    BREAK = "break", _("Break")


class Precedence(models.TextChoices):
    """How the delegations of a meeting are ordered (list of participants, floor)."""

    CREDENTIALS_DATE = "credentials_date", _("By date of presentation of credentials")
    LOT = "lot", _("By lot (drawn once, reproducible)")
    ALPHABETICAL_EN = "alphabetical_en", _("Alphabetical, English names")
    ALPHABETICAL_ES = "alphabetical_es", _("Alphabetical, OAS Spanish names")


class SlotStatus(models.TextChoices):
    """Where a speaker slot stands: declined and withdrawn slots are not heard or timed."""

    # Not yet an answer, whether or not an invitation went out (speakers.selectors tells).
    INVITED = "invited", _("Not confirmed yet")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
