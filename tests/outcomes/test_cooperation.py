"""Cooperation offers and needs, the matches the portal proposes, their follow-up and the matrix."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts.enums import Role
from accounts.models import User
from agenda.enums import MeetingStatus
from outcomes.cooperation.selectors import cooperation_board, cooperation_matrix
from outcomes.enums import CooperationKind, MatchStatus, Modality
from outcomes.models import CooperationItem, CooperationMatch, Instrument, TargetGroup, Theme
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.factories import secretariat_user, user_with_role
from tests.outcomes.factories import CooperationItemFactory, GoodPracticeFactory, delegation_of

FOCAL = "focal.{}@example.org"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def coop(demo_meeting):
    """The demo meeting and its delegations by ISO code, without the demo's offers and needs.

    Each test posts exactly the items it is about.
    """
    CooperationItem.objects.filter(meeting=demo_meeting).delete()
    codes = ["MX", "PA", "BB", "UY", "DO"]
    return {"meeting": demo_meeting, **{code: delegation_of(demo_meeting, code) for code in codes}}


def sign_in(client, code):
    client.force_login(User.objects.get(email=FOCAL.format(code.lower())))
    return client


@pytest.fixture
def secretariat(db, client):
    client.force_login(secretariat_user())
    return client


def offer(delegation, **fields):
    return CooperationItemFactory(delegation=delegation, kind=CooperationKind.OFFER, **fields)


def need(delegation, **fields):
    return CooperationItemFactory(delegation=delegation, kind=CooperationKind.NEED, **fields)


def theme(code):
    return Theme.objects.get(code=code)


def instrument(code):
    return Instrument.objects.get(code=code)


def group_pks(*codes):
    return [
        str(pk) for pk in TargetGroup.objects.filter(code__in=codes).values_list("pk", flat=True)
    ]


def own_url(delegation):
    return f"/delegations/{delegation.pk}/cooperation/"


def add_url(delegation, kind="offer"):
    return f"{own_url(delegation)}new/?kind={kind}"


def edit_url(item):
    return f"{own_url(item.delegation)}{item.pk}/"


def close_url(item):
    return f"{edit_url(item)}close/"


def matches_url(meeting):
    return f"/secretariat/meetings/{meeting.slug}/cooperation/"


def update_url(match):
    return f"{matches_url(match.offer.meeting)}matches/{match.pk}/"


def matrix_url(meeting):
    return f"/meetings/{meeting.slug}/cooperation/matrix/"


def item_data(prefix="", **fields):
    """Return the POST data of an item form (with a form prefix such as ``offer-``)."""
    data = {
        "title": "Care systems: training of municipal teams",
        "description": "Two weeks in Mexico City.",
        "modality": Modality.TRAINING,
        "theme": theme("care-systems").pk,
        "instrument": instrument("care-services").pk,
        "target_groups": group_pks("women", "older-persons"),
        "practice": "",
        **fields,
    }
    return {f"{prefix}{name}": value for name, value in data.items()}


# A delegation's offers and needs --------------------------------------------------------


def test_focal_point_posts_an_offer_with_groups_and_a_practice_of_its_own(client, coop):
    mexico = coop["MX"]
    practice = GoodPracticeFactory(delegation=mexico)

    response = sign_in(client, "MX").post(
        add_url(mexico), item_data("offer-", practice=practice.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == own_url(mexico)
    item = CooperationItem.objects.get()
    assert (item.delegation, item.meeting, item.kind, item.practice) == (
        mexico,
        coop["meeting"],
        CooperationKind.OFFER,
        practice,
    )
    assert [group.code for group in item.target_groups.all()] == ["women", "older-persons"]
    assert item.description == "<p>Two weeks in Mexico City.</p>"


def test_focal_point_posts_a_need(client, coop):
    response = sign_in(client, "PA").post(add_url(coop["PA"], "need"), item_data("need-"))

    assert response.status_code == 302
    assert CooperationItem.objects.get().kind == CooperationKind.NEED


def test_own_page_lists_offers_and_needs_with_both_forms(client, coop):
    offer(coop["MX"], title="Offered training")
    need(coop["MX"], title="Needed registry advice")

    page = sign_in(client, "MX").get(own_url(coop["MX"])).content.decode()

    assert "Offered training" in page
    assert "Needed registry advice" in page
    assert 'action="/delegations/{}/cooperation/new/?kind=offer"'.format(coop["MX"].pk) in page
    assert 'name="need-title"' in page


def test_practice_choices_are_only_the_delegations_own(client, coop):
    own = GoodPracticeFactory(delegation=coop["MX"], title="Mexico's care programme")
    other = GoodPracticeFactory(delegation=coop["PA"], title="Panama's registry")
    client = sign_in(client, "MX")

    page = client.get(add_url(coop["MX"])).content.decode()
    response = client.post(add_url(coop["MX"]), item_data("offer-", practice=other.pk))

    assert escape(own.title) in page
    assert other.title not in page
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CooperationItem.objects.exists()


def test_a_validation_error_keeps_everything_typed(client, coop):
    data = item_data("offer-", title="", description="Our typed description")

    response = sign_in(client, "MX").post(add_url(coop["MX"]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Give a short title." in page
    assert "Our typed description" in page
    assert f'value="{Modality.TRAINING}" selected' in page
    checked = re.findall(r'name="offer-target_groups" value="(\d+)"\s+id="[^"]+" checked', page)
    assert checked == data["offer-target_groups"]
    assert not CooperationItem.objects.exists()


def test_focal_point_edits_an_item_with_its_version(client, coop):
    item = offer(coop["MX"])

    response = sign_in(client, "MX").post(
        edit_url(item), item_data(title="Renamed", version=item.version)
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.title, item.version) == ("Renamed", 2)


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(client, coop):
    item = offer(coop["MX"], title="Original")
    client = sign_in(client, "MX")
    client.post(edit_url(item), item_data(title="First save", version=1))

    response = client.post(edit_url(item), item_data(title="Second save", version=1))

    page = response.content.decode()
    item.refresh_from_db()
    assert response.status_code == 200
    assert "Someone else saved this in the meantime" in page
    assert 'value="Second save"' in page
    assert item.title == "First save"


def test_focal_point_closes_an_item(client, coop):
    item = offer(coop["MX"])

    response = sign_in(client, "MX").post(close_url(item), {"version": item.version})

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.is_open is False


def test_a_stale_close_is_refused(client, coop):
    item = offer(coop["MX"])
    client = sign_in(client, "MX")
    client.post(edit_url(item), item_data(version=1))

    response = client.post(close_url(item), {"version": 1}, follow=True)

    item.refresh_from_db()
    assert item.is_open is True
    assert "nothing was closed" in response.content.decode()


# Matching -------------------------------------------------------------------------------


def proposals(meeting):
    return cooperation_board(meeting=meeting).proposals


def test_same_instrument_offer_and_need_are_proposed_with_the_reason(secretariat, coop):
    mexico_offer = offer(
        coop["MX"],
        modality=Modality.TRAINING,
        theme=theme("care-systems"),
        target_groups=["women", "older-persons"],
    )
    panama_need = need(
        coop["PA"],
        modality=Modality.STUDY_TOUR,
        theme=theme("gender-responsive"),
        target_groups=["women", "older-persons", "poverty"],
    )

    page = secretariat.get(matches_url(coop["meeting"])).content.decode()

    [proposal] = proposals(coop["meeting"])
    assert (proposal.offer, proposal.need, proposal.score) == (mexico_offer, panama_need, 5)
    reason = "Same instrument: Care services and systems; shared groups: Women, Older persons"
    assert proposal.reason == reason
    assert reason in page


def test_same_theme_and_a_shared_group_are_proposed_below_the_same_instrument(coop):
    mexico_offer = offer(coop["MX"], target_groups=["women"])
    panama_need = need(coop["PA"], modality=Modality.INTERNSHIP, target_groups=["children"])
    uruguay_need = need(
        coop["UY"],
        instrument=instrument("social-registries"),
        modality=Modality.INTERNSHIP,
        target_groups=["women"],
    )

    ranked = proposals(coop["meeting"])

    assert [(p.offer, p.need, p.score) for p in ranked] == [
        (mexico_offer, panama_need, 5),
        (mexico_offer, uruguay_need, 3),
    ]
    assert ranked[1].reason == "Same theme: Care systems; shared group: Women"


def test_same_theme_and_form_of_cooperation_match_but_the_theme_alone_does_not(coop):
    registries = instrument("social-registries")
    mexico_offer = offer(coop["MX"], instrument=None, modality=Modality.STUDY_TOUR)
    panama_need = need(coop["PA"], instrument=registries, modality=Modality.STUDY_TOUR)
    need(coop["UY"], instrument=registries, modality=Modality.INTERNSHIP)

    [proposal] = proposals(coop["meeting"])

    assert (proposal.offer, proposal.need, proposal.score) == (mexico_offer, panama_need, 3)
    assert proposal.reason == "Same theme: Care systems; same form of cooperation: Study tour"


def test_a_delegation_is_never_matched_with_itself(coop):
    offer(coop["MX"], target_groups=["women"])
    need(coop["MX"], target_groups=["women"])

    assert proposals(coop["meeting"]) == []


def test_closed_items_are_not_matched(coop):
    offer(coop["MX"], is_open=False)
    need(coop["PA"])
    offer(coop["UY"])
    need(coop["BB"], is_open=False)

    assert [(p.offer.delegation, p.need.delegation) for p in proposals(coop["meeting"])] == [
        (coop["UY"], coop["PA"])
    ]


def test_items_of_another_meeting_are_not_matched(coop):
    from tests.factories import MeetingFactory

    other_meeting = MeetingFactory()
    offer(coop["MX"])
    need(coop["PA"], meeting=other_meeting)

    assert proposals(coop["meeting"]) == []


# Follow-up ------------------------------------------------------------------------------


def start(secretariat, offer_item, need_item):
    return secretariat.post(
        matches_url(offer_item.meeting), {"offer": offer_item.pk, "need": need_item.pk}
    )


def follow_up(secretariat, match, **fields):
    """Post the match's follow-up form as the page fills it, changed by ``fields``."""
    data = {
        "status": match.status,
        "agreed_on": match.agreed_on or "",
        "started_on": match.started_on or "",
        "completed_on": match.completed_on or "",
        "notes": match.notes,
        "version": match.version,
        **fields,
    }
    return secretariat.post(
        update_url(match), {f"match-{match.pk}-{name}": value for name, value in data.items()}
    )


