"""The demo's self-declarations: a mix in both meetings, seeded again without a write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.models import Meeting
from delegations.enums import MemberRole
from delegations.models import DelegationMember
from demo.inclusion import demo_inclusion_seed
from demo.ministerial import MINISTERIAL_SLUG
from inclusion.figures import compute
from inclusion.models import SelfDeclaration
from speakers.models import Person

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def ministerial(demo_meeting):
    return Meeting.objects.get(slug=MINISTERIAL_SLUG)


def test_the_first_meetings_speakers_declared_every_kind_of_answer(demo_meeting):
    figures = compute.meeting_figures(demo_meeting)

    assert figures["speakers"]["meeting"]["counts"] == {
        "woman": 2,
        "man": 1,
        "another": 1,
        "undisclosed": 1,
        "not_declared": 1,
    }
    # No woman among the technical panel's speakers (its moderator is one); the dialogue
    # has no speaker slots.
    assert [part["counts"]["woman"] for part in figures["speakers"]["parts"]] == [2, 0]
    assert figures["heads"]["total"] == 0


def test_the_ministerial_has_speakers_and_heads_of_delegation_with_declarations(ministerial):
    figures = compute.meeting_figures(ministerial)

    assert figures["speakers"]["meeting"]["counts"] == {
        "woman": 7,
        "man": 3,
        "another": 1,
        "undisclosed": 1,
        "not_declared": 3,
    }
    assert figures["heads"]["counts"] == {
        "woman": 2,
        "man": 2,
        "another": 0,
        "undisclosed": 0,
        "not_declared": 1,
    }
    declared_groups = {row["key"]: row["speakers"] for row in figures["time_by_group"]}
    assert declared_groups == {
        "indigenous": 1,
        "afro_descendant": 2,
        "disability": 2,
        "older": 1,
        "youth": 1,
    }


def test_the_ministerials_heads_of_delegation_declared_as_members(ministerial):
    heads = DelegationMember.objects.filter(
        delegation__meeting=ministerial, role=MemberRole.HEAD
    ).select_related("delegation__member_state", "self_declaration")
    declared = {
        head.delegation.member_state.iso2: getattr(head, "self_declaration", None) for head in heads
    }

    assert {code: d and (d.gender, d.groups) for code, d in declared.items()} == {
        "PA": ("woman", []),
        "BB": ("woman", ["afro_descendant"]),
        "UY": ("man", ["older"]),
        "MX": ("man", ["indigenous"]),
        "DO": None,
    }
    # A speaker record links to one member at most: the demo leaves them free.
    assert not any(head.person_id for head in heads)


def test_seeding_the_declarations_again_writes_nothing(demo_meeting, ministerial):
    before = sorted(SelfDeclaration.objects.values_list("pk", "gender", "updated_at"))

    with CaptureQueriesContext(connection) as queries:
        demo_inclusion_seed(first_meeting=demo_meeting)

    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    assert len(queries) <= 8
    assert sorted(SelfDeclaration.objects.values_list("pk", "gender", "updated_at")) == before


def test_seeding_again_brings_a_changed_declaration_back(demo_meeting, ministerial):
    panama = Person.objects.get(
        slots__segment__meeting=demo_meeting, slots__representing_state__iso2="PA"
    )
    SelfDeclaration.objects.filter(person=panama).update(gender="man", disability=False)
    count = SelfDeclaration.objects.count()

    demo_inclusion_seed(first_meeting=demo_meeting)

    declaration = SelfDeclaration.objects.get(person=panama)
    assert (declaration.gender, declaration.groups) == ("woman", ["disability"])
    assert SelfDeclaration.objects.count() == count
