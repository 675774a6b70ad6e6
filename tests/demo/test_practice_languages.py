"""A demo good practice says which language it is written in, and is written in it."""

import re

from outcomes.models import GoodPractice

# Words frequent in one language and rare in the others.
MARKERS = {
    "en": {"the", "and", "of", "for", "with", "in", "to", "an", "is"},
    "es": {"el", "la", "los", "las", "y", "de", "para", "con", "en", "del"},
}


def written_in(text):
    words = re.findall(r"[a-záéíóúñ]+", re.sub(r"<[^>]+>", " ", text).lower())
    return max(MARKERS, key=lambda language: sum(word in MARKERS[language] for word in words))


def test_every_demo_practice_is_tagged_with_the_language_it_is_written_in(demo_meeting):
    practices = GoodPractice.objects.filter(meeting=demo_meeting)

    assert practices
    assert {(p.title, p.language) for p in practices} == {
        (p.title, written_in(p.title + " " + p.description)) for p in practices
    }
