"""The editor's forms show and save only the interface language's version of a text.

Each test works as a browser does: it opens a form in the Spanish interface, sends back
what the form shows with one change, and looks at what is stored per language.
"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from agenda.content_languages import meeting_coverage
from agenda.forms import PersonForm, SegmentForm
from agenda.models import ExpectedOutcome, GuidingQuestion, Segment
from speakers.models import Person, SpeakerSlot
from tests.factories import (
    GuidingQuestionFactory,
    PersonFactory,
    meeting_with_parts,
    secretariat_user,
)


class FormValues(HTMLParser):
    """Collect what a browser would send for the form with a given action."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.inside = False
        self.values = {}
        self.select = None
        self.textarea = None
        self.options = []

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            # A form without an action posts to the page's own address.
            self.inside = attributes.get("action", self.action) == self.action
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.add(name, attributes.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and "disabled" not in attributes:
            self.select, self.options = attributes, []
        elif tag == "option" and self.select is not None:
            self.options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name and "disabled" not in attributes:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.options if selected]
            if not chosen and self.options and "multiple" not in self.select:
                chosen = [self.options[0][0]]
            for value in chosen:
                self.add(self.select["name"], value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the newline that follows <textarea>.
            self.add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None


def form_values(page, action):
    parser = FormValues(action)
    parser.feed(page)
    return {name: value if len(value) > 1 else value[0] for name, value in parser.values.items()}


def spanish_url(meeting, suffix):
    return f"/es/secretariat/meetings/{meeting.slug}/{suffix}"


def open_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), form_values(response.content.decode(), url)


def send_back(client, url, **changes):
    """Open the form at ``url``, change some fields as a person would, and send it."""
    _page, values = open_form(client, url)
    values.update(changes)
    return client.post(url, values)


def stored(record, name):
    """Return ``record``'s text of ``name`` per language, reloaded from the database."""
    record.refresh_from_db()
    return {code: getattr(record, f"{name}_{code}") or "" for code in ("en", "es", "fr", "pt")}


def english_only(text):
    return {"en": text, "es": "", "fr": "", "pt": ""}


def coverage_of(meeting, record, field):
    for row in meeting_coverage(meeting):
        if row.record == record and row.field == field:
            return row.present
    return None


@pytest.fixture
def spanish_secretariat(db, client):
    client.force_login(secretariat_user())
    return client


@pytest.fixture
def meeting():
    """A meeting written in English: one part with one slot, a question, a venue."""
    meeting = meeting_with_parts([5], published=False, venue="Washington, D.C.")
    meeting.purpose = "To exchange experiences."
    meeting.background = "Social protection systems were tested by the pandemic."
    meeting.save()
    part = meeting.segments.get()
    part.description = "Presentations of seven minutes at most."
    part.save()
    GuidingQuestionFactory(segment=part, text="What are the main challenges?")
    ExpectedOutcome.objects.create(meeting=meeting, order=1, text="Share good practices.")
    slot = part.slots.get()
    slot.cue_notes = "Introduce the Minister."
    slot.save()
    return meeting


def test_a_part_opened_in_spanish_shows_the_english_title_as_a_hint_only(
    spanish_secretariat, meeting
):
    part = meeting.segments.get()

    page, values = open_form(spanish_secretariat, spanish_url(meeting, f"parts/{part.pk}/"))

    assert (values["title"], values["description"]) == ("", "")
    assert f'<span lang="en">{part.title_en}</span>' in page
    assert '<span lang="en">Presentations of seven minutes at most.</span>' in page


def test_saving_a_part_in_spanish_does_not_copy_the_english_title(spanish_secretariat, meeting):
    part = meeting.segments.get()
    title = part.title_en

    response = send_back(
        spanish_secretariat, spanish_url(meeting, f"parts/{part.pk}/"), allotted_minutes="30"
    )

    assert response.status_code == 302
    assert stored(part, "title") == english_only(title)
    assert stored(part, "description") == english_only("Presentations of seven minutes at most.")
    assert part.allotted_minutes == 30
    assert coverage_of(meeting, part, "title") == {
        "en": True,
        "es": False,
        "fr": False,
        "pt": False,
    }


def test_a_title_typed_in_spanish_is_stored_as_the_spanish_one_only(spanish_secretariat, meeting):
    part = meeting.segments.get()
    title = part.title_en

    send_back(spanish_secretariat, spanish_url(meeting, f"parts/{part.pk}/"), title="Apertura")

    assert stored(part, "title") == {"en": title, "es": "Apertura", "fr": "", "pt": ""}