def test_secretariat_follows_a_match_from_proposed_to_completed(secretariat, coop):
    mexico_offer = offer(coop["MX"], target_groups=["women"])
    panama_need = need(coop["PA"], target_groups=["women"])
    today = timezone.localdate()

    assert start(secretariat, mexico_offer, panama_need).status_code == 302
    match = CooperationMatch.objects.get()
    assert (match.offer, match.need, match.status, match.score) == (
        mexico_offer,
        panama_need,
        MatchStatus.PROPOSED,
        7,
    )
    assert match.reason == (
        "Same instrument: Care services and systems; same theme: Care systems; "
        "same form of cooperation: Technical assistance; shared group: Women"
    )
    assert proposals(coop["meeting"]) == []

    follow_up(secretariat, match, status=MatchStatus.AGREED, agreed_on="2024-03-01")
    match.refresh_from_db()
    assert (match.status, match.agreed_on) == (MatchStatus.AGREED, datetime.date(2024, 3, 1))

    follow_up(secretariat, match, status=MatchStatus.UNDER_WAY, notes="Team travels in May.")
    match.refresh_from_db()
    assert (match.status, match.started_on, match.notes) == (
        MatchStatus.UNDER_WAY,
        today,
        "Team travels in May.",
    )

    response = follow_up(secretariat, match, status=MatchStatus.COMPLETED)
    match.refresh_from_db()
    assert response.status_code == 302
    assert (match.status, match.agreed_on, match.started_on, match.completed_on) == (
        MatchStatus.COMPLETED,
        datetime.date(2024, 3, 1),
        today,
        today,
    )
    assert match.version == 4
    page = secretariat.get(matches_url(coop["meeting"])).content.decode()
    assert 'data-testid="match-status">Completed</span>' in page
    assert "Team travels in May." in page


