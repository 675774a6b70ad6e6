"""Write a person's own declaration: save it, or delete it.

No side effects: nothing is sent, logged or kept. A declaration keeps no history, so a
deleted one is gone, and one that declares nothing is not kept at all.
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from delegations.models import DelegationMember
from inclusion.enums import Gender, Group
from inclusion.models import SelfDeclaration
from speakers.models import Person


def _owner_lookup(owner):
    """Return the field of ``SelfDeclaration`` that holds ``owner``, as a lookup."""
    if isinstance(owner, Person):
        return {"person": owner}
    if isinstance(owner, DelegationMember):
        return {"member": owner}
    raise TypeError(f"A declaration belongs to a speaker record or a member, not {owner!r}.")


def declaration_save(
    *, owner: Person | DelegationMember, gender: str, groups: Collection[str]
) -> SelfDeclaration | None:
    """Store what the person of ``owner`` declares; return None when nothing is declared.

    ``gender`` is a value of ``Gender`` or "" (no answer); ``groups`` holds values of
    ``Group``. Declaring nothing at all deletes the declaration there was.
    """
    if gender and gender not in Gender.values:
        raise ValidationError(_("Choose one of the answers offered for gender."))
    unknown = set(groups) - set(Group.values)
    if unknown:
        raise ValidationError(_("Choose only among the groups offered."))
    lookup = _owner_lookup(owner)
    if not gender and not groups:
        declaration_delete(owner=owner)
        return None
    values = {"gender": gender, **{group: group in groups for group in Group.values}}
    with transaction.atomic():
        declaration, _created = SelfDeclaration.objects.update_or_create(**lookup, defaults=values)
    return declaration


def declaration_delete(*, owner: Person | DelegationMember) -> bool:
    """Delete the declaration of ``owner``'s person; return whether there was one."""
    deleted, _by_model = SelfDeclaration.objects.filter(**_owner_lookup(owner)).delete()
    return bool(deleted)