def test_a_part_created_in_spanish_needs_a_title_that_english_readers_then_see(
    spanish_secretariat, meeting
):
    url = spanish_url(meeting, "parts/new/")
    fields = {"kind": "closing", "lead_role": "chair", "buffer_minutes": 0, "floor_minutes": 3}

    refused = spanish_secretariat.post(url, {**fields, "title": ""})
    spanish_secretariat.post(url, {**fields, "title": "Clausura"})

    part = Segment.objects.get(meeting=meeting, kind="closing")
    assert refused.status_code == 200
    assert refused.context["form"].errors["title"]
    assert stored(part, "title") == {"en": "", "es": "Clausura", "fr": "", "pt": ""}
    with translation.override("en"):
        assert part.title == "Clausura"


def test_a_question_saved_in_spanish_keeps_its_english_text_out_of_spanish(
    spanish_secretariat, meeting
):
    question = GuidingQuestion.objects.get(segment__meeting=meeting)
    slot = SpeakerSlot.objects.get(segment__meeting=meeting)
    url = spanish_url(meeting, f"questions/{question.pk}/")

    page, values = open_form(spanish_secretariat, url)
    response = send_back(spanish_secretariat, url, addressed_slots=[slot.pk])

    assert values["text"] == ""
    assert '<span lang="en">What are the main challenges?</span>' in page
    assert response.status_code == 302
    assert stored(question, "text") == english_only("What are the main challenges?")
    assert list(question.addressed_slots.all()) == [slot]


def test_a_question_added_in_spanish_is_stored_in_spanish(spanish_secretariat, meeting):
    part = meeting.segments.get()

    spanish_secretariat.post(
        spanish_url(meeting, f"parts/{part.pk}/questions/new/"), {"text": "¿Qué sigue?"}
    )

    question = part.guiding_questions.get(text_es="¿Qué sigue?")
    assert stored(question, "text") == {"en": "", "es": "¿Qué sigue?", "fr": "", "pt": ""}


def test_meeting_details_saved_in_spanish_keep_every_text_in_its_language(
    spanish_secretariat, meeting
):
    title = meeting.title_en
    url = spanish_url(meeting, "details/")

    page, values = open_form(spanish_secretariat, url)
    response = send_back(spanish_secretariat, url, document_code="CIDI/RE/1")

    assert [values[name] for name in ("title", "venue", "purpose", "background")] == [""] * 4
    assert f'<span lang="en">{title}</span>' in page
    assert response.status_code == 302
    assert stored(meeting, "title") == english_only(title)
    assert stored(meeting, "venue") == english_only("Washington, D.C.")
    assert stored(meeting, "purpose") == english_only("To exchange experiences.")
    assert meeting.document_code == "CIDI/RE/1"
    outcome = meeting.expected_outcomes.get()
    assert stored(outcome, "text") == english_only("Share good practices.")


def test_expected_outcomes_not_yet_in_spanish_are_shown_as_a_hint(spanish_secretariat, meeting):
    page, values = open_form(spanish_secretariat, spanish_url(meeting, "details/"))

    assert "expected_outcomes" not in values  # not editable until each one is in Spanish
    assert '<li lang="en">Share good practices.</li>' in page


def test_expected_outcomes_in_spanish_are_edited_in_spanish(spanish_secretariat, meeting):
    outcome = meeting.expected_outcomes.get()
    outcome.text_es = "Compartir buenas prácticas."
    outcome.save()
    url = spanish_url(meeting, "details/")

    _page, values = open_form(spanish_secretariat, url)
    send_back(
        spanish_secretariat,
        url,
        expected_outcomes="Compartir buenas prácticas.\nIdentificar prioridades.",
    )

    assert values["expected_outcomes"] == "Compartir buenas prácticas."
    first, second = meeting.expected_outcomes.order_by("order")
    assert stored(first, "text") == {
        "en": "Share good practices.",
        "es": "Compartir buenas prácticas.",
        "fr": "",
        "pt": "",
    }
    assert stored(second, "text") == {
        "en": "",
        "es": "Identificar prioridades.",
        "fr": "",
        "pt": "",
    }


def test_a_slot_saved_in_spanish_keeps_its_english_cue_notes_out_of_spanish(
    spanish_secretariat, meeting
):
    slot = SpeakerSlot.objects.get(segment__meeting=meeting)
    url = spanish_url(meeting, f"slots/{slot.pk}/")

    page, values = open_form(spanish_secretariat, url)
    send_back(spanish_secretariat, url, speaking_minutes="6")

    assert values["cue_notes"] == ""
    assert '<span lang="en">Introduce the Minister.</span>' in page
    assert stored(slot, "cue_notes") == english_only("Introduce the Minister.")
    assert slot.speaking_minutes == 6


