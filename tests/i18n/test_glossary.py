"""The catalogues follow the glossary (docs/glossary.csv, docs/glossary-avoid.csv).

Where an English string uses a glossary term, its translation uses the glossary's term for
that language (any of the forms it lists: singular, plural, with the article's gender);
no translation uses a form the glossary says to avoid. A translation may say a thing
another way only where this file lists the string, with why.
"""

import csv
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs"
LANGUAGES = ["es", "fr", "pt"]
# (language, English term, msgid) that say it another way on purpose.
ALLOWED = {
    # "Chef de délégation / représentant(e) principal(e)": both titles, the role's label.
}


def glossary():
    with (DOCS / "glossary.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def avoided():
    with (DOCS / "glossary-avoid.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def catalogue(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def translations(entry):
    if entry.msgid_plural:
        return list(entry.msgstr_plural.values())
    return [entry.msgstr]


def normalized(text):
    """Compare without case and with one kind of apostrophe and space."""
    return text.replace("’", "'").replace("\xa0", " ").replace("\u202f", " ").casefold()


def test_the_glossary_gives_every_term_in_every_language():
    for row in glossary():
        assert all(row[language].strip() for language in ["en", *LANGUAGES]), row
        assert row["source"].strip(), row


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_uses_the_glossarys_terms(language):
    departures = []
    for row in glossary():
        term = re.compile(rf"\b{re.escape(row['en'])}\b", re.IGNORECASE)
        forms = [normalized(form) for form in row[language].split("|")]
        for entry in catalogue(language):
            if not (term.search(entry.msgid) or term.search(entry.msgid_plural or "")):
                continue
            if (language, row["en"], entry.msgid) in ALLOWED:
                continue
            for text in translations(entry):
                if text and not any(form in normalized(text) for form in forms):
                    departures.append(f"{row['en']!r}: {entry.msgid!r} -> {text!r}")
    assert departures == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_avoids_what_the_glossary_rules_out(language):
    rules = [row for row in avoided() if row["language"] == language]
    found = [
        f"{rule['avoid']!r} in {text!r} (write {rule['instead']!r}: {rule['why']})"
        for entry in catalogue(language)
        for text in translations(entry)
        for rule in rules
        if re.search(rf"(?<!\w){re.escape(rule['avoid'])}(?!\w)", text)
    ]
    assert found == []
