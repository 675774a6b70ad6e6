"""A text shown in another language than the page's says which (WCAG 3.1.2, language of parts).

A question, a part title or an outcome whose Spanish version is missing is read in
English on /es/: its element carries lang="en", so that a screen reader pronounces it as
English. The secretariat also sees a note naming both languages, in the words of a
sentence ("se muestra en inglés", never "Inglés").
"""

import re

import pytest

from accounts.models import User
from agenda.models import ExpectedOutcome, GuidingQuestion, Segment


@pytest.fixture
def english_only(demo_meeting):
    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()
    question.text_es = ""
    question.save()
    part = Segment.objects.filter(meeting=demo_meeting).order_by("order").first()
    part.title_es = ""
    part.save()
    outcome = ExpectedOutcome.objects.filter(meeting=demo_meeting).first()
    outcome.text_es = ""
    outcome.save()
    return question, part, outcome


def element_with(html, text):
    """Return the opening tag of the innermost element that holds ``text``."""
    position = html.index(text)
    return html[html.rindex("<", 0, position) : html.index(">", html.rindex("<", 0, position)) + 1]


def test_a_text_shown_in_english_on_a_spanish_page_is_marked_english(
    client, demo_meeting, english_only
):
    question, part, outcome = english_only

    html = client.get(f"/es/meetings/{demo_meeting.slug}/").content.decode()

    for text in (question.text_en, part.title_en, outcome.text_en):
        assert 'lang="en"' in element_with(html, text), text


def test_a_text_in_the_pages_language_is_not_marked(client, demo_meeting):
    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()

    html = client.get(f"/es/meetings/{demo_meeting.slug}/").content.decode()

    assert "lang=" not in element_with(html, question.text_es)


def test_the_secretariats_note_writes_the_language_names_in_the_sentence(
    client, demo_meeting, english_only
):
    client.force_login(User.objects.get(email="secretariat@example.org"))

    html = client.get(f"/es/meetings/{demo_meeting.slug}/").content.decode()

    assert "Falta la versión en español; se muestra en inglés" in html
    assert not re.search(r"se muestra en (Inglés|Español)", html)