def test_a_person_added_in_spanish_is_stored_in_spanish(spanish_secretariat, meeting):
    spanish_secretariat.post(
        spanish_url(meeting, "people/new/"),
        {"full_name": "Ana Pérez", "position": "Ministra", "preferred_language": "es"},
    )

    person = Person.objects.get(full_name_es="Ana Pérez")
    assert stored(person, "position") == {"en": "", "es": "Ministra", "fr": "", "pt": ""}
    with translation.override("en"):
        assert person.display_name == "Ana Pérez"


@pytest.mark.django_db
def test_a_person_edited_in_spanish_shows_and_saves_spanish_only():
    person = PersonFactory(full_name="Ana Pérez", position="Minister of Social Development")

    with translation.override("es"):
        shown = PersonForm(instance=person)
        form = PersonForm(
            {
                "full_name": "",
                "position": "Ministra de Desarrollo Social",
                "preferred_language": "es",
            },
            instance=person,
        )
        assert form.is_valid(), form.errors
        form.save()

    assert (shown["full_name"].value(), shown["position"].value()) == ("", "")
    assert '<span lang="en">Ana Pérez</span>' in str(shown["full_name"].help_text)
    assert stored(person, "full_name") == english_only("Ana Pérez")
    assert stored(person, "position") == {
        "en": "Minister of Social Development",
        "es": "Ministra de Desarrollo Social",
        "fr": "",
        "pt": "",
    }


def test_the_side_by_side_editor_still_edits_every_language(spanish_secretariat, meeting):
    part = meeting.segments.get()
    url = spanish_url(meeting, f"languages/part/{part.pk}/")
    title = part.title_en

    response = send_back(spanish_secretariat, url, title_fr="Ouverture")

    assert response.status_code == 302
    assert stored(part, "title") == {"en": title, "es": "", "fr": "Ouverture", "pt": ""}


def test_each_input_of_the_side_by_side_editor_is_marked_with_its_language(
    spanish_secretariat, meeting
):
    part = meeting.segments.get()

    page, _values = open_form(
        spanish_secretariat, spanish_url(meeting, f"languages/part/{part.pk}/")
    )

    tags = {
        name: re.search(rf'<(?:input|textarea)\b[^>]*\bname="{name}"[^>]*>', page).group(0)
        for name in ("title_fr", "description_pt")
    }
    assert 'lang="fr"' in tags["title_fr"]
    assert 'lang="pt"' in tags["description_pt"]


def test_a_person_edited_in_the_spanish_directory_keeps_english_out_of_spanish(
    spanish_secretariat,
):
    person = PersonFactory(full_name="Ana Pérez", position="Minister of Social Development")
    url = f"/es/secretariat/people/{person.pk}/"

    page, values = open_form(spanish_secretariat, url)
    response = send_back(spanish_secretariat, url, email="ana@example.org")

    assert (values["full_name"], values["position"]) == ("", "")
    assert '<span lang="en">Minister of Social Development</span>' in page
    assert response.status_code == 302
    assert stored(person, "full_name") == english_only("Ana Pérez")
    assert stored(person, "position") == english_only("Minister of Social Development")
    assert person.email == "ana@example.org"


@pytest.mark.django_db
def test_people_are_listed_by_the_name_readers_of_the_language_see():
    meeting = meeting_with_parts([5])
    with translation.override("en"):
        zoe = PersonFactory(full_name="Zoe Adams", protocol_title="")
    with translation.override("es"):
        ana = PersonFactory(full_name="Ana Pérez", protocol_title="")
        marta = PersonFactory(full_name="Berta Ruiz", protocol_title="")
    marta.full_name_en = "Marta Ruiz"
    marta.save()

    # In English: Ana's name exists in Spanish only, Marta's in both.
    listed = [
        person.pk
        for person in SegmentForm(instance=meeting.segments.get()).fields["lead"].queryset
        if person.pk in {zoe.pk, ana.pk, marta.pk}
    ]

    assert listed == [ana.pk, marta.pk, zoe.pk]


def test_markup_in_a_text_shown_as_a_hint_stays_text(spanish_secretariat, meeting):
    part = meeting.segments.get()
    part.title = "<script>alert(1)</script> Opening"
    part.save()

    page, _values = open_form(spanish_secretariat, spanish_url(meeting, f"parts/{part.pk}/"))

    assert '<span lang="en">&lt;script&gt;alert(1)&lt;/script&gt; Opening</span>' in page
    assert "<script>alert(1)" not in page
