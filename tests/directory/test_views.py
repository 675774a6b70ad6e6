"""The secretariat's directory: people and organizations listed, searched, edited, merged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from delegations.models import MemberState, Organization
from speakers.models import Person
from tests.factories import PersonFactory, SpeakerSlotFactory, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

PEOPLE = "/secretariat/people/"
ORGANIZATIONS = "/secretariat/organizations/"


@pytest.fixture
def secretariat(client):
    client.force_login(secretariat_user())
    return client


def person_data(person, **changes):
    """Return the person form's fields as the page would post them, with ``changes``."""
    data = {
        "protocol_title": person.protocol_title,
        "full_name": person.full_name,
        "position": person.position,
        "member_state": person.member_state_id or "",
        "organization": person.organization_id or "",
        "email": person.email,
        "preferred_language": person.preferred_language,
        "time_zone": person.time_zone,
        "user": person.user.email if person.user_id else "",
    }
    return {**data, **changes}


def test_the_chair_gets_an_email_a_time_zone_and_an_account(client, demo_meeting):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    chair = Person.objects.get(full_name="Chair of CIDI")
    account = UserFactory(email="chair.cidi@example.org")

    response = client.post(
        f"{PEOPLE}{chair.pk}/",
        person_data(
            chair,
            email="chair.cidi@example.org",
            time_zone="America/Panama",
            user="Chair.CIDI@example.org",
        ),
    )

    assert response.status_code == 302
    chair.refresh_from_db()
    assert (chair.email, chair.time_zone, chair.user) == (
        "chair.cidi@example.org",
        "America/Panama",
        account,
    )


def test_an_unknown_account_address_is_refused_and_nothing_saved(secretariat):
    person = PersonFactory(full_name="Ana Pérez")

    response = secretariat.post(
        f"{PEOPLE}{person.pk}/", person_data(person, user="nobody@example.org", email="a@b.org")
    )

    assert response.status_code == 200
    assert "No account has this email address" in response.content.decode()
    assert Person.objects.get(pk=person.pk).email == ""


def test_the_person_form_offers_current_time_zones_and_keeps_a_stored_alias(secretariat):
    person = PersonFactory(time_zone="Europe/Tiraspol")

    choices = dict(
        secretariat.get(f"{PEOPLE}{person.pk}/").context["form"].fields["time_zone"].choices
    )
    new_choices = dict(secretariat.get(f"{PEOPLE}new/").context["form"].fields["time_zone"].choices)

    assert "America/Panama" in new_choices
    assert "Pacific/Truk" not in new_choices and "Europe/Tiraspol" not in new_choices
    assert "Europe/Tiraspol" in choices


def test_the_secretariat_adds_a_person(secretariat):
    response = secretariat.post(
        f"{PEOPLE}new/",
        {
            "protocol_title": "Dr.",
            "full_name": "Rosa Méndez",
            "position": "Chief economist",
            "organization": Organization.objects.get(acronym="ECLAC").pk,
            "email": "rosa@example.org",
            "preferred_language": "es",
            "time_zone": "America/Santiago",
        },
    )

    person = Person.objects.get(full_name="Rosa Méndez")
    assert response["Location"] == f"{PEOPLE}{person.pk}/"
    assert (person.organization.acronym, person.time_zone) == ("ECLAC", "America/Santiago")


def test_the_person_page_shows_the_meetings_and_slots_the_person_is_in(client, demo_meeting):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    moderator = Person.objects.get(email="moderator@example.org")

    page = client.get(f"{PEOPLE}{moderator.pk}/").content.decode()

    assert demo_meeting.title in page
    assert "Part Two: Technical panel" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pérez", ["Ana Pérez", "Juan Pérez"]),
        ("juan pérez", ["Juan Pérez"]),
        ("ministra", ["Ana Pérez"]),
        ("Panamá", ["Ana Pérez"]),
        ("PAN", ["Ana Pérez"]),
        ("CEPAL", ["Juan Pérez"]),
        ("juan@example", ["Juan Pérez"]),
    ],
)
def test_the_people_search_looks_in_every_language_and_field(secretariat, query, expected):
    PersonFactory(
        full_name="Ana Pérez",
        position_en="Minister",
        position_es="Ministra",
        member_state=MemberState.objects.get(iso2="PA"),
    )
    PersonFactory(
        full_name="Juan Pérez",
        organization=Organization.objects.get(acronym="ECLAC"),
        email="juan@example.org",
    )

    response = secretariat.get(PEOPLE, {"q": query})

    assert [person.full_name for person in response.context["people"]] == expected


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("people", [2, 60])
def test_the_people_list_runs_a_fixed_number_of_queries(
    secretariat, people, django_assert_num_queries
):
    panama = MemberState.objects.get(iso2="PA")
    eclac = Organization.objects.get(acronym="ECLAC")
    for index in range(people):
        person = PersonFactory(
            member_state=panama if index % 2 else None,
            organization=None if index % 2 else eclac,
            user=UserFactory() if index % 3 == 0 else None,
        )
        SpeakerSlotFactory(person=person)

    # Session, user, roles, the count, the page's rows.
    with django_assert_num_queries(5):
        response = secretariat.get(PEOPLE + "?q=speaker")

    assert len(response.context["people"]) == min(people, 50)


@pytest.mark.parametrize("slots", [1, 15])
def test_the_person_page_runs_a_fixed_number_of_queries(
    secretariat, slots, django_assert_num_queries
):
    person = PersonFactory(member_state=MemberState.objects.get(iso2="PA"))
    for _ in range(slots):
        SpeakerSlotFactory(person=person, representing_state=person.member_state)

    # Session, user, roles, the person, slots, parts, meetings, then the form's choices:
    # states, organizations, accounts suggested.
    with django_assert_num_queries(10):
        secretariat.get(f"{PEOPLE}{person.pk}/")


