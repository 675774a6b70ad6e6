"""How times, time limits and delays read: one wording for pages, PDFs, emails and JS data.

Every function returns text in the active language; the clock times are locale-free
("10:07", 24-hour) as the OAS's documents print them.
"""

from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

# Beyond this the console was run on another day than the meeting's (a rehearsal, a
# demonstration): its times are shown, but minutes of delay would mean nothing.
REHEARSAL_MINUTES = 12 * 60


def clock(moment):
    """Return "10:07" for an aware or naive ``moment`` as it is, or "" for None."""
    return f"{moment:%H:%M}" if moment is not None else ""


def local_clock(moment, tz):
    """Return the time of ``moment`` in the time zone ``tz`` ("10:07"), or "" for None.

    Times the live console recorded come from the database in UTC; planned times are in
    the meeting's time zone. Both print in the meeting's.
    """
    return clock(moment.astimezone(tz)) if moment is not None else ""


def minutes_label(minutes):
    """Return "7 min"."""
    return _("%(minutes)s min") % {"minutes": minutes}


def time_limit_label(slot):
    """Return a slot's time limit as announced: "5 + 2 min", or "7 min" without questions."""
    if slot.qa_minutes:
        return _("%(speaking)s + %(qa)s min") % {
            "speaking": slot.speaking_minutes,
            "qa": slot.qa_minutes,
        }
    return minutes_label(slot.speaking_minutes)


def is_off_day(minutes):
    """Return True when a delay means the room ran on another day than planned."""
    return minutes is not None and abs(minutes) > REHEARSAL_MINUTES


def is_late(minutes):
    """Return True for a real delay (not one of a rehearsal on another day)."""
    return minutes is not None and 0 < minutes <= REHEARSAL_MINUTES


def delay_label(minutes):
    """Return a delay as the console and the agenda page say it: "3 min late", "On time"."""
    if minutes is None:
        return ""
    if is_off_day(minutes):
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
    if not minutes or is_off_day(minutes):
        return ""
    sign = "+" if minutes > 0 else "−"
    return _("%(sign)s%(minutes)s min") % {"sign": sign, "minutes": abs(minutes)}


def delay_brief(minutes):
    """Return a delay for a printed table: "+3 min", "−2 min", "on time" or "not on the
    planned day"."""
    if is_off_day(minutes):
        return _("not on the planned day")
    return delay_short(minutes) or _("on time")


def in_sentence(language_name):
    """Return a language's name as written inside a sentence of the active language.

    English capitalizes language names ("Spanish"); Spanish, French and Portuguese write
    them in lower case ("español", "anglais", "português"), as the portal's lists of
    choices capitalize them.
    """
    name = str(language_name)
    return name if (get_language() or "en").startswith("en") else name.lower()


def shown_language(record, field):
    """Return the language ``record.field`` is shown in, when not the active language's.

    A translated text missing in the page's language falls back to another version
    (``MODELTRANSLATION_FALLBACK_LANGUAGES``); that version's language is returned, so
    that its element can say so (``lang``). None when the text is in the page's language
    or empty.
    """
    language = (get_language() or "en")[:2]
    if record is None or (getattr(record, f"{field}_{language}", None) or "").strip():
        return None
    return next(
        (
            code
            for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES
            if (getattr(record, f"{field}_{code}", None) or "").strip()
        ),
        None,
    )
