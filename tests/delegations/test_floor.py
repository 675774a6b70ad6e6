"""Requests for the floor: the delegations ask, the secretariat orders, accepts or declines."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from agenda import selectors as agenda_selectors
from agenda.enums import Precedence
from delegations.enums import FloorRequestStatus
from delegations.floor.selectors import NOT_ACCREDITED, floor_queues_for_meeting
from delegations.floor.views import floor_context_for_delegation
from delegations.models import Delegation, DelegationMember, FloorRequest
from delegations.precedence import order_delegations
from speakers.enums import SlotRole, SlotStatus
from speakers.models import SpeakerSlot
from tests.delegations.floor_factories import (
    DelegationMemberFactory,
    FloorRequestFactory,
    delegation,
    dialogue,
)
from tests.factories import secretariat_user, user_with_role

STATES = ["PA", "BB", "UY"]


@pytest.fixture
def floor(demo_meeting):
    """The demo meeting with its dialogue open to requests and three accredited delegations."""
    return {
        "meeting": demo_meeting,
        "segment": dialogue(demo_meeting),
        **{iso2: delegation(demo_meeting, iso2) for iso2 in STATES},
    }


@pytest.fixture
def secretariat(db, client):
    client.force_login(secretariat_user())
    return client


def add_url(of):
    return f"/delegations/{of.pk}/floor/new/"


def withdraw_url(floor_request):
    return f"/delegations/{floor_request.delegation_id}/floor/{floor_request.pk}/withdraw/"


def list_url(meeting):
    return f"/secretariat/meetings/{meeting.slug}/floor/"


def action_url(floor_request, action):
    meeting = floor_request.segment.meeting
    return f"{list_url(meeting)}requests/{floor_request.pk}/{action}/"


def ask(floor, *codes):
    """Record one request per delegation in ``codes``, a minute apart, in that order."""
    start = timezone.now() - datetime.timedelta(hours=1)
    requests = []
    for minute, code in enumerate(codes):
        floor_request = FloorRequestFactory(segment=floor["segment"], delegation=floor[code])
        requested_at = start + datetime.timedelta(minutes=minute)
        FloorRequest.objects.filter(pk=floor_request.pk).update(requested_at=requested_at)
        floor_request.requested_at = requested_at
        requests.append(floor_request)
    return requests


def queue_codes(floor):
    """Return the ISO codes of the dialogue's list as the secretariat's page shows it."""
    _meeting, queues = floor_queues_for_meeting(slug=floor["meeting"].slug)
    return [r.delegation.member_state.iso2 for r in queues[0].active]


def slot_codes(segment):
    return [slot.representing_state.iso2 for slot in segment.slots.order_by("order", "pk")]


def accept(client, floor_request, minutes=3):
    floor_request.refresh_from_db()
    return client.post(
        action_url(floor_request, "accept"),
        {"minutes": minutes, "version": floor_request.version},
        follow=True,
    )


def planned_starts(meeting):
    """Return ``{slot pk: planned start as HH:MM in the meeting's time zone}``."""
    agenda = agenda_selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = agenda_selectors.agenda_timing(agenda)
    return {
        item.slot.pk: item.planned_start.astimezone(meeting.tzinfo).strftime("%H:%M")
        for part in timing.segments
        for item in part.slots
    }


# The delegation's side -----------------------------------------------------------------


def test_accredited_delegation_asks_for_the_floor(client, floor):
    panama = floor["PA"]
    member = DelegationMemberFactory(delegation=panama, full_name="Ana Ruiz")
    client.force_login(panama.focal_point)

    page = client.get(add_url(panama))
    response = client.post(
        add_url(panama),
        {
            "segment": floor["segment"].pk,
            "member": member.pk,
            "floor_language": "es",
            "topic": "Cash transfers for women heads of household",
        },
        follow=True,
    )

    assert page.status_code == 200
    assert 'name="topic"' in page.content.decode()
    floor_request = FloorRequest.objects.get()
    assert (floor_request.delegation, floor_request.member, floor_request.status) == (
        panama,
        member,
        FloorRequestStatus.PENDING,
    )
    assert floor_request.topic == "Cash transfers for women heads of household"
    assert "Your request for the floor was sent" in response.content.decode()
    assert "1 of 1" in response.content.decode()


def test_delegation_not_yet_accredited_is_refused_with_a_message(client, floor):
    mexico = delegation(floor["meeting"], "MX", accredited=False)
    member = DelegationMemberFactory(delegation=mexico)
    client.force_login(mexico.focal_point)

    page = client.get(add_url(mexico))
    response = client.post(
        add_url(mexico),
        {"segment": floor["segment"].pk, "member": member.pk, "floor_language": "es", "topic": "X"},
    )

    assert str(NOT_ACCREDITED) in page.content.decode()
    assert 'name="topic"' not in page.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert str(NOT_ACCREDITED) in response.content.decode()
    assert not FloorRequest.objects.exists()


def test_member_of_another_delegation_cannot_be_chosen(client, floor):
    barbados_member = DelegationMemberFactory(delegation=floor["BB"])
    DelegationMemberFactory(delegation=floor["PA"])
    client.force_login(floor["PA"].focal_point)

    response = client.post(
        add_url(floor["PA"]),
        {"segment": floor["segment"].pk, "member": barbados_member.pk, "topic": "Pensions"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not FloorRequest.objects.exists()


def test_only_parts_that_take_requests_can_be_chosen(client, floor):
    member = DelegationMemberFactory(delegation=floor["PA"])
    panel = floor["meeting"].segments.get(order=2)
    client.force_login(floor["PA"].focal_point)

    response = client.post(
        add_url(floor["PA"]),
        {"segment": panel.pk, "member": member.pk, "floor_language": "es", "topic": "Pensions"},
    )

    assert "Select a valid choice" in response.content.decode()
    assert not FloorRequest.objects.exists()


@pytest.mark.parametrize("who", ["other_focal_point", "delegate", "moderator"])
def test_others_cannot_see_or_touch_a_delegations_requests(client, floor, who):
    (panama_request,) = ask(floor, "PA")
    user = {
        "other_focal_point": floor["BB"].focal_point,
        "delegate": user_with_role(Role.DELEGATE),
        "moderator": user_with_role(Role.MODERATOR),
    }[who]
    client.force_login(user)

    answers = [
        client.get(add_url(floor["PA"])).status_code,
        client.post(add_url(floor["PA"]), {"topic": "Taken over"}).status_code,
        client.post(withdraw_url(panama_request), {"version": 1}).status_code,
        client.get(withdraw_url(panama_request)).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    panama_request.refresh_from_db()
    assert panama_request.status == FloorRequestStatus.PENDING
    assert FloorRequest.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, floor):
    (panama_request,) = ask(floor, "PA")

    responses = [
        client.get(add_url(floor["PA"])),
        client.post(withdraw_url(panama_request), {"version": 1}),
        client.get(list_url(floor["meeting"])),
    ]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert all(r["Location"].startswith("/accounts/login/") for r in responses)


def test_focal_point_sees_its_place_in_the_list(client, floor):
    ask(floor, "UY", "PA", "BB")
    panama = floor["PA"]
    client.force_login(panama.focal_point)

    context = floor_context_for_delegation(delegation=panama, user=panama.focal_point)
    page = client.get(add_url(panama))

    assert [(r.position, r.list_length) for r in context["floor_requests"]] == [(2, 3)]
    assert "2 of 3" in page.content.decode()


def test_focal_point_withdraws_a_pending_request(client, floor):
    _uruguay_request, panama_request = ask(floor, "UY", "PA")
    client.force_login(floor["PA"].focal_point)

    response = client.post(
        withdraw_url(panama_request),
        {"version": panama_request.version, "next": "https://evil.example.com/"},
    )

    panama_request.refresh_from_db()
    assert panama_request.status == FloorRequestStatus.WITHDRAWN
    # Another site as "next" is ignored: back to the delegation's own page.
    assert response["Location"] == add_url(floor["PA"])
    assert queue_codes(floor) == ["UY"]


def test_stale_withdraw_is_refused(client, floor, secretariat):
    (panama_request,) = ask(floor, "PA")
    opened_version = panama_request.version
    accept(secretariat, panama_request)
    client.force_login(floor["PA"].focal_point)

    response = client.post(withdraw_url(panama_request), {"version": opened_version}, follow=True)

    panama_request.refresh_from_db()
    assert panama_request.status == FloorRequestStatus.ACCEPTED
    assert "Someone changed this request after the page was shown" in response.content.decode()


# The secretariat's side ----------------------------------------------------------------


def test_list_follows_the_order_of_request_by_default(secretariat, floor):
    ask(floor, "UY", "PA", "BB")

    response = secretariat.get(list_url(floor["meeting"]))

    assert response.status_code == 200
    assert queue_codes(floor) == ["UY", "PA", "BB"]
    content = response.content.decode()
    assert content.index("Uruguay") < content.index("Panama") < content.index("Barbados")


def test_secretariat_sorts_by_precedence_and_back_by_request(secretariat, floor):
    meeting = floor["meeting"]
    assert meeting.precedence == Precedence.CREDENTIALS_DATE
    presented = datetime.datetime(2022, 11, 1, 9, 0, tzinfo=datetime.UTC)
    for days, code in enumerate(["BB", "UY", "PA"]):
        floor[code].credentials_presented_at = presented + datetime.timedelta(days=days)
        floor[code].save(update_fields=["credentials_presented_at"])
    ask(floor, "PA", "UY", "BB")
    sort_url = f"{list_url(meeting)}{floor['segment'].pk}/sort/"

    secretariat.post(sort_url, {"by": "precedence"})
    by_precedence = queue_codes(floor)
    secretariat.post(sort_url, {"by": "request"})

    expected = order_delegations(meeting, [floor[code] for code in STATES])
    assert by_precedence == [d.member_state.iso2 for d in expected] == ["BB", "UY", "PA"]
    assert queue_codes(floor) == ["PA", "UY", "BB"]


def test_secretariat_moves_requests_up_and_down(secretariat, floor):
    panama_request, _uruguay_request, barbados_request = ask(floor, "PA", "UY", "BB")

    secretariat.post(action_url(barbados_request, "move/up"))
    after_up = queue_codes(floor)
    secretariat.post(action_url(panama_request, "move/up"))  # already first: stays
    secretariat.post(action_url(panama_request, "move/down"))

    assert after_up == ["PA", "BB", "UY"]
    assert queue_codes(floor) == ["BB", "PA", "UY"]


def test_secretariat_sets_the_time_limit(secretariat, floor):
    (panama_request,) = ask(floor, "PA")
    url = action_url(panama_request, "minutes")

    secretariat.post(url, {"minutes": 5, "version": panama_request.version})
    too_short = secretariat.post(url, {"minutes": 0, "version": 2}, follow=True)
    stale = secretariat.post(url, {"minutes": 9, "version": 1}, follow=True)

    panama_request.refresh_from_db()
    assert (panama_request.minutes, panama_request.version) == (5, 2)
    assert "greater than or equal to 1" in too_short.content.decode()
    assert "Someone changed this request after the page was shown" in stale.content.decode()


def test_accepted_request_becomes_a_slot_after_the_last_existing_one(secretariat, floor):
    meeting, segment = floor["meeting"], floor["segment"]
    panama_request, uruguay_request = ask(floor, "PA", "UY")
    member = panama_request.member
    panel_end = (
        agenda_selectors.agenda_timing(
            agenda_selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
        )
        .segments[1]
        .slots[-1]
        .planned_end.astimezone(meeting.tzinfo)
        .strftime("%H:%M")
    )

    response = accept(secretariat, panama_request, minutes=4)
    accept(secretariat, uruguay_request)

    panama_request.refresh_from_db()
    slot = panama_request.slot
    assert "Request of Panama accepted" in response.content.decode()
    assert panama_request.status == FloorRequestStatus.ACCEPTED
    assert slot.segment == segment
    assert (slot.role, slot.status, slot.speaking_minutes, slot.qa_minutes) == (
        SlotRole.DELEGATION,
        SlotStatus.CONFIRMED,
        4,
        0,
    )
    assert (slot.representing_state, slot.floor_language) == (floor["PA"].member_state, "es")
    assert slot.person == DelegationMember.objects.get(pk=member.pk).person
    assert (slot.person.full_name, slot.person.member_state) == (
        member.full_name,
        floor["PA"].member_state,
    )
    starts = planned_starts(meeting)
    assert panel_end == "10:42"
    assert [starts[s.pk] for s in segment.slots.order_by("order")] == ["10:42", "10:46"]
    assert '<time datetime="2022-11-17T10:42:00-05:00" data-clock>10:42</time>' in (
        secretariat.get(list_url(meeting)).content.decode()
    )


def test_accepted_slots_follow_the_order_of_the_list(secretariat, floor):
    panama_request, _uruguay_request, barbados_request = ask(floor, "PA", "UY", "BB")
    accept(secretariat, panama_request)
    accept(secretariat, barbados_request)

    secretariat.post(action_url(barbados_request, "move/up"))
    secretariat.post(action_url(barbados_request, "move/up"))

    assert queue_codes(floor) == ["BB", "PA", "UY"]
    assert slot_codes(floor["segment"]) == ["BB", "PA"]


def test_time_limit_of_an_accepted_request_changes_its_slot(secretariat, floor):
    (panama_request,) = ask(floor, "PA")
    accept(secretariat, panama_request)
    panama_request.refresh_from_db()

    secretariat.post(
        action_url(panama_request, "minutes"), {"minutes": 6, "version": panama_request.version}
    )

    panama_request.refresh_from_db()
    assert (panama_request.minutes, panama_request.slot.speaking_minutes) == (6, 6)


def test_acceptance_that_runs_past_midnight_is_refused(secretariat, floor):
    meeting = floor["meeting"]
    meeting.start_time = datetime.time(23, 30)
    meeting.save(update_fields=["start_time"])
    (panama_request,) = ask(floor, "PA")

    response = accept(secretariat, panama_request, minutes=60)

    panama_request.refresh_from_db()
    assert "run past midnight" in response.content.decode()
    assert (panama_request.status, panama_request.slot) == (FloorRequestStatus.PENDING, None)
    assert not floor["segment"].slots.exists()
    assert panama_request.member.person is None


def test_secretariat_declines_with_a_reason(secretariat, floor, client):
    panama_request, uruguay_request = ask(floor, "PA", "UY")
    accept(secretariat, uruguay_request)
    uruguay_request.refresh_from_db()

    secretariat.post(
        action_url(panama_request, "decline"),
        {"reason": "The list is full.", "version": panama_request.version},
    )
    secretariat.post(action_url(uruguay_request, "decline"), {"version": uruguay_request.version})
    again = secretariat.post(action_url(panama_request, "decline"), {"version": 2}, follow=True)
    client.force_login(floor["PA"].focal_point)
    page = client.get(add_url(floor["PA"])).content.decode()

    panama_request.refresh_from_db()
    uruguay_request.refresh_from_db()
    assert (panama_request.status, panama_request.decline_reason) == (
        FloorRequestStatus.DECLINED,
        "The list is full.",
    )
    assert (uruguay_request.status, uruguay_request.slot) == (FloorRequestStatus.DECLINED, None)
    assert not floor["segment"].slots.exists()
    assert "This request has already been declined" in again.content.decode()
    assert "Reason: The list is full." in page


def test_withdrawing_an_accepted_request_removes_its_slot(client, secretariat, floor):
    panama_request, uruguay_request = ask(floor, "PA", "UY")
    accept(secretariat, panama_request)
    accept(secretariat, uruguay_request)
    panama_request.refresh_from_db()
    panama_slot = panama_request.slot
    client.force_login(floor["PA"].focal_point)

    client.post(withdraw_url(panama_request), {"version": panama_request.version})

    panama_request.refresh_from_db()
    assert (panama_request.status, panama_request.slot) == (FloorRequestStatus.WITHDRAWN, None)
    assert not SpeakerSlot.objects.filter(pk=panama_slot.pk).exists()
    assert slot_codes(floor["segment"]) == ["UY"]
    assert floor["segment"].slots.get().order == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.FOCAL_POINT, 403), (Role.DELEGATE, 403), (Role.MODERATOR, 403)],
)
def test_secretariat_page_is_refused_to_other_roles(client, floor, role, expected):
    (panama_request,) = ask(floor, "PA")
    client.force_login(user_with_role(role))

    answers = [
        client.get(list_url(floor["meeting"])).status_code,
        client.post(action_url(panama_request, "accept"), {"minutes": 3, "version": 1}).status_code,
    ]

    assert answers == [expected, expected]
    panama_request.refresh_from_db()
    assert panama_request.status == FloorRequestStatus.PENDING


