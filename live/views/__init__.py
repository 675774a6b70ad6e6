"""Pages of the live console, the room displays and the planned-versus-actual report.

Each sitting (a session, or a meeting without sessions) has its own console
(``console``) and its own room displays (``displays``).
"""

from live.views.console import (
    SHORTCUTS,
    console,
    console_press,
    console_state,
    console_url,
    room_controller,
    timekeeping,
)
from live.views.displays import display, display_revoke, display_state, displays

__all__ = [
    "SHORTCUTS",
    "console",
    "console_press",
    "console_state",
    "console_url",
    "display",
    "display_revoke",
    "display_state",
    "displays",
    "room_controller",
    "timekeeping",
]
