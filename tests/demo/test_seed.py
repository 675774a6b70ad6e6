import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from agenda.models import GuidingQuestion, Segment
from delegations.models import Delegation
from speakers.models import Person, SpeakerSlot
from tests.conftest import DEMO_PASSWORD


def test_demo_meeting_matches_the_concept_note(demo_meeting):
    assert demo_meeting.document_code == "CIDRP03454E01"
    assert demo_meeting.is_published
    assert demo_meeting.expected_outcomes.count() == 4
    segments = list(demo_meeting.segments.order_by("order"))
    assert [s.kind for s in segments] == [
        "high_level",
        "technical_panel",
        "delegations_dialogue",
        "interactive_dialogue",
    ]
    part_one = SpeakerSlot.objects.filter(segment=segments[0]).order_by("order")
    assert [s.representing_label for s in part_one] == ["Panama", "Barbados", "Uruguay"]
    assert {(s.speaking_minutes, s.qa_minutes) for s in part_one} == {(7, 0)}
    part_two = SpeakerSlot.objects.filter(segment=segments[1]).order_by("order")
    assert [s.representing_label for s in part_two] == ["Mexico", "Dominican Republic", "ECLAC"]
    assert {(s.speaking_minutes, s.qa_minutes) for s in part_two} == {(5, 2)}
    assert segments[1].lead.full_name == "Maricarmen Plata"
    assert segments[3].lead == demo_meeting.chair


def test_demo_guiding_questions_are_addressed_as_in_the_note(demo_meeting):
    part_two = Segment.objects.get(meeting=demo_meeting, order=2)
    questions = GuidingQuestion.objects.filter(segment=part_two).order_by("order")

    addressed = [sorted(s.representing_label for s in q.addressed_slots.all()) for q in questions]

    assert addressed == [[], ["ECLAC"], ["Dominican Republic", "Mexico"]]
    assert (
        GuidingQuestion.objects.filter(segment__meeting=demo_meeting, segment__order=1).count() == 2
    )


def test_seed_demo_is_idempotent(demo_meeting):
    counts = (Person.objects.count(), SpeakerSlot.objects.count(), GuidingQuestion.objects.count())

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert counts == (
        Person.objects.count(),
        SpeakerSlot.objects.count(),
        GuidingQuestion.objects.count(),
    )
    assert demo_meeting.date == datetime.date(2022, 11, 17)


@pytest.mark.parametrize(
    "email",
    [
        "secretariat@example.org",
        "moderator@example.org",
        "focal.pa@example.org",
        "focal.bb@example.org",
        "focal.uy@example.org",
        "focal.mx@example.org",
        "focal.do@example.org",
    ],
)
def test_demo_accounts_sign_in_with_the_demo_password(demo_meeting, email):
    assert authenticate(email=email, password=DEMO_PASSWORD) is not None


def test_demo_focal_points_are_linked_to_their_delegations(demo_meeting):
    links = Delegation.objects.filter(meeting=demo_meeting).values_list(
        "member_state__iso2", "focal_point__email"
    )

    assert sorted(links) == sorted(
        (iso2, f"focal.{iso2.lower()}@example.org") for iso2 in ["PA", "BB", "UY", "MX", "DO"]
    )
