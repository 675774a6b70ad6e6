"""Who may see and change good practices and cooperation items.

Published practices are public. A draft, submitted or returned practice is seen only by
its delegation's focal point and by the secretariat; to anyone else it does not exist.
"""

from accounts import roles
from outcomes.enums import PracticeStatus


def owns(user, delegation):
    """Return True when ``user`` is the focal point of ``delegation``."""
    return user.is_authenticated and delegation.focal_point_id == user.pk


def can_view_practice(user, practice):
    if practice.status == PracticeStatus.PUBLISHED:
        return True
    return roles.is_secretariat(user) or owns(user, practice.delegation)


def can_edit_practice(user, practice):
    """The focal point edits drafts and returned practices; the secretariat edits any."""
    if roles.is_secretariat(user):
        return True
    return owns(user, practice.delegation) and practice.status in {
        PracticeStatus.DRAFT,
        PracticeStatus.RETURNED,
    }
