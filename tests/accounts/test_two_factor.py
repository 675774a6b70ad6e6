import pytest

from tests.factories import secretariat_user, user_with_role


@pytest.mark.django_db
def test_two_factor_setup_is_open_to_every_role(client):
    client.force_login(user_with_role("Delegate"))

    response = client.get("/accounts/2fa/")

    assert response.status_code == 200
    assert "Authenticator App" in response.content.decode()
    assert "/accounts/2fa/totp/activate/" in response.content.decode()


@pytest.mark.django_db
def test_secretariat_without_two_factor_is_sent_to_set_it_up(client, settings):
    settings.SECRETARIAT_REQUIRES_MFA = True
    client.force_login(secretariat_user())

    response = client.get("/secretariat/accounts/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_secretariat_with_totp_reaches_its_pages(client, settings):
    from allauth.mfa.models import Authenticator

    settings.SECRETARIAT_REQUIRES_MFA = True
    user = secretariat_user()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)

    assert client.get("/secretariat/accounts/").status_code == 200


@pytest.mark.django_db
def test_other_roles_are_not_forced_into_two_factor(client, settings):
    settings.SECRETARIAT_REQUIRES_MFA = True
    client.force_login(user_with_role("Moderator"))

    assert client.get("/").status_code == 200
