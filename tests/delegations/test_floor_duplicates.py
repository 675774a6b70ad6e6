"""Requests for the floor: one per member, part and topic; replayed posts store once."""

import pytest

from delegations.enums import FloorRequestStatus
from delegations.models import FloorRequest
from tests.delegations.floor_factories import DelegationMemberFactory, delegation, dialogue


@pytest.fixture
def panama(demo_meeting, client):
    found = delegation(demo_meeting, "PA")
    client.force_login(found.focal_point)
    return {
        "delegation": found,
        "segment": dialogue(demo_meeting),
        "member": DelegationMemberFactory(delegation=found, full_name="Ana Head"),
    }


def post(client, panama, topic="Cash transfers"):
    return client.post(
        f"/delegations/{panama['delegation'].pk}/floor/new/",
        {
            "segment": panama["segment"].pk,
            "member": panama["member"].pk,
            "floor_language": "es",
            "topic": topic,
        },
    )


def test_six_identical_requests_are_stored_once(client, panama):
    responses = [post(client, panama) for _ in range(6)]

    assert [r.status_code for r in responses] == [302] + [200] * 5
    assert "already asked for the floor in this part on this topic" in (
        responses[-1].content.decode()
    )
    assert FloorRequest.objects.count() == 1


def test_the_same_topic_differently_spaced_or_cased_is_a_duplicate(client, panama):
    post(client, panama, "Cash transfers")
    post(client, panama, "  cash   TRANSFERS ")

    assert FloorRequest.objects.count() == 1


def test_a_withdrawn_or_declined_request_may_be_asked_again(client, panama):
    post(client, panama)
    FloorRequest.objects.update(status=FloorRequestStatus.WITHDRAWN)

    post(client, panama)

    assert FloorRequest.objects.filter(status=FloorRequestStatus.PENDING).count() == 1


def test_another_topic_is_another_request(client, panama):
    post(client, panama, "Cash transfers")
    post(client, panama, "Pensions")

    assert FloorRequest.objects.count() == 2


def test_bidi_controls_are_removed_from_the_topic(client, panama):
    post(client, panama, "Cash \u202etransfers\u202c")

    assert FloorRequest.objects.get().topic == "Cash transfers"
