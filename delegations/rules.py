"""Who may see and change a delegation.

A focal point sees and changes only its own delegation; a member whose portal account is
linked to the membership (``DelegationMember.account``, see ``delegations.member_access``)
reads it, while an address equal to the member's is not enough; the secretariat sees and
changes every one. Everyone else is told the delegation does not exist (404), so that its
existence is not revealed.
"""

from accounts import roles


def can_view_delegation(user, delegation):
    if not user.is_authenticated:
        return False
    if roles.is_secretariat(user) or delegation.focal_point_id == user.pk:
        return True
    return any(member.account_id == user.pk for member in delegation.members.all())


def can_edit_delegation(user, delegation):
    """Return True for the delegation's focal point and the secretariat."""
    if not user.is_authenticated:
        return False
    return roles.is_secretariat(user) or delegation.focal_point_id == user.pk
