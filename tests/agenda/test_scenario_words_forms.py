"""The scenario's words in the editor's forms, per language, and a new slot's floor language."""

import pytest

from agenda.forms import SlotForm
from agenda.models import Meeting, Segment
from delegations.models import MemberState
from speakers.models import Person, SpeakerSlot
from tests.agenda.test_editor import HTMX, editor_url
from tests.factories import PersonFactory, meeting_with_parts, secretariat_user


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


def as_shown(form, **changes):
    """Return what a browser posts for ``form`` left as shown, with ``changes``."""
    data = {}
    for field in form:
        if field.field.disabled or field.name == "concept_note":
            continue
        value = field.value()
        data[field.html_name] = "" if value is None else value
    return {**data, **changes}


def form_in(client, url, language):
    prefix = "" if language == "en" else f"/{language}"
    return client.get(prefix + url).context["form"]


def post_in(client, url, language, **changes):
    prefix = "" if language == "en" else f"/{language}"
    return client.post(prefix + url, as_shown(form_in(client, url, language), **changes))


def test_the_meetings_opening_and_closing_words_saved_in_spanish_keep_the_english(
    secretariat_client, demo_meeting
):
    Meeting.objects.filter(pk=demo_meeting.pk).update(
        opening_words_en="Good morning, and welcome.", closing_words_en="Thank you all."
    )
    url = editor_url(demo_meeting, "details/")

    response = post_in(
        secretariat_client,
        url,
        "es",
        opening_words="Buenos días y bienvenidos.",
        closing_words="Muchas gracias a todos.",
    )

    meeting = Meeting.objects.get(pk=demo_meeting.pk)
    assert response.status_code == 302
    assert (meeting.opening_words_es, meeting.closing_words_es) == (
        "Buenos días y bienvenidos.",
        "Muchas gracias a todos.",
    )
    assert (meeting.opening_words_en, meeting.closing_words_en) == (
        "Good morning, and welcome.",
        "Thank you all.",
    )
    assert meeting.title_es == demo_meeting.title_es


def test_the_meeting_form_shows_the_english_words_as_a_hint_under_spanish(
    secretariat_client, demo_meeting
):
    Meeting.objects.filter(pk=demo_meeting.pk).update(opening_words_en="Good morning.")

    response = secretariat_client.get("/es" + editor_url(demo_meeting, "details/"))

    form = response.context["form"]
    assert form["opening_words"].value() == ""
    assert "Good morning." in str(form.fields["opening_words"].help_text)


def test_the_meeting_form_groups_the_words_at_the_podium(secretariat_client, demo_meeting):
    page = secretariat_client.get(editor_url(demo_meeting, "details/"), **HTMX).content.decode()

    legend = page.index("Words at the podium")
    assert page.index('name="opening_words"') > legend
    assert page.index('name="closing_words"') > legend
    assert "Leave empty for the standard opening" in page


def test_a_parts_opening_words_and_late_note_saved_in_french_keep_the_english(
    secretariat_client, demo_meeting
):
    panel = Segment.objects.get(meeting=demo_meeting, order=2)
    Segment.objects.filter(pk=panel.pk).update(
        opening_words_en="We now turn to the panel.", late_note_en="Drop the second round."
    )
    spanish = (panel.opening_words_es, panel.late_note_es)
    url = editor_url(demo_meeting, f"parts/{panel.pk}/")

    response = post_in(
        secretariat_client,
        url,
        "fr",
        opening_words="Nous passons au panel.",
        late_note="Supprimer le second tour.",
    )

    panel.refresh_from_db()
    assert response.status_code == 302
    assert (panel.opening_words_fr, panel.late_note_fr) == (
        "Nous passons au panel.",
        "Supprimer le second tour.",
    )
    assert (panel.opening_words_en, panel.late_note_en) == (
        "We now turn to the panel.",
        "Drop the second round.",
    )
    assert (panel.opening_words_es, panel.late_note_es) == spanish


def test_the_part_form_groups_the_words_at_the_podium(secretariat_client, demo_meeting):
    panel = Segment.objects.get(meeting=demo_meeting, order=2)

    page = secretariat_client.get(
        editor_url(demo_meeting, f"parts/{panel.pk}/"), **HTMX
    ).content.decode()

    legend = page.index("Words at the podium")
    assert page.index('name="opening_words"') > legend
    assert page.index('name="late_note"') > legend


