"""Everyone edits their own name and language (issue 16: "edit one's own name").

Before, only the secretariat could set a person's name (when creating the account): a
focal point whose name was mistyped had no way to correct it.
"""

import pytest
from django.urls import reverse

from accounts.enums import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_focal_point_corrects_their_name_and_language(client):
    user = user_with_role(Role.DELEGATE, email="ana@example.org")
    client.force_login(user)

    page = client.get(reverse("profile"))
    response = client.post(
        reverse("profile"), {"full_name": "Ana Ríos Pérez", "preferred_language": "es"}
    )

    assert page.status_code == 200
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("Ana Ríos Pérez", "es")


def test_a_name_keeps_no_bidi_override_and_an_empty_name_is_refused(client):
    user = user_with_role(Role.DELEGATE, email="ana@example.org", full_name="Ana")
    client.force_login(user)

    client.post(reverse("profile"), {"full_name": "Ana \u202ezeréP", "preferred_language": "en"})
    user.refresh_from_db()
    assert user.full_name == "Ana zeréP"

    refused = client.post(reverse("profile"), {"full_name": "\u202e", "preferred_language": "en"})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Ana zeréP"


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
