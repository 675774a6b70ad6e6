import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts import services
from accounts.enums import Role


@pytest.mark.django_db
def test_account_create_gives_roles_and_emails_a_set_password_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_create(
            email="Officer@Example.org",
            full_name="Ana Officer",
            roles=[Role.SECRETARIAT],
            preferred_language="es",
        )

    assert user.email == "officer@example.org"
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Secretariat"]
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["officer@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_following_the_link_sets_the_password_and_verifies_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_create(
            email="focal@example.org",
            full_name="Focal",
            roles=[Role.FOCAL_POINT],
            preferred_language="en",
        )
    link = re.search(r"http://[^\s]+/accounts/password/reset/key/\S+", mail.outbox[0].body)[0]
    path = link.split("8000", 1)[-1] if "8000" in link else link

    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a long passphrase 2022", "password2": "a long passphrase 2022"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a long passphrase 2022")
    assert EmailAddress.objects.get(user=user).verified is True