def test_secretariat_changes_are_post_only(secretariat, floor):
    (panama_request,) = ask(floor, "PA")
    urls = [
        f"{list_url(floor['meeting'])}{floor['segment'].pk}/sort/",
        *(action_url(panama_request, a) for a in ["move/up", "minutes", "accept", "decline"]),
    ]

    assert [secretariat.get(url).status_code for url in urls] == [405] * 5


# Query counts --------------------------------------------------------------------------


def fill(floor, secretariat, rounds):
    """Add ``rounds`` requests per delegation; accept one and decline one of each round."""
    for _round in range(rounds):
        panama_request, _uruguay_request, barbados_request = ask(floor, "PA", "UY", "BB")
        accept(secretariat, panama_request)
        barbados_request.refresh_from_db()
        secretariat.post(
            action_url(barbados_request, "decline"), {"version": barbados_request.version}
        )


def count_queries(run):
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_secretariat_page_runs_the_same_queries_for_few_and_many_requests(secretariat, floor):
    def page():
        assert secretariat.get(list_url(floor["meeting"])).status_code == 200

    fill(floor, secretariat, rounds=1)
    few = count_queries(page)
    fill(floor, secretariat, rounds=4)

    assert count_queries(page) == few


def test_delegation_context_runs_the_same_queries_for_few_and_many_requests(secretariat, floor):
    panama = floor["PA"]

    def page_queries():
        """Count the queries of one page view: a fresh user, as each request loads it."""
        request = RequestFactory().get("/delegations/registration/")
        request.user = User.objects.get(pk=panama.focal_point_id)

        # As the page loads it: with its meeting (delegation_get_for_user).
        delegation = Delegation.objects.select_related("meeting").get(pk=panama.pk)

        def context_and_include():
            context = floor_context_for_delegation(delegation=delegation, user=request.user)
            html = render_to_string(
                "delegations/floor/_my_requests.html",
                {**context, "delegation": delegation, "user": request.user},
                request=request,
            )
            assert "Withdraw" in html

        return count_queries(context_and_include)

    fill(floor, secretariat, rounds=1)
    few = page_queries()
    fill(floor, secretariat, rounds=4)

    assert FloorRequest.objects.filter(delegation=panama).count() == 5
    assert page_queries() == few
