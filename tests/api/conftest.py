import pytest

from agenda.models import Meeting
from tests.api.schema_client import SchemaClient


@pytest.fixture
def spec(client):
    """Return the API's OpenAPI schema, as served."""
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def api(client, spec):
    return SchemaClient(client, spec)


@pytest.fixture
def ministerial(demo_meeting):
    """The demo's V REMDES: five sessions on two days, two of them in parallel rooms."""
    return Meeting.objects.get(slug="remdes-v")
