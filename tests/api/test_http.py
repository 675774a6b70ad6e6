"""The API over HTTP: read-only, open to other origins on /api/ only, throttled per reader."""

import pytest

from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db

ORIGIN = "https://data.example.net"


def test_any_origin_may_read_the_api(client, demo_meeting):
    response = client.get("/api/v1/meetings/", HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_reads_only(client):
    response = client.options(
        "/api/v1/practices/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "path", ["/meetings/social-safety-nets/", "/practices/", "/healthz", "/es/practices/"]
)
def test_nothing_outside_the_api_gets_cors_headers(client, demo_meeting, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)

    assert not [name for name in response.headers if name.lower().startswith("access-control")]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/v1/meetings/", "/api/v1/meetings/social-safety-nets/", "/api/v1/practices/"]
)
def test_writes_are_refused(client, demo_meeting, method, path):
    response = getattr(client, method)(path, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_head_answers_like_get_without_a_body(client, demo_meeting):
    get = client.get("/api/v1/meetings/social-safety-nets/")
    head = client.head("/api/v1/meetings/social-safety-nets/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_reader_asking_too_often_is_told_when_to_come_back(client, settings, demo_meeting):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }

    statuses = [client.get("/api/v1/meetings/").status_code for _ in range(4)]
    other = client.get("/api/v1/meetings/", REMOTE_ADDR="192.0.2.7")
    refused = client.get("/api/v1/practices/", HTTP_ORIGIN=ORIGIN)

    assert statuses == [200, 200, 200, 429]
    assert other.status_code == 200
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    # A page on another site can read why, and when to try again.
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]


def test_the_throttle_rate_of_the_settings_leaves_the_tests_and_the_demo_room(settings):
    number, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")

    assert int(number) >= 100
    assert period == "minute"


def test_a_signed_in_reader_reads_what_a_visitor_reads(client, demo_meeting):
    from agenda.enums import MeetingStatus
    from tests.factories import MeetingFactory

    draft = MeetingFactory(status=MeetingStatus.DRAFT)
    client.force_login(secretariat_user())

    assert client.get(f"/api/v1/meetings/{draft.slug}/").status_code == 404
    assert client.post("/api/v1/meetings/").status_code == 405


@pytest.mark.parametrize(
    "path", ["/api/v1/meetings/", "/api/v1/meetings/social-safety-nets/", "/api/v1/practices/"]
)
def test_the_data_does_not_vary_with_cookies_so_shared_caches_keep_one_copy(
    client, demo_meeting, path
):
    # A signed-in reader's session is looked at by the portal's middleware on the way.
    client.force_login(secretariat_user())

    vary = {value.strip().lower() for value in client.get(path)["Vary"].split(",")}

    assert "cookie" not in vary
    assert "accept-language" in vary


def test_the_reference_page_still_varies_with_the_language_cookie(client, demo_meeting):
    client.force_login(secretariat_user())

    vary = client.get("/api/v1/docs/")["Vary"].lower()

    assert "cookie" in vary
