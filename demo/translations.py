"""Spanish, French and Portuguese versions of the demo meeting's content, read from data.

``data/translations.json`` lists each text of ``demo.seed`` in English (exactly as the
field holds it, stripped of surrounding whitespace) with its Spanish, French and
Portuguese versions; ``demo_seed`` stores them in the ``<field>_es``/``_fr``/``_pt``
columns. A text left out (a proper name such as the moderator's) falls back to English.
"""

import json
from pathlib import Path

LANGUAGES = ("es", "fr", "pt")
DATA = Path(__file__).resolve().parent / "data" / "translations.json"


def translations_load(path=DATA):
    """Return ``{language: {English text: translated text}}`` for the three languages."""
    texts = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return {language: {row["en"]: row[language] for row in texts} for language in LANGUAGES}


DEMO_TRANSLATIONS = translations_load()