def test_completing_directly_dates_every_step(secretariat, coop):
    match = CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))
    today = timezone.localdate()

    follow_up(secretariat, match, status=MatchStatus.COMPLETED)

    match.refresh_from_db()
    assert (match.agreed_on, match.started_on, match.completed_on) == (today, today, today)


def test_a_stale_follow_up_form_is_refused_with_a_clear_message(secretariat, coop):
    match = CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))
    stale = CooperationMatch.objects.get(pk=match.pk)
    follow_up(secretariat, match, status=MatchStatus.AGREED, notes="First")

    response = follow_up(secretariat, stale, status=MatchStatus.DROPPED, notes="Second")

    page = response.content.decode()
    match.refresh_from_db()
    assert response.status_code == 200
    assert "Someone else saved this in the meantime (changed: follow-up, agreed on, notes)" in page
    assert "Second</textarea>" in page
    assert (match.status, match.notes) == (MatchStatus.AGREED, "First")


def test_a_follow_up_does_not_go_back(secretariat, coop):
    match = CooperationMatch.objects.create(
        offer=offer(coop["MX"]), need=need(coop["PA"]), status=MatchStatus.UNDER_WAY
    )

    response = follow_up(secretariat, match, status=MatchStatus.AGREED)

    match.refresh_from_db()
    assert "A follow-up cannot go from “Under way” to “Agreed”." in response.content.decode()
    assert match.status == MatchStatus.UNDER_WAY


