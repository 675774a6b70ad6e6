import pytest
from django.core import mail

from accounts.models import User
from tests.factories import secretariat_user, user_with_role


@pytest.mark.django_db
def test_sign_up_is_closed_to_the_public(client):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode() or "closed" in response.content.decode()
    client.post(
        "/accounts/signup/",
        {"email": "x@example.org", "password1": "p4ssw0rd!long", "password2": "p4ssw0rd!long"},
    )
    assert not User.objects.filter(email="x@example.org").exists()


@pytest.mark.django_db
def test_secretariat_creates_an_account_from_the_browser(
    client, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/secretariat/accounts/new/",
            {
                "email": "new.officer@example.org",
                "full_name": "New Officer",
                "roles": ["Moderator"],
                "preferred_language": "fr",
            },
        )

    assert response.status_code == 302
    assert User.objects.get(email="new.officer@example.org").preferred_language == "fr"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_duplicate_account_gets_a_clear_message_and_keeps_the_typed_values(client):
    secretariat = secretariat_user()
    client.force_login(secretariat)

    response = client.post(
        "/secretariat/accounts/new/",
        {
            "email": secretariat.email.upper(),
            "full_name": "Typed Name",
            "roles": ["Delegate"],
            "preferred_language": "pt",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "An account with this email address already exists." in page
    assert 'value="Typed Name"' in page


@pytest.mark.django_db
def test_account_list_runs_the_same_queries_for_few_and_many_accounts(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat_user())
    with CaptureQueriesContext(connection) as few:
        client.get("/secretariat/accounts/")
    for _ in range(20):
        user_with_role("Delegate")
    with CaptureQueriesContext(connection) as many:
        client.get("/secretariat/accounts/")

    assert len(few) == len(many)


def test_the_sign_in_page_never_sends_people_to_the_closed_sign_up(client):
    response = client.get("/accounts/login/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "sign up" not in page.lower()
    assert 'href="/accounts/signup/"' not in page
    assert "created by the secretariat" in page


def test_the_sign_in_page_says_how_to_get_an_account_in_spanish(client):
    response = client.get("/es/accounts/login/")

    assert "creadas por la Secretaría" in response.content.decode()


@pytest.mark.django_db
def test_a_secretariat_account_created_in_the_portal_reaches_the_administration_site(client):
    from accounts.services import account_create

    user = account_create(
        email="new.officer@example.org",
        full_name="New Officer",
        roles=["Secretariat"],
        preferred_language="es",
    )
    client.force_login(user)

    assert user.is_staff
    assert client.get("/admin/speakers/person/").status_code == 200
    assert client.get("/admin/delegations/organization/add/").status_code == 200


@pytest.mark.django_db
def test_migrating_gives_the_secretariat_the_permissions_of_every_model():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    group = Group.objects.get(name="Secretariat")
    group.permissions.clear()

    call_command("migrate", verbosity=0)

    names = set(group.permissions.values_list("codename", flat=True))
    assert {"change_person", "add_organization", "change_meeting", "view_outboxmessage"} <= names
