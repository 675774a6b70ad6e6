"""How a delay reads: "3 min late", "2 min early", "On time"."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Beyond this the console is being run on another day than planned (a rehearsal, a
# demonstration): minutes of delay would mean nothing.
REHEARSAL_MINUTES = 12 * 60


def delay_label(minutes):
    """Return a delay in minutes as the console and the agenda page show it."""
    if minutes is None:
        return ""
    if abs(minutes) > REHEARSAL_MINUTES:
        return _("Not on the planned day: times follow the clock, delay not counted")
    if minutes > 0:
        return ngettext("%(minutes)s min late", "%(minutes)s min late", minutes) % {
            "minutes": minutes
        }
    if minutes < 0:
        return ngettext("%(minutes)s min early", "%(minutes)s min early", -minutes) % {
            "minutes": -minutes
        }
    return _("On time")


def delay_short(minutes):
    """Return "+3 min", "−2 min" or "" (on time, or not on the planned day)."""
    if not minutes or abs(minutes) > REHEARSAL_MINUTES:
        return ""
    sign = "+" if minutes > 0 else "−"
    return _("%(sign)s%(minutes)s min") % {"sign": sign, "minutes": abs(minutes)}
