"""Time zones by the names readers know: "Eastern Time, New York", "hora oriental, Nueva York".

A meeting stores its zone as an IANA id ("America/New_York"): right for iCalendar files,
``datetime`` attributes and scripts, but not a name a delegate reads. The names come from
CLDR through Babel, in the active language. A built-in of the template engine (settings),
so that every page and email can use ``{{ meeting.time_zone|zone_name }}``.
"""

import functools
import zoneinfo

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone, get_timezone_location, get_timezone_name
from django import template
from django.utils import translation

register = template.Library()

# Zones without a place: CLDR has no city for them, so they keep their own id.
PLACELESS = {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}


def _zone_and_locale(zone_id, language):
    """Return Babel's zone and locale, or None for a zone without a place or unknown."""
    if not zone_id or zone_id in PLACELESS:
        return None
    try:
        return get_timezone(zone_id), Locale.parse(translation.to_locale(language))
    except (LookupError, ValueError, UnknownLocaleError, zoneinfo.ZoneInfoNotFoundError):
        return None


@functools.lru_cache(maxsize=256)
def localized_zone_name(zone_id, language):
    """Return a zone's generic name and main city in a language, or the id if unknown."""
    found = _zone_and_locale(zone_id, language)
    if found is None:
        return zone_id
    zone, locale = found
    name = get_timezone_name(zone, width="long", zone_variant="generic", locale=locale)
    city = localized_zone_city(zone_id, language)
    # After a comma, not in parentheses: the name is often shown in parentheses itself
    # ("10:00 (Eastern Time, New York)").
    return f"{name}, {city}"


@register.filter
def zone_name(zone_id):
    """Return the zone's name in the active language ("Eastern Time, New York")."""
    return localized_zone_name(str(zone_id or ""), translation.get_language() or "en")


@functools.lru_cache(maxsize=256)
def localized_zone_city(zone_id, language):
    """Return the main city of a zone in a language, or the id if it has none."""
    found = _zone_and_locale(zone_id, language)
    if found is None:
        return zone_id
    zone, locale = found
    return get_timezone_location(zone, locale=locale, return_city=True)


@register.filter
def zone_city(zone_id):
    """Return the zone's city in the active language ("Nueva York"), where room is short.

    A one-page PDF agenda has no room for "heure de l’Est nord-américain, New York".
    """
    return localized_zone_city(str(zone_id or ""), translation.get_language() or "en")


@register.filter
def with_zone(value, zone_id):
    """Return a date or time followed by its zone's name: "17 Nov 2022 10:00 (Eastern…)"."""
    return f"{value} ({zone_name(zone_id)})"