@pytest.mark.parametrize("extra", [0, 40])
def test_the_organization_list_runs_a_fixed_number_of_queries(
    secretariat, extra, django_assert_num_queries
):
    for index in range(extra):
        Organization.objects.create(acronym=f"ORG{index}", name_en=f"Organization {index}")

    # Session, user, roles, the count, the page's rows.
    with django_assert_num_queries(5):
        secretariat.get(ORGANIZATIONS)


def test_the_secretariat_adds_the_inter_american_development_bank(secretariat):
    response = secretariat.post(
        f"{ORGANIZATIONS}new/",
        {
            "acronym": "IDB",
            "name_en": "Inter-American Development Bank",
            "acronym_es": "BID",
            "name_es": "Banco Interamericano de Desarrollo",
            "acronym_fr": "BID",
            "name_fr": "Banque interaméricaine de développement",
            "acronym_pt": "BID",
            "name_pt": "Banco Interamericano de Desenvolvimento",
            "kind": "international",
        },
    )

    assert response.status_code == 302
    bank = Organization.objects.get(acronym="IDB")
    assert (bank.acronym_es, bank.name_pt) == ("BID", "Banco Interamericano de Desenvolvimento")
    found = secretariat.get(ORGANIZATIONS, {"q": "banco interamericano"}).context["organizations"]
    assert [organization.acronym for organization in found] == ["IDB"]


def test_an_acronym_already_taken_in_another_case_is_refused(secretariat):
    response = secretariat.post(
        f"{ORGANIZATIONS}new/", {"acronym": "eclac", "name_en": "Another", "kind": "other"}
    )

    assert response.status_code == 200
    assert "eclac is already the acronym of an organization." in response.content.decode()


def test_the_secretariat_edits_an_organizations_spanish_acronym(secretariat):
    eclac = Organization.objects.get(acronym="ECLAC")
    data = {
        name: getattr(eclac, name)
        for name in [
            "acronym",
            "name_en",
            "acronym_es",
            "name_es",
            "acronym_fr",
            "name_fr",
            "acronym_pt",
            "name_pt",
            "kind",
        ]
    }

    response = secretariat.post(f"{ORGANIZATIONS}{eclac.pk}/", {**data, "acronym_es": "CEPAL-ONU"})

    assert response.status_code == 302
    assert Organization.objects.get(pk=eclac.pk).acronym_es == "CEPAL-ONU"


def test_the_merge_page_shows_what_moves_before_anything_changes(secretariat):
    keep = PersonFactory(full_name="Ana Pérez")
    discard = PersonFactory(full_name="Ana Pérez", email="ana@example.org")
    slot = SpeakerSlotFactory(person=discard)

    page = secretariat.get(f"{PEOPLE}{keep.pk}/merge/", {"duplicate": discard.pk})

    preview = page.context["preview"]
    assert [(move.label, move.items) for move in preview.moves] == [
        ("Speaker slots", [f"{slot.segment.meeting} — {slot.segment} — {slot.label}"])
    ]
    assert preview.fills == [("email", "ana@example.org")]
    assert Person.objects.filter(pk=discard.pk).exists()


def test_the_merge_page_suggests_namesakes(secretariat):
    keep = PersonFactory(full_name="Ana Pérez")
    namesake = PersonFactory(full_name="ana pérez", email="ana@example.org")
    PersonFactory(full_name="Someone else")

    page = secretariat.get(f"{PEOPLE}{keep.pk}/merge/")

    assert page.context["namesakes"] == [namesake]


def test_confirming_the_merge_moves_the_slots_and_deletes_the_duplicate(secretariat):
    keep = PersonFactory(full_name="Ana Pérez")
    discard = PersonFactory(full_name="Ana Pérez", email="ana@example.org")
    slot = SpeakerSlotFactory(person=discard)

    response = secretariat.post(f"{PEOPLE}{keep.pk}/merge/", {"duplicate": discard.pk})

    assert response["Location"] == f"{PEOPLE}{keep.pk}/"
    assert not Person.objects.filter(pk=discard.pk).exists()
    assert type(slot).objects.get(pk=slot.pk).person_id == keep.pk
    assert Person.objects.get(pk=keep.pk).email == "ana@example.org"


def test_a_person_cannot_be_merged_with_itself(secretariat):
    person = PersonFactory()

    response = secretariat.post(f"{PEOPLE}{person.pk}/merge/", {"duplicate": person.pk})

    assert response.status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_member_states_are_listed_in_the_order_of_the_pages_language(secretariat):
    person = PersonFactory()

    states = secretariat.get(f"/es{PEOPLE}{person.pk}/").context["form"].fields["member_state"]
    names = [label for value, label in states.choices if value]

    # In English the United States come last, in Spanish between Ecuador and Granada.
    assert names.index("Ecuador") + 2 == names.index("Estados Unidos (de América)")


@pytest.mark.parametrize("slots", [1, 12])
def test_the_merge_page_runs_a_fixed_number_of_queries(
    secretariat, slots, django_assert_num_queries
):
    keep = PersonFactory(full_name="Ana Pérez")
    discard = PersonFactory(full_name="Ana Pérez", member_state=MemberState.objects.get(iso2="PA"))
    for _ in range(slots):
        SpeakerSlotFactory(person=discard)

    # Session, user, roles, the person, the duplicate chosen (with its state), one query
    # per kind of reference: slots, parts, meetings, sessions chaired, delegation member,
    # self-declaration.
    with django_assert_num_queries(11):
        secretariat.get(f"{PEOPLE}{keep.pk}/merge/", {"duplicate": discard.pk})