def test_a_slots_floor_words_saved_in_spanish_keep_the_english(secretariat_client, demo_meeting):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    SpeakerSlot.objects.filter(pk=panama.pk).update(floor_words_en="Panama, you have the floor.")
    url = editor_url(demo_meeting, f"slots/{panama.pk}/")

    response = post_in(
        secretariat_client, url, "es", floor_words="Tiene el uso de la palabra Panamá."
    )

    panama.refresh_from_db()
    assert response.status_code == 302
    assert panama.floor_words_es == "Tiene el uso de la palabra Panamá."
    assert panama.floor_words_en == "Panama, you have the floor."


def test_the_floor_words_sit_beside_the_cue_notes(secretariat_client, demo_meeting):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")

    page = secretariat_client.get(
        editor_url(demo_meeting, f"slots/{panama.pk}/"), **HTMX
    ).content.decode()

    legend = page.index("Words at the podium")
    cue_notes, floor_words = page.index('name="cue_notes"'), page.index('name="floor_words"')
    assert legend < cue_notes < floor_words
    assert page.index('name="guiding_questions"') > floor_words
    assert "Leave empty for the standard words" in page


# The floor language of a new slot --------------------------------------------------------


def mexican_speaker():
    return PersonFactory(
        full_name="Ariadna Montiel",
        member_state=MemberState.objects.get(iso2="MX"),
        preferred_language="en",
    )


def new_slot_data(part, person, **changes):
    data = {
        "segment": part.pk,
        "person": person.pk,
        "role": "panelist",
        "speaking_minutes": 5,
        "qa_minutes": 0,
        "status": "confirmed",
        "attendance": "in_room",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_a_new_slot_form_does_not_start_on_english():
    meeting = meeting_with_parts([7], published=False)

    form = SlotForm(meeting=meeting, segment=meeting.segments.get())

    assert form["floor_language"].value() == ""
    assert form.fields["floor_language"].choices[0][0] == ""


def test_a_new_slot_left_on_the_speakers_language_takes_the_member_states(secretariat_client):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    person = mexican_speaker()

    response = secretariat_client.post(
        editor_url(meeting, f"parts/{part.pk}/slots/new/"),
        new_slot_data(part, person, floor_language=""),
    )

    assert response.status_code == 302
    assert SpeakerSlot.objects.get(segment=part, person=person).floor_language == "es"


def test_a_new_slot_for_a_state_takes_that_states_language(secretariat_client):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    person = mexican_speaker()

    secretariat_client.post(
        editor_url(meeting, f"parts/{part.pk}/slots/new/"),
        new_slot_data(
            part,
            person,
            floor_language="",
            representing_state=MemberState.objects.get(iso2="BR").pk,
        ),
    )

    assert SpeakerSlot.objects.get(segment=part, person=person).floor_language == "pt"


def test_a_new_slot_of_someone_without_a_state_takes_their_preferred_language(
    secretariat_client,
):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    person = PersonFactory(full_name="Expert of ECLAC", preferred_language="fr")

    secretariat_client.post(
        editor_url(meeting, f"parts/{part.pk}/slots/new/"),
        new_slot_data(part, person, floor_language=""),
    )

    assert SpeakerSlot.objects.get(segment=part, person=person).floor_language == "fr"


def test_english_chosen_for_a_mexican_speaker_is_kept(secretariat_client):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    person = mexican_speaker()

    secretariat_client.post(
        editor_url(meeting, f"parts/{part.pk}/slots/new/"),
        new_slot_data(part, person, floor_language="en"),
    )

    assert SpeakerSlot.objects.get(segment=part, person=person).floor_language == "en"


def test_the_slot_form_back_from_adding_a_person_shows_their_states_language(
    secretariat_client,
):
    meeting = meeting_with_parts([7], published=False)
    part = meeting.segments.get()
    slot_url = editor_url(meeting, f"parts/{part.pk}/slots/new/")
    # As a browser posts the new slot form left as shown.
    shown = as_shown(secretariat_client.get(slot_url).context["form"])
    to_person = secretariat_client.post(slot_url, {**shown, "add_person": "1"})
    back = secretariat_client.post(
        to_person.url,
        {
            "full_name": "Ana Expert",
            "member_state": MemberState.objects.get(iso2="UY").pk,
            "preferred_language": "en",
        },
    )

    form = secretariat_client.get(back.url).context["form"]

    assert form["person"].value() == str(Person.objects.get(full_name="Ana Expert").pk)
    assert form["floor_language"].value() == "es"


def test_an_existing_slot_keeps_its_floor_language_and_offers_no_empty_choice(
    secretariat_client, demo_meeting
):
    barbados = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="BB")

    form = secretariat_client.get(editor_url(demo_meeting, f"slots/{barbados.pk}/")).context["form"]

    assert form["floor_language"].value() == "en"
    assert "" not in [value for value, _label in form.fields["floor_language"].choices]
