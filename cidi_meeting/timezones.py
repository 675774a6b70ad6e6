"""The time zones people can choose: current IANA zones, never their old aliases.

``zoneinfo.available_timezones()`` also lists the links the tz database keeps for
backward compatibility (Europe/Tiraspol, Pacific/Truk, US/Eastern…). Offering them
makes a long list longer and invites names nobody uses any more, so the choices are the
zones the database defines as zones (``Z`` lines of ``tzdata.zi``) and the zone of every
country (``zone.tab``: America/Nassau or America/Port_of_Spain, which the database now
keeps as links, are still the names people of those member states know), with UTC.
Stored values that are old aliases still work: validation accepts any name zoneinfo knows.
"""

import functools
import importlib.resources
import zoneinfo

from django.utils import translation

from cidi_meeting.templatetags.zones import localized_zone_name


@functools.cache
def current_time_zones():
    """Return the sorted names of the current (non-deprecated) IANA time zones."""
    folder = importlib.resources.files("tzdata.zoneinfo")
    zones = folder.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines()
    countries = folder.joinpath("zone.tab").read_text(encoding="utf-8").splitlines()
    names = {line.split()[1] for line in zones if line.startswith("Z ")}
    names |= {line.split("\t")[2] for line in countries if line and not line.startswith("#")}
    names = {name for name in names if "/" in name and not name.startswith("Etc/")}
    names &= zoneinfo.available_timezones()
    return sorted(names | {"UTC"})


@functools.cache
def _labels(language):
    """Return each current zone's label in ``language``: its id and the name people know."""
    labels = {}
    for name in current_time_zones():
        known = localized_zone_name(name, language)
        readable = name.replace("_", " ")
        labels[name] = readable if known == name else f"{readable} · {known}"
    return labels


def time_zone_choices(current=""):
    """Return (value, label) choices, keeping ``current`` even when it is an old alias.

    A label gives the id and the zone's name in the active language ("America/New York ·
    hora oriental, Nueva York"), so that a zone is found by its city or by its name.
    """
    labels = _labels(translation.get_language() or "en")
    names = list(labels)
    if current and current not in labels:
        names = sorted([*names, current])
    return [(name, labels.get(name, name.replace("_", " "))) for name in names]
