from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    OAS_SECRETARIAT = "oas_secretariat", _("OAS General Secretariat unit")
    OAS_BODY = "oas_body", _("OAS specialized body")
    INTERNATIONAL = "international", _("International organization")
    OBSERVER = "observer", _("Permanent observer")
    OTHER = "other", _("Other entity")


class DelegationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERING = "registering", _("Registering")
    SUBMITTED = "submitted", _("Credentials submitted")
    ACCREDITED = "accredited", _("Accredited")
    RETURNED = "returned", _("Returned for correction")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DelegationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member state")
    OBSERVER = "observer", _("Permanent observer")
    ORGANIZATION = "organization", _("Organization")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head of delegation / principal representative")
    ALTERNATE = "alternate", _("Alternate representative")
    ADVISER = "adviser", _("Adviser")
    OTHER = "other", _("Other")


class FloorRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