def test_follow_up_dates_must_be_in_order(secretariat, coop):
    match = CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))

    response = follow_up(
        secretariat,
        match,
        status=MatchStatus.UNDER_WAY,
        agreed_on="2030-02-01",
        started_on="2030-01-01",
    )

    match.refresh_from_db()
    assert "The dates must follow each other" in response.content.decode()
    assert (match.status, match.version) == (MatchStatus.PROPOSED, 1)


def test_a_match_is_followed_only_once(secretariat, coop):
    mexico_offer, panama_need = offer(coop["MX"]), need(coop["PA"])
    start(secretariat, mexico_offer, panama_need)

    response = secretariat.post(
        matches_url(coop["meeting"]),
        {"offer": mexico_offer.pk, "need": panama_need.pk},
        follow=True,
    )

    assert CooperationMatch.objects.count() == 1
    assert "This match is already being followed up." in response.content.decode()


def test_a_pair_that_does_not_match_cannot_be_followed(secretariat, coop):
    mexico_offer, mexico_need = offer(coop["MX"]), need(coop["MX"])

    response = start(secretariat, mexico_offer, mexico_need)

    assert response.status_code == 302
    assert not CooperationMatch.objects.exists()


# The supply–demand matrix ---------------------------------------------------------------


def test_matrix_shows_both_cells_and_their_meeting_point(client, coop):
    offer(coop["MX"], target_groups=["women"])
    need(coop["PA"], target_groups=["women"])
    offer(coop["UY"], theme=theme("social-registries"), instrument=None)
    need(coop["UY"], theme=theme("social-registries"), instrument=None)

    response = client.get(matrix_url(coop["meeting"]))
    matrix = cooperation_matrix(meeting=coop["meeting"])

    assert response.status_code == 200
    assert [column.theme.code for column in matrix.columns] == ["care-systems", "social-registries"]
    assert [row.delegation.name for row in matrix.rows] == ["Mexico", "Panama", "Uruguay"]
    assert [
        [(cell.offers, cell.needs, cell.is_meeting_point) for cell in row.cells]
        for row in matrix.rows
    ] == [
        [(1, 0, True), (0, 0, False)],
        [(0, 1, True), (0, 0, False)],
        [(0, 0, False), (1, 1, False)],
    ]
    assert [(c.offers, c.needs, c.proposed, c.followed) for c in matrix.columns] == [
        (1, 1, 1, 0),
        (1, 1, 0, 0),
    ]
    page = response.content.decode()
    assert page.count('data-testid="meeting-point"') == 2
    assert "an offer here meets another delegation's need in this theme." in page
    assert "a need here meets another delegation's offer in this theme." in page


def test_matrix_counts_followed_matches_per_theme(coop):
    CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))

    [column] = cooperation_matrix(meeting=coop["meeting"]).columns

    assert (column.proposed, column.followed) == (0, 1)


def test_matrix_of_a_draft_meeting_is_only_for_the_secretariat(client, coop):
    meeting = coop["meeting"]
    meeting.status = MeetingStatus.DRAFT
    meeting.save(update_fields=["status"])

    assert client.get(matrix_url(meeting)).status_code == 404
    assert sign_in(client, "MX").get(matrix_url(meeting)).status_code == 404
    client.force_login(secretariat_user())
    assert client.get(matrix_url(meeting)).status_code == 200


