"""What the live app adds to pages of the apps below it (see ``agenda.panels``)."""

from agenda.panels import Panel
from live.rules import can_control_room


def console_link(*, meeting, user):
    """Offer the console and the planned-versus-actual page to those who run the room."""
    if not can_control_room(user, meeting):
        return None
    return Panel(template="live/includes/meeting_actions.html", place="actions")
