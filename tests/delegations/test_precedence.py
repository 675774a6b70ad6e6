import datetime
import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from agenda.enums import Precedence
from delegations import precedence, selectors
from delegations.models import Delegation, DelegationMember, MemberState, Organization
from delegations.services import delegation_create


def names(delegations):
    return [
        d.member_state.iso2 if d.member_state_id else d.organization.acronym for d in delegations
    ]


@pytest.fixture
def five_delegations(demo_meeting):
    """PA, BB, UY, MX, DO from the demo, plus ECLAC; credentials on different days."""
    delegation_create(meeting=demo_meeting, organization=Organization.objects.get(acronym="ECLAC"))
    presented = {"UY": 1, "PA": 2, "MX": 3}
    base = timezone.make_aware(datetime.datetime(2022, 11, 1, 9))
    for delegation in Delegation.objects.filter(meeting=demo_meeting, member_state__isnull=False):
        day = presented.get(delegation.member_state.iso2)
        if day:
            delegation.credentials_presented_at = base + datetime.timedelta(days=day)
            delegation.save()
    return demo_meeting


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        # Presented first, then those not yet presented (alphabetically); organizations last.
        (Precedence.CREDENTIALS_DATE, ["UY", "PA", "MX", "BB", "DO", "ECLAC"]),
        (Precedence.ALPHABETICAL_EN, ["BB", "DO", "MX", "PA", "UY", "ECLAC"]),
        # OAS Spanish order: Barbados, México, Panamá, República Dominicana, Uruguay.
        (Precedence.ALPHABETICAL_ES, ["BB", "MX", "PA", "DO", "UY", "ECLAC"]),
    ],
)
def test_participants_follow_the_meetings_precedence(five_delegations, strategy, expected):
    five_delegations.precedence = strategy
    five_delegations.save()

    assert names(selectors.meeting_delegations(meeting=five_delegations)) == expected


def test_the_lot_is_drawn_once_and_can_be_reproduced_from_its_seed(five_delegations):
    five_delegations.precedence = Precedence.LOT
    five_delegations.save()

    meeting = precedence.lot_draw(meeting=five_delegations, seed="cidi-2022")
    drawn = names(selectors.meeting_delegations(meeting=meeting))

    # Anyone can reproduce it: sort the codes, shuffle them with the recorded seed.
    states = sorted(["BB", "DO", "MX", "PA", "UY"])
    everyone = sorted([*states, "ECLAC"])
    random.Random("cidi-2022").shuffle(everyone)
    assert drawn == [code for code in everyone if code != "ECLAC"] + ["ECLAC"]
    assert meeting.lot_seed == "cidi-2022" and meeting.lot_drawn_at is not None
    with pytest.raises(ValueError, match="already been drawn"):
        precedence.lot_draw(meeting=meeting)


def test_the_participants_csv_follows_the_order_and_the_protocol_order(five_delegations):
    five_delegations.precedence = Precedence.ALPHABETICAL_EN
    five_delegations.save()
    barbados = Delegation.objects.get(meeting=five_delegations, member_state__iso2="BB")
    DelegationMember.objects.create(
        delegation=barbados, order=2, full_name="Second", role="adviser"
    )
    DelegationMember.objects.create(delegation=barbados, order=1, full_name="First", role="head")
    client = Client()
    client.force_login(User.objects.get(email="moderator@example.org"))

    response = client.get(f"/secretariat/meetings/{five_delegations.slug}/participants.csv")

    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[1].startswith("1,Barbados,1,,First,")
    assert rows[2].startswith("1,Barbados,2,,Second,")
    page = client.get(
        f"/secretariat/meetings/{five_delegations.slug}/participants/"
    ).content.decode()
    assert page.index("Barbados") < page.index("Dominican Republic") < page.index("Uruguay")


def grow(meeting, states, members_each):
    for state in MemberState.objects.exclude(delegations__meeting=meeting).order_by("iso2")[
        :states
    ]:
        delegation = delegation_create(meeting=meeting, member_state=state)
        for order in range(1, members_each + 1):
            DelegationMember.objects.create(
                delegation=delegation, order=order, full_name=f"Member {order}", role="adviser"
            )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    ["delegations/", "participants/", "participants.csv"],
)
def test_secretariat_pages_run_a_fixed_number_of_queries(demo_meeting, path):
    client = Client()
    client.force_login(User.objects.get(email="secretariat@example.org"))
    url = f"/secretariat/meetings/{demo_meeting.slug}/{path}"
    small = count_queries(client, url)

    grow(demo_meeting, states=20, members_each=4)

    assert count_queries(client, url) == small


def test_registration_page_runs_a_fixed_number_of_queries(demo_meeting):
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    client = Client()
    client.force_login(User.objects.get(email="focal.pa@example.org"))
    url = f"/delegations/{panama.pk}/"
    small = count_queries(client, url)
    panama.quota = 30
    panama.save()
    for order in range(1, 21):
        DelegationMember.objects.create(
            delegation=panama, order=order, full_name=f"M{order}", role="adviser"
        )

    assert count_queries(client, url) == small
