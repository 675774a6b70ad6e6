from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The portal's roles; each is a Django group of the same name."""

    SECRETARIAT = "Secretariat", _("Secretariat")
    MODERATOR = "Moderator", _("Moderator")
    FOCAL_POINT = "Delegation focal point", _("Delegation focal point")
    DELEGATE = "Delegate", _("Delegate")


class Language(models.TextChoices):
    """The four official languages of the OAS."""

    EN = "en", _("English")
    ES = "es", _("Spanish")
    FR = "fr", _("French")
    PT = "pt", _("Portuguese")
