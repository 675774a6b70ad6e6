import pytest

from tests.factories import secretariat_user


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client
