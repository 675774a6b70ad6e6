"""The dashboard's figures: a definition list screen readers can read, words that agree."""

from html.parser import HTMLParser

import pytest

from accounts.models import User


class FigureList(HTMLParser):
    """Collect, for the figures' <dl>, the tags of its children and grandchildren."""

    def __init__(self):
        super().__init__()
        self.depth = None
        self.children = []

    def handle_starttag(self, tag, attrs):
        if tag == "dl" and ("data-testid", "dashboard-figures") in attrs:
            self.depth = 0
            return
        if self.depth is None:
            return
        if self.depth == 0:
            self.children.append([tag, []])
        elif self.depth == 1:
            self.children[-1][1].append(tag)
        self.depth += 1

    def handle_endtag(self, tag):
        if self.depth is None:
            return
        if self.depth == 0 and tag == "dl":
            self.depth = None
        else:
            self.depth -= 1


@pytest.fixture
def secretariat(client, demo_meeting):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    return client


def test_each_figure_is_a_term_and_its_value_directly_in_the_list(secretariat, demo_meeting):
    page = secretariat.get(f"/fr/secretariat/meetings/{demo_meeting.slug}/delegations/")
    figures = FigureList()
    figures.feed(page.content.decode())

    assert figures.children
    assert all(tag == "div" and inner == ["dt", "dd"] for tag, inner in figures.children), (
        figures.children
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Invitadas", "Aceptadas", "Inscritas", "Acreditadas"]),
        ("fr", ["Invitées", "Acceptées", "Inscrites", "Accréditées"]),
        ("pt", ["Convidadas", "Aceitas", "Inscritas", "Credenciadas"]),
    ],
)
def test_the_counts_of_delegations_agree_with_delegations(
    secretariat, demo_meeting, language, words
):
    page = secretariat.get(f"/{language}/secretariat/meetings/{demo_meeting.slug}/delegations/")

    html = page.content.decode()
    for word in words:
        assert f">{word}</dt>" in html, word
