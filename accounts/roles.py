"""Role predicates: which of the portal's roles a user holds.

Roles are Django groups (see ``accounts.enums.Role``). The predicates read the groups
prefetched once per request by ``role_names``, so asking several questions about the
same user costs one query.
"""

from accounts.enums import Role


def role_names(user):
    """Return the set of role names the user holds (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user, role):
    return role in role_names(user)


def is_secretariat(user):
    """Return True for secretariat staff (and superusers, who administer the portal)."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.SECRETARIAT)


def is_moderator(user):
    return has_role(user, Role.MODERATOR)


def is_focal_point(user):
    return has_role(user, Role.FOCAL_POINT)


def is_delegate(user):
    return has_role(user, Role.DELEGATE)


def can_run_meetings(user):
    """Return True for those who may print the run-of-show and run the room."""
    return is_secretariat(user) or is_moderator(user)
