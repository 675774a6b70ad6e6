"""Portuguese is Brazilian everywhere, allauth's pages and emails and Django's dates too.

For "pt", gettext loads allauth's European catalogue and Django's European one; the
portal's catalogue overrides the strings it shows (cidi_meeting/catalogue_overrides.py).
"""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import formats, translation

from accounts.models import User

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
EUROPEAN = [
    "sessão",
    "palavra-passe",
    "ligação",
    "Está a receber",
    "utilizador",
    "registo",
    "Enviámos",
    "Insira",
    "Contacte",
    "dois componentes",
    "activ",
]
MONTHS = [
    "Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto",
    "Setembro", "Outubro", "Novembro", "Dezembro",
]  # fmt: skip
SIGNED_OUT = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-bad-key/",
    "/accounts/confirm-email/bad-key/",
    "/accounts/inactive/",
]
SIGNED_IN = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
]


def page_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def european_forms(text):
    """Return the European Portuguese words and capitalized months found in a text."""
    found = [word for word in EUROPEAN if word.lower() in text.lower()]
    found += [month for month in MONTHS if re.search(rf"\bde {month}\b", text)]
    return found


def signed_in_client(client):
    user = User.objects.get(email="focal.bb@example.org")
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_allauth_pages_signed_out_are_brazilian(client, demo_meeting, path):
    text = page_text(client.get("/pt" + path, follow=True, **HTML))

    assert european_forms(text) == []


@pytest.mark.parametrize("path", SIGNED_IN)
def test_allauth_pages_signed_in_are_brazilian(client, demo_meeting, path):
    text = page_text(signed_in_client(client).get("/pt" + path, follow=True, **HTML))

    assert european_forms(text) == []


def test_allauth_form_errors_are_brazilian(client, demo_meeting):
    wrong_login = client.post(
        "/pt/accounts/login/", {"login": "focal.bb@example.org", "password": "wrong"}, **HTML
    )
    weak_password = signed_in_client(client).post(
        "/pt/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "123", "password2": "1234"},
        **HTML,
    )

    assert "Iniciar" not in page_text(wrong_login)
    assert european_forms(page_text(wrong_login)) == []
    assert european_forms(page_text(weak_password)) == []
    assert "This password is too short" not in page_text(weak_password)


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("account/email/password_reset_key_message.txt", {"password_reset_url": "https://x/"}),
        (
            "account/email/email_confirmation_signup_message.txt",
            {"user": None, "activate_url": "https://x/", "code": None},
        ),
        ("account/email/unknown_account_message.txt", {"email": "a@example.org"}),
        ("account/email/password_changed_message.txt", {}),
        ("mfa/email/totp_activated_message.txt", {}),
    ],
)
def test_allauth_emails_are_brazilian(demo_meeting, template, context):
    site = {"name": "CIDI", "domain": "example.org"}
    if "user" in context:
        context["user"] = User.objects.get(email="focal.bb@example.org")
    with translation.override("pt"):
        text = render_to_string(template, {"current_site": site, **context})

    assert european_forms(text) == []
    assert "Olá de" not in text


def test_months_are_lower_case_in_portuguese_dates():
    day = datetime.date(2022, 11, 17)
    with translation.override("pt"):
        long_date = formats.date_format(day, "DATE_FORMAT")
        alternative = formats.date_format(day, "j E Y")
        weekday = formats.date_format(day, "l")

    assert long_date == "17 de novembro de 2022"
    assert alternative == "17 novembro 2022"
    assert weekday == "quinta-feira"


def test_the_meeting_date_in_portuguese_has_a_lower_case_month(client, demo_meeting):
    text = page_text(client.get("/pt/meetings/social-safety-nets/", **HTML))

    assert "17 de novembro de 2022" in text
    assert european_forms(text) == []


@pytest.mark.parametrize("path", ["/accounts/2fa/", "/accounts/2fa/totp/activate/"])
def test_spanish_two_factor_pages_say_dos_factores(client, demo_meeting, path):
    text = page_text(signed_in_client(client).get("/es" + path, follow=True, **HTML))

    assert "doble factor" not in text
    assert "dos factores" in text
