"""The scenario: the words the Chair and the moderators read, built from the meeting's data.

The Spanish role names ("la moderadora", "el moderador", "la moderación") come from the
catalogues: these tests need them compiled (``make messages``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.enums import LeadRole, SegmentKind
from delegations.floor.services import floor_request_accept, floor_request_move
from delegations.models import MemberState
from documents import services
from speakers.enums import Attendance, GrammaticalGender, SlotRole
from speakers.models import Person, SpeakerSlot
from tests.delegations.floor_factories import FloorRequestFactory, delegation, dialogue
from tests.factories import (
    GuidingQuestionFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    meeting_with_parts,
    secretariat_user,
)

pytestmark = pytest.mark.django_db


def scenario(meeting, language="en"):
    return services.document_content(meeting=meeting, kind="run-of-show", language=language)


def items_of(content, part_index):
    return content["parts"][part_index]["items"]


def accept(meeting, *codes):
    """Accept one request for the floor of the dialogue per delegation, in that order."""
    segment = dialogue(meeting)
    accepted = []
    for code in codes:
        floor_request = FloorRequestFactory(segment=segment, delegation=delegation(meeting, code))
        accepted.append(
            floor_request_accept(
                floor_request=floor_request,
                minutes=3,
                expected_version=floor_request.version,
                user=secretariat_user(),
            )
        )
    return accepted


def test_each_speaker_is_given_the_floor_with_name_position_and_delegation(demo_meeting):
    content = scenario(demo_meeting)
    items = [item for part in content["parts"] for item in part["items"]]

    assert [item["representing"] for item in items] == [
        "Panama",
        "Barbados",
        "Uruguay",
        "Mexico",
        "Dominican Republic",
        "ECLAC",
    ]
    for item in items:
        (words,) = item["floor_words"]
        assert item["speaker"] in words
        assert item["position"] in words
        assert words.endswith(f"({item['representing']}).")
    assert items[0]["floor_words"][0].startswith("The Chair gives the floor to ")
    assert items[3]["floor_words"][0].startswith("The moderator gives the floor to ")


def test_the_floor_words_name_the_protocol_title():
    meeting = MeetingFactory()
    part = SegmentFactory(meeting=meeting, kind=SegmentKind.HIGH_LEVEL)
    minister = PersonFactory(
        protocol_title="H.E.", full_name="Ana Pérez", position="Minister of Social Development"
    )
    SpeakerSlotFactory(
        segment=part,
        person=minister,
        representing_state=MemberState.objects.get(iso2="PA"),
        role=SlotRole.HIGH_AUTHORITY,
    )

    (item,) = items_of(scenario(meeting), 0)

    assert item["floor_words"] == [
        "The Chair gives the floor to H.E. Ana Pérez, Minister of Social Development (Panama)."
    ]


def test_a_general_question_is_on_every_row_of_its_part(demo_meeting):
    content = scenario(demo_meeting)
    general = "What are the most important challenges and priority areas for action"

    part_one = [item["questions"] for item in items_of(content, 0)]
    panel = {item["representing"]: item["questions"] for item in items_of(content, 1)}

    assert [len(questions) for questions in part_one] == [2, 2, 2]
    assert all(questions == part_one[0] for questions in part_one)
    assert all(questions[0].startswith(general) for questions in panel.values())
    assert panel["ECLAC"][1].startswith("From a regional perspective")
    assert panel["Mexico"][1].startswith("How do you think the OAS")
    assert len(panel["Dominican Republic"]) == 2


def test_the_closing_summarizes_against_the_expected_outcomes(demo_meeting):
    outcomes = list(demo_meeting.expected_outcomes.values_list("text", flat=True))

    closing = scenario(demo_meeting)["closing"]

    assert len(outcomes) == 4
    assert closing["words"] == [
        "The Chair summarizes the dialogue in light of the expected outcomes:"
    ]
    assert closing["outcomes"] == outcomes
    assert closing["after"][-1] == "The Chair declares the meeting closed."
    assert closing["start"] == "11:42"


def test_edited_closing_words_replace_the_standard_ones_and_keep_the_outcomes(demo_meeting):
    demo_meeting.closing_words_en = "Thank you all.\n\nThe meeting is adjourned."
    demo_meeting.save()

    closing = scenario(demo_meeting)["closing"]

    assert closing["words"] == ["Thank you all.", "The meeting is adjourned."]
    assert closing["after"] == []
    assert len(closing["outcomes"]) == 4


def test_the_opening_welcomes_adopts_the_agenda_and_introduces_the_moderator(demo_meeting):
    opening = scenario(demo_meeting)["opening"]

    assert opening["start"] == "10:00"
    assert opening["words"][0].startswith("The Chair opens the meeting and welcomes")
    assert "declares it adopted" in opening["words"][1]
    assert opening["words"][2] == (
        "For “Part Two: Technical panel”, the moderator will be Ms. Maricarmen Plata, "
        "Secretary for Access to Rights and Equity, OAS."
    )


def test_edited_opening_words_are_read_in_their_language_only(demo_meeting):
    demo_meeting.opening_words_es = "Buenos días a todas y todos."
    demo_meeting.save()

    spanish = scenario(demo_meeting, "es")["opening"]["words"]
    english = scenario(demo_meeting, "en")["opening"]["words"]

    assert spanish == ["Buenos días a todas y todos."]
    assert english[0].startswith("The Chair opens the meeting")


def test_edited_floor_words_show_in_their_language_and_the_default_stays_in_english(
    demo_meeting,
):
    slot = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    slot.floor_words_es = "Tiene la palabra la Ministra de Desarrollo Social de Panamá."
    slot.save()

    spanish = items_of(scenario(demo_meeting, "es"), 0)[0]["floor_words"]
    english = items_of(scenario(demo_meeting, "en"), 0)[0]["floor_words"]

    assert spanish == ["Tiene la palabra la Ministra de Desarrollo Social de Panamá."]
    assert english[0].startswith("The Chair gives the floor to High authority of the Ministry")
    assert english[0].endswith("(Panama).")


def test_the_panel_opens_with_the_moderator_and_a_late_note(demo_meeting):
    panel = scenario(demo_meeting)["parts"][1]

    assert panel["opening_words"] == [
        "The Chair now opens “Part Two: Technical panel” and gives the floor to "
        "Ms. Maricarmen Plata, the moderator."
    ]
    assert panel["late_note"] == [demo_meeting.segments.get(order=2).late_note_en]


@pytest.mark.parametrize(
    ("gender", "spanish", "english"),
    [
        (GrammaticalGender.FEMININE, "la moderadora", "the moderator"),
        (GrammaticalGender.MASCULINE, "el moderador", "the moderator"),
        ("", "la moderación", "the moderator"),
    ],
)
def test_the_moderator_is_named_in_their_grammatical_gender(demo_meeting, gender, spanish, english):
    Person.objects.filter(led_segments__meeting=demo_meeting, full_name="Maricarmen Plata").update(
        grammatical_gender=gender
    )

    in_spanish = scenario(demo_meeting, "es")
    in_english = scenario(demo_meeting, "en")

    words = " ".join([*in_spanish["opening"]["words"], *in_spanish["parts"][1]["opening_words"]])
    assert spanish in words
    assert all(
        other not in words
        for other in {"la moderadora", "el moderador", "la moderación"} - {spanish}
    )
    assert in_spanish["parts"][1]["items"][0]["floor_words"][0].startswith(spanish.capitalize())
    assert english in " ".join(in_english["opening"]["words"])


@pytest.mark.parametrize(
    ("gender", "spanish"),
    [
        (GrammaticalGender.FEMININE, "La presidenta"),
        (GrammaticalGender.MASCULINE, "El presidente"),
        ("", "La Presidencia"),
    ],
)
def test_the_chair_is_named_in_their_grammatical_gender(demo_meeting, gender, spanish):
    Person.objects.filter(pk=demo_meeting.chair_id).update(grammatical_gender=gender)

    opening = scenario(demo_meeting, "es")["opening"]["words"]

    assert opening[0].startswith(f"{spanish} abre la sesión")


def test_accepted_requests_for_the_floor_are_the_dialogue_in_the_list_order(demo_meeting):
    panama, _uruguay, barbados = accept(demo_meeting, "PA", "UY", "BB")
    barbados.refresh_from_db()
    floor_request_move(floor_request=barbados, direction="up")

    part = scenario(demo_meeting)["parts"][2]

    assert [item["representing"] for item in part["items"]] == ["Panama", "Barbados", "Uruguay"]
    assert all(item["role"] == "Delegation" for item in part["items"])
    assert part["items"][0]["floor_words"][0].startswith(
        "The Chair gives the floor to the delegation of Panama: Ms. Delegate"
    )
    assert part["floor_invitation"] == ""
    assert panama.slot.segment_id == demo_meeting.segments.get(order=3).pk


def test_a_dialogue_without_speakers_invites_the_delegations_to_ask_for_the_floor(demo_meeting):
    part = scenario(demo_meeting)["parts"][2]

    assert part["items"] == []
    assert part["floor_invitation"] == (
        "Delegations wishing to take the floor are invited to ask for it; each intervention "
        "is limited to 3 min."
    )


def test_late_notes_by_default_follow_the_part():
    meeting = meeting_with_parts([7, 7], [(5, 2), (5, 2), (5, 2)], [])
    high_level, panel, dialogue_part = meeting.segments.order_by("order")
    high_level.kind = SegmentKind.HIGH_LEVEL
    high_level.save()
    dialogue_part.kind = SegmentKind.DELEGATIONS_DIALOGUE
    dialogue_part.accepts_floor_requests = True
    dialogue_part.allotted_minutes = 30
    dialogue_part.save()

    notes = [part["late_note"] for part in scenario(meeting)["parts"]]

    assert notes == [
        ["Ask speakers to keep to 7 min; no extension."],
        ["Questions can be shortened to 1 min per panelist (saves 3 min)."],
        ["Interventions can be limited to 2 min."],
    ]
    assert panel.late_note == ""


def test_a_remote_speaker_has_the_connection_and_interpretation_notes():
    meeting = MeetingFactory(connection_link="https://meetings.example.org/cidi")
    part = SegmentFactory(meeting=meeting)
    SpeakerSlotFactory(segment=part, attendance=Attendance.REMOTE, floor_language="pt")
    SpeakerSlotFactory(segment=part)

    remote, in_room = items_of(scenario(meeting), 0)

    assert remote["notes"] == {
        "floor_language": "Portuguese",
        "into": "English, Spanish and French",
        "needs_channel": True,
        "channel": "English",
        "is_remote": True,
        "connection": "https://meetings.example.org/cidi",
    }
    assert (in_room["notes"]["needs_channel"], in_room["notes"]["is_remote"]) == (False, False)
    assert in_room["notes"]["connection"] == ""


def test_each_slot_has_its_planned_end_and_time_limit(demo_meeting):
    items = items_of(scenario(demo_meeting), 1)

    assert [(item["start"], item["end"], item["duration"]) for item in items] == [
        ("10:21", "10:28", "5 + 2 min"),
        ("10:28", "10:35", "5 + 2 min"),
        ("10:35", "10:42", "5 + 2 min"),
    ]


def test_a_guiding_question_addressed_to_one_slot_stays_on_that_row():
    meeting = meeting_with_parts([(5, 2), (5, 2)])
    part = meeting.segments.get()
    first, second = part.slots.order_by("order")
    addressed = GuidingQuestionFactory(segment=part, text="Only for the first?", order=2)
    addressed.addressed_slots.add(first)
    GuidingQuestionFactory(segment=part, text="For everyone?", order=1)

    items = items_of(scenario(meeting), 0)

    assert [item["questions"] for item in items] == [
        ["For everyone?", "Only for the first?"],
        ["For everyone?"],
    ]
    assert second.guiding_questions.count() == 0


def queries_for(meeting):
    with CaptureQueriesContext(connection) as queries:
        scenario(meeting)
    return len(queries)


def test_the_scenario_runs_as_many_queries_for_a_small_and_a_large_meeting():
    small = meeting_with_parts([7], [(5, 2)])
    large = meeting_with_parts([7] * 6, [(5, 2)] * 8, [3] * 12)
    for meeting in (small, large):
        moderator = PersonFactory(grammatical_gender=GrammaticalGender.FEMININE)
        meeting.segments.filter(order=2).update(lead=moderator, lead_role=LeadRole.MODERATOR)
        for part in meeting.segments.all():
            GuidingQuestionFactory(segment=part)

    assert queries_for(small) == queries_for(large)
    words = [item["floor_words"][0] for part in scenario(large)["parts"] for item in part["items"]]
    assert len(words) == 6 + 8 + 12
    assert all("gives the floor to Ms. Test Speaker" in text for text in words)


def test_language_names_inside_sentences_are_lower_case_in_spanish(demo_meeting):
    """The Spanish scenario wrote "interpretación a: Inglés, Francés y Portugués"."""
    content = scenario(demo_meeting, "es")
    notes = items_of(content, 0)[0]["notes"]

    assert notes["floor_language"] == "español"
    assert notes["into"] == "inglés, francés y portugués"
