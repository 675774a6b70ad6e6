from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inclusion.enums import Gender, Group


class SelfDeclaration(models.Model):
    """What one person chose to declare of themselves: never required, theirs to delete.

    It belongs to a speaker record or to a delegation member, never both. A member linked
    to a speaker record (``DelegationMember.person``) is one human: the figures read the
    person's declaration first, then the member's. It keeps no history, so that a deleted
    declaration is gone.
    """

    person = models.OneToOneField(
        "speakers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="self_declaration",
        verbose_name=_("speaker record"),
    )
    member = models.OneToOneField(
        "delegations.DelegationMember",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="self_declaration",
        verbose_name=_("delegation member"),
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    # One field per group of ``inclusion.enums.Group``, named by its value.
    indigenous = models.BooleanField(_("Indigenous peoples"), default=False)
    afro_descendant = models.BooleanField(_("Afro-descendants"), default=False)
    disability = models.BooleanField(_("Persons with disabilities"), default=False)
    older = models.BooleanField(_("Older persons"), default=False)
    youth = models.BooleanField(_("Youth"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("self-declaration")
        verbose_name_plural = _("self-declarations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(member__isnull=True))
                | (Q(person__isnull=True) & Q(member__isnull=False)),
                name="inclusion_declaration_one_owner",
            )
        ]

    def __str__(self):
        owner = self.person if self.person_id else self.member
        return str(_("Self-declaration of %(name)s") % {"name": owner})

    @property
    def groups(self):
        """Return the values of the groups declared, in the order of ``Group``."""
        return [group for group in Group.values if getattr(self, group)]
