"""Security headers, CSRF, sessions, sign-in throttling and the security log."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from accounts.models import SecurityEvent, User
from cidi_meeting.security import LAST_SEEN_SESSION_KEY
from tests.factories import UserFactory, secretariat_user
from tests.test_permissions import MATRIX

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "lint-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "meetings.example.org",
    "DATABASE_URL": "postgres://portal@db.example.org/portal",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}
BASE_DIR = Path(django_settings.BASE_DIR)


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# Headers ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_the_other_headers(client):
    response = client.get("/")

    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_template_has_inline_scripts_or_event_handlers():
    """script-src 'self' only works while every script is a file of its own."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    javascript_url = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
    found = []
    for folder in [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]:
        for template in folder.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            for pattern in (inline_script, handler, javascript_url):
                found += [f"{template}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def run_with_production_settings(code):
    env = {**os.environ, **PRODUCTION_ENV}
    # The browser tests allow Django's async-unsafe calls in this process; production
    # never does, and check --deploy warns when it is set.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_send_hsts_and_pass_check_deploy():
    code = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'cidi_meeting.settings'); django.setup()\n"
        "from django.conf import settings as s\n"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)\n"
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
    )
    result = run_with_production_settings(code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "31536000 True True True True"


@pytest.mark.django_db
def test_hsts_header_is_sent_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True

    plain = client.get("/healthz")
    secure = client.get("/healthz", secure=True)

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# CSRF ---------------------------------------------------------------------------------------

# One of each kind of change: the focal point's own forms, the secretariat's, htmx posts.
CSRF_URLS = {
    "focal_point_a": [
        "delegations:member_add",
        "delegations:member_delete",
        "delegations:credentials_upload",
        "delegations:submit",
        "delegations:floor_request_add",
        "outcomes:practice_add",
        "outcomes:cooperation_add",
    ],
    "secretariat": [
        "accounts:create",
        "agenda:meeting_create",
        "agenda:segment_add",
        "agenda:slot_edit",
        "agenda:question_delete",
        "agenda:slots_reorder",
        "delegations:accredit",
        "delegations:draw_lot",
        "outcomes:practice_review",
        "reminders:reminder_rule_create",
        "live:console_press",
    ],
}


@pytest.fixture
def no_mfa(settings):
    settings.SECRETARIAT_REQUIRES_MFA = False


def test_every_change_is_refused_without_a_csrf_token(url_values, no_mfa):
    refused = {}
    for role, names in CSRF_URLS.items():
        client = Client(enforce_csrf_checks=True)
        if role == "secretariat":
            client.force_login(User.objects.get(email="secretariat@example.org"))
        else:
            client.force_login(User.objects.get(email="focal.pa@example.org"))
        for name in names:
            path = MATRIX[name][0].format(**url_values)
            refused[name] = client.post(path, {"full_name": "X", "title": "X"}).status_code

    assert refused == {name: 403 for names in CSRF_URLS.values() for name in names}
    assert SecurityEvent.objects.filter(kind="permission_denied").count() >= len(refused)


# Sessions -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_idle_session_is_signed_out(client, settings, no_mfa):
    settings.SESSION_IDLE_TIMEOUT = 3600
    client.force_login(secretariat_user())
    assert client.get("/secretariat/accounts/").status_code == 200

    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - 3601
    session.save()
    response = client.get("/secretariat/accounts/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/secretariat/accounts/")
    assert "_auth_user_id" not in client.session
    assert client.get("/secretariat/accounts/").status_code == 302
    assert SecurityEvent.objects.filter(kind="logout").exists()


@pytest.mark.django_db
def test_an_active_session_stays_signed_in(client, settings, no_mfa):
    settings.SESSION_IDLE_TIMEOUT = 3600
    client.force_login(secretariat_user())
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - 3500
    session.save()

    assert client.get("/secretariat/accounts/").status_code == 200
    assert client.session[LAST_SEEN_SESSION_KEY] >= int(time.time()) - 5


def test_sessions_have_an_absolute_limit():
    assert django_settings.SESSION_COOKIE_AGE == 12 * 3600
    assert django_settings.SESSION_IDLE_TIMEOUT == 3600


# Sign-in ------------------------------------------------------------------------------------


def test_failed_sign_ins_are_throttled_and_logged(client, demo_meeting):
    cache.clear()  # allauth counts the failures in the cache.
    pages = [
        client.post(
            "/accounts/login/",
            {"login": "focal.pa@example.org", "password": f"wrong-{attempt}"},
            REMOTE_ADDR="203.0.113.9",
        )
        for attempt in range(7)
    ]
    cache.clear()

    texts = [page.content.decode() for page in pages]
    assert all("Too many failed login attempts" not in text for text in texts[:5])
    assert "Too many failed login attempts" in texts[-1]
    failures = SecurityEvent.objects.filter(kind="failed_login", email="focal.pa@example.org")
    assert failures.count() == 5
    assert set(failures.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_a_successful_sign_in_and_out_are_logged(client, demo_meeting):
    cache.clear()
    client.post("/accounts/login/", {"login": "focal.pa@example.org", "password": "cidi-demo-2022"})
    client.post("/accounts/logout/")

    kinds = list(
        SecurityEvent.objects.filter(user__email="focal.pa@example.org")
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["login", "logout"]


@pytest.mark.django_db
def test_the_admin_login_form_is_replaced_by_the_portals_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    index = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/accounts/user/"
    assert index.status_code == 302
    password_post = client.post(
        "/admin/login/", {"username": "nobody@example.org", "password": "guess"}
    )
    assert password_post.status_code == 302
    assert password_post["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_signed_in_non_staff_user_is_refused_the_admin(client):
    client.force_login(UserFactory())
    assert client.get("/admin/login/").status_code == 403


# The security log ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_permission_denials_and_role_changes_are_logged(client):
    focal = UserFactory(roles=[Role.FOCAL_POINT])
    client.force_login(focal)

    assert client.get("/secretariat/accounts/").status_code == 403
    focal.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    focal.groups.remove(Group.objects.get(name=Role.FOCAL_POINT))

    denied = SecurityEvent.objects.get(kind="permission_denied")
    assert (denied.user, denied.path, denied.ip_address) == (
        focal,
        "/secretariat/accounts/",
        "127.0.0.1",
    )
    changes = list(
        SecurityEvent.objects.filter(kind="role_change", user=focal)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert changes[-2:] == [f"added {Role.SECRETARIAT}", f"removed {Role.FOCAL_POINT}"]


@pytest.mark.django_db
def test_a_role_change_through_the_portal_names_who_made_it(client, no_mfa):
    officer = secretariat_user()
    client.force_login(officer)
    client.post(
        "/secretariat/accounts/new/",
        {
            "email": "new.moderator@example.org",
            "full_name": "New Moderator",
            "roles": [Role.MODERATOR],
            "preferred_language": "en",
        },
    )
    event = SecurityEvent.objects.get(kind="role_change", user__email="new.moderator@example.org")
    assert event.detail == f"added {Role.MODERATOR} by {officer.email}"


def make_events(count):
    user = UserFactory()
    SecurityEvent.objects.bulk_create(
        SecurityEvent(kind=kind, user=user if n % 2 else None, email=f"x{n}@example.org")
        for n in range(count)
        for kind in ["failed_login"]
    )


@pytest.mark.django_db
def test_the_security_log_is_newest_first_filtered_and_paginated(client, no_mfa):
    client.force_login(secretariat_user())
    make_events(3)
    SecurityEvent.objects.create(kind="permission_denied", path="/newest/", detail="GET")

    all_kinds = client.get("/secretariat/security/").content.decode()
    failed = client.get("/secretariat/security/?kind=failed_login").content.decode()

    assert all_kinds.index("/newest/") < all_kinds.index("x2@example.org")
    assert "/newest/" not in failed
    assert "x0@example.org" in failed

    with CaptureQueriesContext(connection) as few:
        client.get("/secretariat/security/")
    make_events(120)
    with CaptureQueriesContext(connection) as many:
        second = client.get("/secretariat/security/?page=2")
    assert len(few) == len(many)
    assert "Page 2 of 3" in second.content.decode()


@pytest.mark.django_db
def test_the_security_log_escapes_what_attackers_typed(client, no_mfa):
    client.force_login(secretariat_user())
    SecurityEvent.objects.create(kind="failed_login", email="<script>alert(1)</script>")

    page = client.get("/secretariat/security/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
