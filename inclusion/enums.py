from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another gender identity")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Group(models.TextChoices):
    """The groups the concept note names; each is a field of ``SelfDeclaration``."""

    INDIGENOUS = "indigenous", _("Indigenous peoples")
    AFRO_DESCENDANT = "afro_descendant", _("Afro-descendants")
    DISABILITY = "disability", _("Persons with disabilities")
    OLDER = "older", _("Older persons")
    YOUTH = "youth", _("Youth")
