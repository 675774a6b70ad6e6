import pytest


@pytest.mark.django_db
def test_healthz_reports_database_broker_and_workers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["status"] == "ok"
    assert body["broker"] == "in-process"
    assert body["workers"] == "in-process"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from cidi_meeting import health

    monkeypatch.setattr(health, "database_state", lambda: "unavailable")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
