from django.db import models
from django.utils.translation import gettext_lazy as _

# Whether a slot is heard is the agenda's concern (it times only the slots that are).
from agenda.enums import SlotStatus

__all__ = ["Attendance", "GrammaticalGender", "InvitationResponse", "SlotRole", "SlotStatus"]


class SlotRole(models.TextChoices):
    HIGH_AUTHORITY = "high_authority", _("High authority")
    PANELIST = "panelist", _("Panelist")
    MODERATOR = "moderator", _("Moderator")
    CHAIR = "chair", _("Chair")
    DELEGATION = "delegation", _("Delegation")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class Attendance(models.TextChoices):
    IN_ROOM = "in_room", _("In the room")
    REMOTE = "remote", _("Remote")


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class GrammaticalGender(models.TextChoices):
    """The grammatical gender of a person's role names ("la moderadora", "le président")."""

    FEMININE = "f", _("Feminine (la moderadora, la présidente)")
    MASCULINE = "m", _("Masculine (el moderador, le président)")
