"""Accepting a request for the floor tells the delegation when and where it speaks."""

import re

import pytest
from django.core import mail

from delegations.floor.services import floor_request_accept
from tests.delegations.floor_factories import (
    DelegationMemberFactory,
    FloorRequestFactory,
    delegation,
    dialogue,
)
from tests.delegations.test_floor import planned_starts
from tests.factories import secretariat_user


@pytest.mark.django_db
def test_focal_point_and_member_learn_the_part_clock_time_and_place(
    demo_meeting, django_capture_on_commit_callbacks
):
    segment = dialogue(demo_meeting)
    panama = delegation(demo_meeting, "PA")
    member = DelegationMemberFactory(
        delegation=panama, email="ministra@example.org", preferred_language="en"
    )
    floor_request = FloorRequestFactory(segment=segment, delegation=panama, member=member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = floor_request_accept(
            floor_request=floor_request,
            minutes=4,
            expected_version=floor_request.version,
            user=secretariat_user(),
        )

    clock = planned_starts(demo_meeting)[accepted.slot_id]
    place = [s.pk for s in segment.slots.order_by("order", "pk")].index(accepted.slot_id) + 1
    assert re.fullmatch(r"\d\d:\d\d", clock)
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [panama.focal_point.email, "ministra@example.org"]
    )
    english = next(m for m in mail.outbox if m.to == ["ministra@example.org"])
    assert segment.title in english.subject
    assert clock in english.subject
    assert f"speaker {place}" in english.subject
    assert segment.title in english.body
    assert f"{clock} (Eastern Time, New York)" in english.body
    assert f"Place in the list of speakers: {place} of" in english.body
    assert "Time limit: 4 minutes." in english.body


@pytest.mark.django_db
def test_the_delegations_page_shows_when_an_accepted_request_speaks(demo_meeting, client):
    segment = dialogue(demo_meeting)
    panama = delegation(demo_meeting, "PA")
    floor_request = FloorRequestFactory(segment=segment, delegation=panama)
    accepted = floor_request_accept(
        floor_request=floor_request,
        minutes=3,
        expected_version=floor_request.version,
        user=secretariat_user(),
    )
    client.force_login(panama.focal_point)

    page = client.get(f"/delegations/{panama.pk}/").content.decode()

    clock = planned_starts(demo_meeting)[accepted.slot_id]
    assert re.search(rf"Speaks at\s*(<[^>]+>\s*)*{clock}", page)
    assert "Eastern Time, New York" in page
