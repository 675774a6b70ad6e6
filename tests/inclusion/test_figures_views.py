"""The secretariat's inclusion figures page and the public meeting page's panel."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from delegations.enums import MemberRole
from inclusion.enums import Gender
from inclusion.figures import panels
from inclusion.models import SelfDeclaration
from live import services as console
from live.models import ClockAction
from tests.delegations.factories import DelegationFactory, member_states
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    UserFactory,
    secretariat_user,
    user_with_role,
)
from tests.live.room_time import RoomTime, at
from tests.outcomes.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
ENDED = datetime.time(13, 0)


def figures_url(meeting):
    return reverse("inclusion:figures", kwargs={"slug": meeting.slug})


def page_url(meeting):
    return reverse("agenda:meeting_detail", kwargs={"slug": meeting.slug})


def declare(owner, gender="", **groups):
    key = "member" if hasattr(owner, "delegation_id") else "person"
    return SelfDeclaration.objects.create(**{key: owner}, gender=gender, **groups)


def meeting_with_speakers(genders, *, end_time=ENDED, date=None, **fields):
    """A meeting of one part whose speakers declared ``genders`` ("" for nothing)."""
    meeting = MeetingFactory(end_time=end_time, **({"date": date} if date else {}), **fields)
    part = SegmentFactory(meeting=meeting, title="Technical panel on care")
    for gender in genders:
        person = PersonFactory()
        if gender is not None:
            declare(person, gender)
        SpeakerSlotFactory(segment=part, person=person)
    return meeting


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def secretariat_client(client):
    return signed_in(client, secretariat_user())


# The secretariat's page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.DELEGATE, 403), (Role.MODERATOR, 403), (Role.SECRETARIAT, 200)],
)
def test_only_the_secretariat_reads_the_figures_page(client, role, status):
    meeting = meeting_with_speakers([Gender.WOMAN])
    if role is not None:
        signed_in(client, user_with_role(role))

    assert client.get(figures_url(meeting)).status_code == status


def test_a_signed_in_account_without_a_role_is_refused(client):
    meeting = meeting_with_speakers([Gender.WOMAN])
    signed_in(client, UserFactory())

    assert client.get(figures_url(meeting)).status_code == 403


def test_an_unknown_meeting_is_not_found(secretariat_client):
    response = secretariat_client.get("/secretariat/meetings/no-such-meeting/inclusion/")

    assert response.status_code == 404


def test_the_secretariat_reads_exact_counts_in_tables_and_charts(secretariat_client):
    meeting = meeting_with_speakers([Gender.WOMAN, Gender.MAN, Gender.MAN, None])

    response = secretariat_client.get(figures_url(meeting))

    html = response.content.decode()
    whole = table_foot(html, "inclusion-speakers")
    assert cells(whole) == ["Whole meeting", "1", "2", "0", "0", "1", "4", "25%"]
    assert "1 of 4 speakers have not declared their gender." in html
    # Speakers, time by gender, by group; the meeting has no head of delegation: a sentence.
    assert html.count("<caption") == 3
    assert "No head of delegation is registered for this meeting." in html
    # Women per part and time by gender; nobody declared a group: nothing to draw there.
    assert html.count("<svg") == 2
    # SVG numbers are locale-free even in French.
    french = secretariat_client.get("/fr" + figures_url(meeting)).content.decode()
    numbers = re.findall(r' (?:x|y|width|height)="([^"]+)"', french)
    assert numbers and all(re.fullmatch(r"\d+(\.\d)?", number) for number in numbers), numbers
    assert "69.0" in numbers  # the bar of 25% women (of 276 units), never "69,0"


@pytest.mark.parametrize("size", [2, 10])
def test_the_figures_page_runs_a_fixed_number_of_queries(
    secretariat_client, size, django_assert_num_queries
):
    small, large = meeting_of_size(2), meeting_of_size(size)
    secretariat_client.get(figures_url(small))  # the session and the user, read once
    expected = queries_of(secretariat_client, figures_url(small))

    # The session, the user and their groups, the meeting, then the five of the figures.
    assert expected == 9
    with django_assert_num_queries(expected):
        secretariat_client.get(figures_url(large))


# The public panel -------------------------------------------------------------------


def panel_html(meeting):
    """Render the panel as the meeting page does, or return None when there is none."""
    panel = panels.figures_panel(meeting=meeting, user=AnonymousUser())
    if panel is None:
        return None
    return render_to_string(panel.template, {"meeting": meeting, "panel": panel})


def test_the_panel_is_hidden_until_the_meeting_ends(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    upcoming = meeting_with_speakers([Gender.WOMAN] * 6, date=tomorrow)
    ended = meeting_with_speakers([Gender.WOMAN] * 6)

    assert 'data-testid="inclusion-panel"' not in client.get(page_url(upcoming)).content.decode()
    assert 'data-testid="inclusion-panel"' in client.get(page_url(ended)).content.decode()


def test_a_meeting_without_a_planned_end_shows_the_panel_once_the_console_finished(
    monkeypatch,
):
    meeting = meeting_with_speakers([Gender.WOMAN, Gender.MAN], end_time=None)
    clock = RoomTime(at(10, 0))
    monkeypatch.setattr("live.clock.now", clock)
    assert panel_html(meeting) is None

    for action, moment in [
        (ClockAction.START, at(10, 0)),
        (ClockAction.NEXT, at(10, 5)),
        (ClockAction.START, at(10, 6)),
        (ClockAction.END, at(10, 11)),
    ]:
        clock.at = moment
        console.clock_press(meeting=meeting, action=action)
    assert panel_html(meeting) is None  # the last speaker ended; "next" not yet pressed

    clock.at = at(10, 12)
    console.clock_press(meeting=meeting, action=ClockAction.NEXT)
    assert 'data-testid="inclusion-panel"' in panel_html(meeting)


@pytest.mark.parametrize(
    ("women", "shown"),
    [
        # The men too: with the total, they would tell how many women there are.
        (4, ["fewer than 5", "not shown", "0", "0", "0", "10", "—"]),
        (5, ["5", "6", "0", "0", "0", "11", "45%"]),
    ],
)
def test_the_panel_withholds_fewer_than_five_women(client, women, shown):
    meeting = meeting_with_speakers([Gender.WOMAN] * women + [Gender.MAN] * 6)

    html = client.get(page_url(meeting)).content.decode()

    assert cells(table_foot(html, "inclusion-speakers")) == ["Whole meeting", *shown]


def test_the_panel_names_no_one(client):
    meeting = meeting_with_speakers([])
    part = meeting.segments.get()
    names = []
    for index in range(6):
        person = PersonFactory(full_name=f"Speaker Name {index}")
        declare(person, Gender.WOMAN, indigenous=True)
        SpeakerSlotFactory(segment=part, person=person)
        names.append(person.full_name)
    delegation = DelegationFactory(meeting=meeting)
    head = DelegationMemberFactory(
        delegation=delegation, full_name="Head Name", role=MemberRole.HEAD
    )
    declare(head, Gender.WOMAN)

    html = panel_html(meeting)

    assert "Inclusion figures" in html
    for name in [*names, "Head Name"]:
        assert name not in html
    assert "Speaker Name" in client.get(page_url(meeting)).content.decode()  # the agenda's


def meeting_of_size(size):
    """An ended meeting with ``size`` declared speakers in each of two parts, ``size`` heads
    and ``size`` published practices."""
    meeting = MeetingFactory(end_time=ENDED)
    for order in (1, 2):
        part = SegmentFactory(meeting=meeting, order=order)
        for index in range(size):
            person = PersonFactory()
            declare(person, Gender.WOMAN if index % 2 else "", youth=bool(index % 3))
            SpeakerSlotFactory(segment=part, person=person)
    for state in member_states(size):
        delegation = DelegationFactory(meeting=meeting, member_state=state)
        declare(DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD), Gender.MAN)
        GoodPracticeFactory(delegation=delegation, target_groups=["women", "older-persons"])
    return meeting


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_the_meeting_page_with_the_panel_runs_a_fixed_number_of_queries(
    client, who, django_assert_num_queries
):
    small, large = meeting_of_size(2), meeting_of_size(10)
    if who == "secretariat":
        signed_in(client, secretariat_user())
    client.get(page_url(small))
    client.get(page_url(large))  # both agendas now come from the cache
    expected = queries_of(client, page_url(small))

    with django_assert_num_queries(expected):
        html = client.get(page_url(large)).content.decode()
    assert 'data-testid="inclusion-panel"' in html


def test_the_panel_adds_its_five_queries_once_the_meeting_has_ended(client):
    meeting = meeting_of_size(3)
    client.get(page_url(meeting))
    ended = queries_of(client, page_url(meeting))
    type(meeting).objects.filter(pk=meeting.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=1)
    )
    client.get(page_url(meeting))

    # Before its end: one query of the room's clocks, instead of the five of the figures.
    assert queries_of(client, page_url(meeting)) == ended - 4


# Helpers to read a table ------------------------------------------------------------


def table_foot(html, table_id):
    table = html[html.index(f'id="{table_id}"') :]
    return table[table.index("<tfoot>") : table.index("</tfoot>")]


def cells(row_html):
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, flags=re.S)
    ]