# Who may see what -----------------------------------------------------------------------


def mexico_urls(coop):
    item = offer(coop["MX"])
    return {
        "own": own_url(coop["MX"]),
        "add": add_url(coop["MX"]),
        "edit": edit_url(item),
        "close": close_url(item),
    }


@pytest.mark.parametrize("code", ["PA", "BB", "UY", "DO"])
def test_other_focal_points_get_404_on_mexicos_pages(client, coop, code):
    urls = mexico_urls(coop)
    client = sign_in(client, code)

    gets = [client.get(url).status_code for name, url in urls.items() if name != "close"]
    posts = [client.post(url, item_data(version=1)).status_code for url in urls.values()]

    assert gets == [404, 404, 404]
    assert posts == [404, 404, 404, 404]
    assert CooperationItem.objects.get().is_open is True
    assert CooperationItem.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, coop):
    urls = mexico_urls(coop)
    match = CooperationMatch.objects.create(offer=offer(coop["UY"]), need=need(coop["PA"]))
    secretariat_urls = [matches_url(coop["meeting"]), update_url(match)]

    responses = [client.get(url) for url in [*urls.values(), *secretariat_urls]]
    responses += [client.post(url) for url in [*urls.values(), *secretariat_urls]]

    assert {response.status_code for response in responses} == {302}
    assert all(r["Location"].startswith("/accounts/login/?next=") for r in responses)


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.DELEGATE])
def test_moderator_and_delegate_get_404_on_mexicos_pages(client, coop, role):
    urls = mexico_urls(coop)
    user = user_with_role(role)
    # A delegate whose account is linked to a member of Mexico's delegation reads it, but
    # may not change its cooperation items.
    DelegationMemberFactory(delegation=coop["MX"], email=user.email, account=user)
    client.force_login(user)

    gets = [client.get(url).status_code for name, url in urls.items() if name != "close"]
    posts = [client.post(url, item_data(version=1)).status_code for url in urls.values()]

    assert gets == [404, 404, 404]
    assert posts == [404, 404, 404, 404]


@pytest.mark.parametrize("who", ["owner", "secretariat"])
def test_owner_and_secretariat_reach_mexicos_pages(client, coop, who):
    urls = mexico_urls(coop)
    client.force_login(
        User.objects.get(email=FOCAL.format("mx")) if who == "owner" else secretariat_user()
    )

    assert [client.get(url).status_code for url in urls.values()] == [200, 200, 200, 405]


@pytest.mark.parametrize("code", ["MX", "PA"])
def test_secretariat_pages_are_refused_to_focal_points(client, coop, code):
    match = CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))
    client = sign_in(client, code)

    assert client.get(matches_url(coop["meeting"])).status_code == 403
    assert follow_up(client, match, status=MatchStatus.AGREED).status_code == 403
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_the_matrix_of_a_published_meeting_is_public(client, coop):
    assert client.get(matrix_url(coop["meeting"])).status_code == 200


# HTML and script typed as text ----------------------------------------------------------


