"""Editing a good practice shows the text as it was typed, not the stored HTML."""

import html
import re

import pytest
from django.test import Client

from accounts.models import User
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from tests.outcomes.factories import GoodPracticeFactory, delegation_of

TYPED = (
    "Rural women receive a monthly transfer.\n"
    "They plant agroforestry plots.\n"
    "\n"
    "What changed:\n"
    "\n"
    "- more land in women's names\n"
    "- 40 % < 60 % of plots & rising\n"
    "\n"
    "See **results** and *lessons* in [the report](https://www.gob.mx/bienestar)."
)


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def textarea(page, name):
    match = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    # A textarea's content starts after one optional newline (HTML parsing rule).
    return html.unescape(match.group(1)).removeprefix("\n")


def edit(client, practice, **changes):
    page = client.get(f"/practices/{practice.pk}/edit/").content.decode()
    data = {
        "title": practice.title,
        "language": practice.language,
        "version": practice.version,
        "description": textarea(page, "description"),
        "results": textarea(page, "results"),
        "lessons": textarea(page, "lessons"),
        "gender_notes": textarea(page, "gender_notes"),
        "links": textarea(page, "links"),
    }
    data.update(changes)
    return client.post(f"/practices/{practice.pk}/edit/", data)


@pytest.mark.django_db
def test_the_edit_page_shows_exactly_what_was_typed(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(
        delegation=mexico, title="Sembrando Vida", language="es", status=PracticeStatus.DRAFT
    )
    focal = signed_in("focal.mx@example.org")

    edit(focal, practice, description=TYPED, lessons="One line\nand another")
    page = focal.get(f"/practices/{practice.pk}/edit/").content.decode()

    assert textarea(page, "description") == TYPED
    assert textarea(page, "lessons") == "One line\nand another"
    assert "&lt;p&gt;" not in page
    practice.refresh_from_db()
    assert "<ul><li>more land in women's names</li>" in practice.description
    assert "<strong>results</strong>" in practice.description


@pytest.mark.django_db
def test_saving_again_without_changes_stores_identical_html(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(
        delegation=mexico, title="Sembrando Vida", language="es", status=PracticeStatus.DRAFT
    )
    focal = signed_in("focal.mx@example.org")
    edit(focal, practice, description=TYPED)
    practice.refresh_from_db()
    stored, version = practice.description, practice.version

    edit(focal, practice)

    practice.refresh_from_db()
    assert practice.description == stored
    assert practice.version == version + 1


@pytest.mark.django_db
def test_a_stored_script_is_still_removed_and_never_shown_on_edit(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    practice = GoodPracticeFactory(
        delegation=mexico,
        title="Sembrando Vida",
        language="es",
        status=PracticeStatus.DRAFT,
        description='<p>Safe</p><script>alert(1)</script><img src=x onerror="alert(1)">',
    )
    focal = signed_in("focal.mx@example.org")

    assert GoodPractice.objects.get(pk=practice.pk).description == "<p>Safe</p>"
    edit(focal, practice, description="Typed <script>alert(2)</script> text")
    practice.refresh_from_db()

    assert practice.description == "<p>Typed  text</p>"
    page = focal.get(f"/practices/{practice.pk}/edit/").content.decode()
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    "typed",
    [
        "One paragraph",
        "Line one\nline two\n\nSecond paragraph",
        "- a\n- b\n\n1. first\n2. second",
        "3. Results alone is no list",
        "5 * 3 * 2 = 30, a*b*c stays",
        "**Bold**, *italic* and [a link](https://www.oas.org/) and mailto:x@example.org",
        "Quotes \"double\" and 'single' & a < b",
    ],
)
def test_text_to_html_and_back_is_the_identity(typed):
    from cidi_meeting.richtext import html_to_text, sanitize

    stored = sanitize(typed)

    assert html_to_text(stored) == typed
    assert sanitize(html_to_text(stored)) == stored


def test_stored_html_with_links_and_lists_comes_back_readable():
    from cidi_meeting.richtext import html_to_text, sanitize

    stored = sanitize(
        '<p>See <a href="https://www.oas.org/">the OAS</a> and <a href="https://x.org/">'
        "https://x.org/</a></p><ul><li>one</li><li><b>two</b></li></ul>"
    )

    assert html_to_text(stored) == (
        "See [the OAS](https://www.oas.org/) and https://x.org/\n\n- one\n- **two**"
    )


def test_a_link_whose_text_is_its_address_survives_an_edit_without_changes():
    """The editor's link on "https://www.mides.gob.pa" came back as plain text once edited."""
    from cidi_meeting.richtext import html_to_text, sanitize

    stored = sanitize(
        '<p>Más información: <a href="https://www.mides.gob.pa">https://www.mides.gob.pa</a>.</p>'
    )

    again = sanitize(html_to_text(stored))

    assert again == stored
    assert '<a href="https://www.mides.gob.pa"' in again


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("See https://www.oas.org/ for more", "https://www.oas.org/"),
        ("(https://www.oas.org/en/)", "https://www.oas.org/en/"),
        ("Ends with https://mides.gob.pa.", "https://mides.gob.pa"),
        ("A query https://x.org/?a=1&b=2, then text", "https://x.org/?a=1&amp;b=2"),
    ],
)
def test_a_typed_web_address_becomes_a_link(typed, link):
    from cidi_meeting.richtext import html_to_text, sanitize

    stored = sanitize(typed)

    assert f'<a href="{link}"' in stored
    assert html_to_text(stored) == typed


def test_a_web_address_written_in_the_editor_becomes_a_link_as_when_typed():
    """The editor posts HTML; a bare address in it is stored as typed text stores it.

    Before, the editor's "<p>see https://…</p>" kept a bare address, and the next save
    from the text form turned it into a link: the stored text changed without an edit.
    """
    from cidi_meeting.richtext import html_to_text, sanitize

    from_editor = sanitize("<p>Más información: https://www.mides.gob.pa.</p>")

    assert from_editor == sanitize("Más información: https://www.mides.gob.pa.")
    assert sanitize(html_to_text(from_editor)) == from_editor
    assert sanitize('<p><a href="https://x.org/">x</a> and https://y.org/</p>').count("<a ") == 2


def test_stars_beside_an_address_in_editor_html_stay_stars():
    from cidi_meeting.richtext import sanitize

    stored = sanitize("<p>5 *3* 2 see https://y.org/</p>")

    assert "<em>" not in stored
    assert '<a href="https://y.org/"' in stored
