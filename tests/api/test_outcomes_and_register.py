"""The compendium, the cooperation matrix and the register: what their public pages show."""

import pytest

from documents.register.enums import OfficialDocumentAccess
from documents.register.models import OfficialDocument
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from tests.outcomes.factories import CooperationItemFactory, GoodPracticeFactory, delegation_of

pytestmark = pytest.mark.django_db


def test_only_published_practices_are_served(client, demo_meeting):
    draft = GoodPracticeFactory(
        delegation=delegation_of(demo_meeting, "PA"), status=PracticeStatus.SUBMITTED
    )

    ids = [practice["id"] for practice in client.get("/api/v1/practices/").json()["results"]]

    published = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    assert sorted(ids) == sorted(published.values_list("pk", flat=True))
    assert draft.pk not in ids
    assert client.get(f"/api/v1/practices/{draft.pk}/").status_code == 404


def test_the_filters_are_the_compendium_pages(client, demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    match = GoodPracticeFactory(
        delegation=panama, title="Cuidados comunitarios", target_groups=["women"]
    )
    GoodPracticeFactory(delegation=delegation_of(demo_meeting, "UY"), target_groups=["women"])

    def ids(**query):
        return [p["id"] for p in client.get("/api/v1/practices/", query).json()["results"]]

    assert match.pk in ids(country="PA")
    assert all(
        GoodPractice.objects.get(pk=pk).delegation.member_state.iso2 == "PA"
        for pk in ids(country="pa")
    )
    assert ids(q="comunitarios", target_group="women") == [match.pk]
    assert ids(q="comunitarios", country="UY") == []
    assert match.pk in ids(instrument="cash-transfer-conditional")
    bad = client.get("/api/v1/practices/", {"q": "x" * 201})
    assert bad.status_code == 400
    assert "q" in bad.json()


def test_practices_come_a_page_at_a_time(client, demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    for _ in range(21):
        GoodPracticeFactory(delegation=panama)
    total = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED).count()

    first = client.get("/api/v1/practices/").json()
    second = client.get(first["next"]).json()

    assert first["count"] == total
    assert len(first["results"]) == 20
    assert len(second["results"]) == total - 20
    assert second["previous"] is not None
    assert not {p["id"] for p in first["results"]} & {p["id"] for p in second["results"]}
    assert client.get("/api/v1/practices/", {"page": 99}).status_code == 404


def test_term_names_follow_the_reader_and_texts_keep_their_language(client, demo_meeting):
    practice = GoodPracticeFactory(
        delegation=delegation_of(demo_meeting, "PA"), instruments=["cash-transfer-conditional"]
    )
    practice.language = "es"
    practice.save()

    body = client.get(f"/api/v1/practices/{practice.pk}/", {"lang": "fr"}).json()

    assert body["title_language"] == "es"
    instrument = body["instruments"][0]
    assert instrument["code"] == "cash-transfer-conditional"
    assert instrument["name_language"] in {"fr", "en"}


def test_a_new_practice_changes_the_compendiums_etag(client, demo_meeting):
    first = client.get("/api/v1/practices/")
    etag = first["ETag"]
    assert client.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/api/v1/practices/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
        == 304
    )
    assert (
        client.get("/api/v1/practices/", {"country": "PA"}, HTTP_IF_NONE_MATCH=etag).status_code
        == 200
    )

    GoodPracticeFactory(delegation=delegation_of(demo_meeting, "PA"))

    assert client.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("extra", [0, 25])
def test_the_compendium_costs_the_same_queries_whatever_its_size(
    client, demo_meeting, django_assert_num_queries, extra
):
    panama = delegation_of(demo_meeting, "PA")
    for _ in range(extra):
        GoodPracticeFactory(delegation=panama)

    with django_assert_num_queries(5):
        assert client.get("/api/v1/practices/", {"country": "PA"}).status_code == 200
    practice = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED).first()
    with django_assert_num_queries(4):
        assert client.get(f"/api/v1/practices/{practice.pk}/").status_code == 200


def test_the_matrix_is_the_pages(client, demo_meeting):
    CooperationItemFactory(delegation=delegation_of(demo_meeting, "BB"), kind="need")
    CooperationItemFactory(delegation=delegation_of(demo_meeting, "BB"), is_open=False)

    body = client.get("/api/v1/meetings/social-safety-nets/cooperation-matrix/").json()
    page = client.get("/meetings/social-safety-nets/cooperation/matrix/").content.decode()

    assert [row["name"] for row in body["delegations"]] == ["Barbados", "Panama", "Uruguay"]
    assert body["needs"] == 2
    assert body["offers"] == 1
    for row in body["delegations"]:
        assert f'<th scope="row">{row["name"]}</th>' in page
    for theme in body["themes"]:
        assert f'<th scope="col">{theme["name"]}</th>' in page


@pytest.mark.parametrize("extra", [0, 12])
def test_the_matrix_costs_the_same_queries_whatever_its_size(
    client, demo_meeting, django_assert_num_queries, extra
):
    for _ in range(extra):
        CooperationItemFactory(delegation=delegation_of(demo_meeting, "BB"), kind="need")

    with django_assert_num_queries(4):
        assert (
            client.get("/api/v1/meetings/social-safety-nets/cooperation-matrix/").status_code == 200
        )


def test_the_register_serves_public_documents_only(client, demo_meeting):
    from demo.register import seed_register

    seed_register(demo_meeting)
    restricted = OfficialDocument.objects.get(
        meeting=demo_meeting, access=OfficialDocumentAccess.RESTRICTED
    )

    body = client.get("/api/v1/meetings/social-safety-nets/documents/").json()

    symbols = [document["symbol"] for document in body["documents"]]
    assert symbols == list(
        OfficialDocument.objects.filter(
            meeting=demo_meeting, access=OfficialDocumentAccess.PUBLISHED
        ).values_list("symbol", flat=True)
    )
    assert restricted.symbol not in symbols
    assert restricted.pk not in [document["id"] for document in body["documents"]]
    download = client.get(body["documents"][0]["files"][0]["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_a_new_document_changes_the_registers_etag(client, demo_meeting):
    url = "/api/v1/meetings/social-safety-nets/documents/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    OfficialDocument.objects.create(
        meeting=demo_meeting, symbol="CIDI/doc. 9/22", title="Report", document_type="report"
    )

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("documents", [1, 6])
def test_the_register_costs_the_same_queries_whatever_its_size(
    client, demo_meeting, django_assert_num_queries, documents
):
    for number in range(documents):
        OfficialDocument.objects.create(
            meeting=demo_meeting,
            symbol=f"CIDI/INF. 9{number}/22",
            title="Note",
            document_type="information",
        )

    with django_assert_num_queries(4):
        body = client.get("/api/v1/meetings/social-safety-nets/documents/").json()
    assert len(body["documents"]) >= documents