class ActiveContent(HTMLParser):
    """Collect what a browser would run: scripts other than the portal's, event handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.found.append(tag)
        if tag == "img":
            self.found.append(tag)
        self.found += [f"{tag} {name}" for name in attributes if name.startswith("on")]


def active_content(page):
    parser = ActiveContent()
    parser.feed(page)
    return parser.found


def test_html_and_script_in_title_description_and_notes_are_inert(client, coop):
    payload = f"{SCRIPT} {IMG}"
    typed = {"title": payload, "description": f"<p>Kept</p>{payload}"}
    sign_in(client, "MX").post(add_url(coop["MX"]), item_data("offer-", **typed))
    sign_in(client, "PA").post(add_url(coop["PA"], "need"), item_data("need-", **typed))
    offer(coop["UY"], **typed)
    client.force_login(secretariat_user())
    start(client, offer_of(coop["MX"]), CooperationItem.objects.get(delegation=coop["PA"]))
    follow_up(client, CooperationMatch.objects.get(), notes=payload)

    pages = {
        "matches": client.get(matches_url(coop["meeting"])),
        "matrix": client.get(matrix_url(coop["meeting"])),
        "own": sign_in(client, "MX").get(own_url(coop["MX"])),
    }

    assert CooperationMatch.objects.get().notes == payload
    assert offer_of(coop["MX"]).description == "<p>Kept</p>"
    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert active_content(page) == [], name
        assert "<script>alert" not in page, name
        assert "<img src=x onerror" not in page, name
        assert page.count("<script") == page.count('<script src="/static/'), name
    # Titles and notes are shown as text, escaped.
    assert escape(payload) in pages["own"].content.decode()
    assert pages["matches"].content.decode().count(escape(payload)) >= 4


def offer_of(delegation):
    return CooperationItem.objects.get(delegation=delegation, kind=CooperationKind.OFFER)


# Queries at two data sizes --------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(coop, rounds):
    """Add offers, needs and followed matches for ``rounds`` rounds."""
    for number in range(rounds):
        mexico_offer = offer(coop["MX"], target_groups=["women", "older-persons"])
        need(coop["PA"], target_groups=["women"])
        need(coop["BB"], theme=theme("social-registries"), modality=Modality.STUDY_TOUR)
        offer(coop["UY"], theme=theme("financing"), instrument=None)
        uruguay_need = need(coop["UY"], target_groups=["women"])
        CooperationMatch.objects.create(
            offer=mexico_offer,
            need=uruguay_need,
            status=[MatchStatus.PROPOSED, MatchStatus.AGREED][number % 2],
        )
        GoodPracticeFactory(delegation=coop["MX"])


def test_matches_page_runs_the_same_queries_for_few_and_many_items(secretariat, coop):
    fill(coop, rounds=1)
    few = count_queries(secretariat, matches_url(coop["meeting"]))
    fill(coop, rounds=5)

    assert count_queries(secretariat, matches_url(coop["meeting"])) == few


def test_matrix_runs_the_same_queries_for_few_and_many_items(client, coop):
    fill(coop, rounds=1)
    few = count_queries(client, matrix_url(coop["meeting"]))
    fill(coop, rounds=5)

    assert count_queries(client, matrix_url(coop["meeting"])) == few


def test_own_page_runs_the_same_queries_for_few_and_many_items(client, coop):
    sign_in(client, "MX")
    fill(coop, rounds=1)
    few = count_queries(client, own_url(coop["MX"]))
    fill(coop, rounds=5)

    assert count_queries(client, own_url(coop["MX"])) == few


# Both delegations are told when the secretariat starts following their match --------------


def speaks(delegation, language):
    delegation.focal_point.preferred_language = language
    delegation.focal_point.save(update_fields=["preferred_language"])


def test_starting_a_follow_up_tells_both_focal_points_in_their_language(
    secretariat, coop, django_capture_on_commit_callbacks
):
    mexico_offer = offer(coop["MX"], title="Care workforce training")
    panama_need = need(coop["PA"], title="Training for community carers")
    speaks(coop["MX"], "en")
    speaks(coop["PA"], "es")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        start(secretariat, mexico_offer, panama_need)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["focal.mx@example.org", "focal.pa@example.org"]
    to_mexico, to_panama = by_address["focal.mx@example.org"], by_address["focal.pa@example.org"]
    assert "Care workforce training" in to_mexico.body
    assert "Training for community carers" in to_mexico.body
    assert "Panama" in to_mexico.body
    assert f"/delegations/{coop['MX'].pk}/cooperation/" in to_mexico.body
    assert "cooperación" in to_panama.subject.lower()
    assert "México" in to_panama.body
    # The reason the portal gives is written in the reader's language too.
    assert "Same instrument" in to_mexico.body
    assert "Same instrument" not in to_panama.body
    assert f"/es/delegations/{coop['PA'].pk}/cooperation/" in to_panama.body


def test_each_step_of_a_follow_up_is_told_to_both_delegations(
    secretariat, coop, django_capture_on_commit_callbacks
):
    match = CooperationMatch.objects.create(offer=offer(coop["MX"]), need=need(coop["PA"]))
    speaks(coop["MX"], "en")
    speaks(coop["PA"], "en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        follow_up(secretariat, match, status=MatchStatus.UNDER_WAY)
    match.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up(secretariat, match, notes="Only the notes change.")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "focal.mx@example.org",
        "focal.pa@example.org",
    ]
    assert all("is now: Under way." in message.body for message in mail.outbox)
