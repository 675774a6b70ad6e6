"""Who may press the live console's controls."""

from django.db.models import Q

from accounts.roles import can_run_meetings
from speakers.models import Person


def can_control_room(user, meeting):
    """Return True for the secretariat, moderators, the meeting's chairs and its part leads.

    The chairs are the meeting's and its sessions'. A chair or part lead is recognised by
    the account linked to their ``Person`` record.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if can_run_meetings(user):
        return True
    return (
        Person.objects.filter(user=user)
        .filter(
            Q(chaired_meetings=meeting)
            | Q(chaired_sessions__meeting=meeting)
            | Q(led_segments__meeting=meeting)
        )
        .exists()
    )
