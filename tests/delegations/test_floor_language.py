"""A member's floor language defaults to the language of the member state, not to Spanish."""

import pytest

from delegations.floor.views import floor_context_for_delegation
from delegations.models import DelegationMember, FloorRequest
from delegations.services import member_add
from speakers.models import SpeakerSlot
from tests.delegations.floor_factories import delegation, dialogue
from tests.factories import secretariat_user


@pytest.fixture
def barbados(demo_meeting):
    dialogue(demo_meeting)
    return delegation(demo_meeting, "BB")


def test_a_new_member_of_barbados_speaks_english_by_default(client, barbados):
    client.force_login(secretariat_user())

    response = client.get(f"/delegations/{barbados.pk}/")

    assert response.context["member_form"]["preferred_language"].value() == "en"


def test_a_new_member_registered_without_a_language_gets_the_states(barbados):
    member = member_add(
        delegation=barbados,
        data={"full_name": "Kerrie Symmonds", "role": "adviser"},
        by_secretariat=True,
    )

    assert member.preferred_language == "en"


def test_an_accepted_floor_request_of_barbados_is_in_english(client, barbados):
    member = DelegationMember.objects.create(
        delegation=barbados, order=9, full_name="Kay McConney", role="head"
    )
    client.force_login(barbados.focal_point)
    form = floor_context_for_delegation(delegation=barbados, user=barbados.focal_point)[
        "floor_form"
    ]
    assert form["floor_language"].value() == "en"

    client.post(
        f"/delegations/{barbados.pk}/floor/new/",
        {
            "segment": form["segment"].value() or dialogue(barbados.meeting).pk,
            "member": member.pk,
            "floor_language": form["floor_language"].value(),
            "topic": "Social protection in small island states",
        },
    )
    floor_request = FloorRequest.objects.get(delegation=barbados)
    client.force_login(secretariat_user())
    client.post(
        f"/secretariat/meetings/{barbados.meeting.slug}/floor/requests/{floor_request.pk}/accept/",
        {"minutes": 3, "version": floor_request.version},
    )

    floor_request.refresh_from_db()
    assert SpeakerSlot.objects.get(pk=floor_request.slot_id).floor_language == "en"
