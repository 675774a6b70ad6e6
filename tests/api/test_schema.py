"""The schema is valid OpenAPI 3, and a client written from it alone reads the demo."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "meetings_list",
    "meetings_retrieve",
    "meetings_documents_list",
    "meetings_cooperation_matrix_retrieve",
    "practices_list",
    "practices_retrieve",
}


def test_schema_is_valid_openapi(spec):
    validate(spec)

    assert set(spec["paths"]) == {
        "/api/v1/meetings/",
        "/api/v1/meetings/{slug}/",
        "/api/v1/meetings/{slug}/documents/",
        "/api/v1/meetings/{slug}/cooperation-matrix/",
        "/api/v1/practices/",
        "/api/v1/practices/{pk}/",
    }


def test_every_operation_has_an_id_a_description_the_language_and_a_body(api):
    assert set(api.operations) == OPERATIONS
    for operation_id, (_path, method, operation) in api.operations.items():
        assert method == "get"
        assert operation["description"], operation_id
        names = [parameter["name"] for parameter in operation["parameters"]]
        assert "lang" in names, operation_id
        assert api.response_schema(operation_id, 200), operation_id
        assert {"200", "304", "429"} <= set(operation["responses"]), operation_id


def test_the_compendium_filters_are_in_the_schema(api):
    _path, _method, operation = api.operations["practices_list"]
    names = {parameter["name"] for parameter in operation["parameters"]}

    assert names == {
        "lang",
        "q",
        "country",
        "instrument",
        "target_group",
        "sdg_target",
        "language",
        "page",
    }


def test_a_client_from_the_schema_reads_the_demo_agendas(api, demo_meeting):
    meetings = api.get("meetings_list").json()
    assert [meeting["slug"] for meeting in meetings] == ["remdes-v", "social-safety-nets"]

    for meeting in meetings:
        for language in ("en", "es", "fr", "pt"):
            detail = api.get(
                "meetings_retrieve", path={"slug": meeting["slug"]}, query={"lang": language}
            ).json()
            assert detail["slug"] == meeting["slug"]
            assert detail["parts"]
        api.get("meetings_documents_list", path={"slug": meeting["slug"]})
        api.get("meetings_cooperation_matrix_retrieve", path={"slug": meeting["slug"]})

    ministerial = api.get("meetings_retrieve", path={"slug": "remdes-v"}).json()
    assert len(ministerial["sessions"]) == 5
    assert sum(len(part["slots"]) for part in ministerial["parts"]) > 20
    api.get("meetings_retrieve", path={"slug": "no-such-meeting"}, status=404)


def test_a_client_from_the_schema_reads_the_compendium(api, demo_meeting):
    page = api.get("practices_list").json()
    assert page["count"] == len(page["results"]) > 0

    for practice in page["results"]:
        detail = api.get("practices_retrieve", path={"pk": practice["id"]}).json()
        assert detail == practice
    api.get("practices_list", query={"country": "PA", "lang": "es"})


def test_the_reference_page_lists_every_operation_with_an_example(client, demo_meeting, spec):
    response = client.get("/api/v1/docs/", {"lang": "es"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    for path, methods in spec["paths"].items():
        assert f'id="{methods["get"]["operationId"]}"' in html
        assert f"GET {path}" in html
    assert 'href="/api/v1/meetings/remdes-v/"' in html
    assert '<script src="http' not in html


def test_the_reference_page_follows_the_language_switcher(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    assert '<html lang="fr">' in client.get("/api/v1/docs/").content.decode()
    assert '<html lang="pt">' in client.get("/api/v1/docs/", {"lang": "pt"}).content.decode()
