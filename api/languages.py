"""The language of an answer, and the language each of its texts is really in.

The API is outside the pages' language prefix: a reader chooses with ``?lang=es`` (or
``fr``, ``pt``, ``en``), else with the ``Accept-Language`` header, else reads English.
A translated text missing in that language falls back as on the pages
(``MODELTRANSLATION_FALLBACK_LANGUAGES``), and the answer says which version it gives.
"""

from django.conf import settings
from django.utils.translation import get_language

from cidi_meeting.labels import shown_language
from cidi_meeting.language import OFFICIAL, browser_language

LANGUAGE_PARAMETER = "lang"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def reader_language(request):
    """Return the official language ``request`` asks for: ``?lang``, its header, or English.

    An unknown ``?lang`` is ignored like an absent one (the header decides).
    """
    asked = (request.GET.get(LANGUAGE_PARAMETER) or "").strip().lower()
    if asked in OFFICIAL:
        return asked
    return browser_language(request) or settings.LANGUAGE_CODE


def active_language():
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def text_language(record, field, text):
    """Return the language ``text`` (``record.field`` as read now) is in, or None if empty."""
    if not (text or "").strip():
        return None
    return shown_language(record, field) or active_language()


def translated(record, field, *, name=None):
    """Return ``{name: text, name_language: code}`` for a translated field of ``record``."""
    name = name or field
    text = getattr(record, field) or ""
    return {name: text, f"{name}_language": text_language(record, field, text)}


def taxonomy_name(term):
    """Return a term's name (instrument, group, theme) and the language it is in.

    Terms have a column per language and fall back to English (``Taxonomy.name``).
    """
    language = active_language()
    own = getattr(term, f"name_{language}", "")
    return {"name": term.name, "name_language": language if own else "en"}
