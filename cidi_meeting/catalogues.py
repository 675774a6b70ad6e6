"""The portal's message catalogues (locale/<lang>/LC_MESSAGES/django.po).

``python -m cidi_meeting.catalogues`` compiles them to ``.mo`` files with polib, for
machines without GNU gettext (``make`` prefers ``manage.py compilemessages`` when
``msgfmt`` is installed). ``catalogue_problems`` lists what keeps a catalogue from being
complete: untranslated or fuzzy entries, and placeholders that differ from the English.
"""

import re
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


def catalogue_paths():
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


OVERRIDES = "cidi_meeting/catalogue_overrides.py"


def _library_override(entry):
    """True for an allauth or Django string the portal may translate in its own words.

    Listed only in ``cidi_meeting/catalogue_overrides.py``; left empty in a language, the
    library's own translation is used (an empty entry is not compiled).
    """
    return bool(entry.occurrences) and all(
        where.endswith(OVERRIDES) for where, _line in entry.occurrences
    )


def catalogue_problems(path):
    """Return one line per problem of the catalogue at ``path`` (empty when complete)."""
    catalogue = polib.pofile(str(path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{path.parent.parent.name}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where} is fuzzy")
        if not entry.translated():
            if not _library_override(entry):
                problems.append(f"{where} is not translated")
            continue
        wanted = _placeholders(entry.msgid)
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural:
            wanted_plural = _placeholders(entry.msgid_plural)
            if any(_placeholders(text) not in (wanted, wanted_plural) for text in translations):
                problems.append(f"{where} has other placeholders than the English")
        elif _placeholders(entry.msgstr) != wanted:
            problems.append(f"{where} has other placeholders than the English")
    return problems


def compile_catalogues():
    """Write the ``.mo`` file beside each ``.po`` file; return how many were written."""
    paths = catalogue_paths()
    for path in paths:
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
    return len(paths)


if __name__ == "__main__":
    count = compile_catalogues()
    sys.stdout.write(f"Compiled {count} message catalogues with polib.\n")
