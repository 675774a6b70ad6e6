"""A reader in Spanish, French or Portuguese meets no English outside proper names.

Each page is rendered in English and in the reader's language; a word of the English
page that is still on the other one is a leak, unless it is a proper name or a word
spelled the same in both languages (listed below, with the reason).
"""

import re

import pytest

from accounts.models import User
from delegations.models import Delegation

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]+")

# The same in English and the other language: names of people, places and bodies,
# acronyms, and words both languages spell alike.
# fmt: off
PROPER_NAMES = {
    # people, places, bodies and programmes of the demo
    "ana", "ríos", "maricarmen", "plata", "barbados", "uruguay", "guatemala", "washington",
    "panama", "america", "new", "york", "cidrp", "us", "santo", "domingo",
    "cidi", "cides", "remdes", "oea", "sare", "sedi", "cim", "cis", "covid", "lgbtiq",
    # the language switcher names each language in itself
    "english", "español", "français", "português",
    # "Pro Tempore" is Latin in every language
    "pro", "tempore",
    # units, formats and standards
    "pdf", "csv", "json", "ics", "docx", "pptx", "utc", "mb", "iso", "usd", "min", "web",
    "incl",
    # document symbols: "CIDI/REMDES/doc.1/27"
    "doc",
    # a product: "Word (DOCX)"
    "word",
}
SAME_SPELLING = {
    "es": {
        "integral", "portal", "crisis", "grave", "ideas", "sexual", "universal", "panel",
        "particular", "principal", "fiscal", "social", "regional", "total", "final",
        "plan", "local", "general", "global", "central", "formal", "informal", "original",
        "agenda", "no", "a", "e", "o", "y", "focal", "fundamental", "ministerial",
    },
    "fr": {
        "code", "orientation", "portrait", "source", "non", "adaptation", "adolescents",
        "budget", "classification", "contact", "pension", "population", "proportion",
        "relations", "reproductive", "violence", "principal", "social", "regional",
        "total", "final", "plan", "local", "global", "central", "original", "agenda",
        "verbale", "a", "en", "action", "actions", "assistance", "attention", "cabinet",
        "capable", "commission", "coordination", "crises", "date", "description",
        "dialogue", "distribution", "document", "documents", "efforts", "focal", "grave",
        "impact", "inclusion", "inclusive", "information", "initiatives", "innovations",
        "instrument", "instruments", "maximum", "minutes", "national", "note", "part",
        "phase", "point", "post", "programme", "protection", "questions", "services",
        "table", "types", "version", "page",
    },
    "pt": {
        "integral", "portal", "data", "link", "links", "as", "fiscal", "sexual",
        "universal", "principal", "social", "regional", "total", "final", "local",
        "global", "central", "formal", "informal", "original", "agenda", "a", "e", "o",
        "crises", "do", "focal", "fundamental", "grave", "inclusive", "ministerial", "no",
    },
}
# fmt: on


def visible_words(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", html)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    # Addresses are not words: links and email addresses shown as text.
    text = re.sub(r"https?://\S+|[\w.+-]+@[\w.-]+", " ", text)
    return {word.lower() for word in WORD.findall(text)}


def leaked_words(client, path, language):
    english = client.get(path, **HTML)
    other = client.get(f"/{language}{path}", **HTML)
    assert english.status_code == other.status_code == 200, path
    return sorted(
        visible_words(english) & visible_words(other) - PROPER_NAMES - SAME_SPELLING[language]
    )


def pages(client, demo_meeting):
    """Sign a focal point in and return the four pages of the walk."""
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    client.force_login(User.objects.get(email="focal.pa@example.org"))
    return [
        "/",
        "/meetings/social-safety-nets/",
        f"/delegations/{panama.pk}/",
        f"/delegations/{panama.pk}/practices/new/",
    ]


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_the_main_pages_show_no_english_words(client, demo_meeting, language):
    leaks = {
        path: words
        for path in pages(client, demo_meeting)
        if (words := leaked_words(client, path, language))
    }

    assert leaks == {}


def test_the_walk_notices_an_english_word(client, demo_meeting):
    from agenda.models import Segment

    Segment.objects.filter(meeting=demo_meeting, order=1).update(title_es=None, title_fr=None)

    assert "remarks" in leaked_words(client, "/meetings/social-safety-nets/", "es")
