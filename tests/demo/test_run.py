"""``make run`` serves the demo on ``PORT``, and the demo's emailed links follow it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
# Variables of the surrounding shell that would change what the settings read.
CLEARED = {"SITE_URL", "PORT", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}


def site_url(**env):
    """Return ``settings.SITE_URL`` as a fresh process reads it from ``env``."""
    clean = {key: value for key, value in os.environ.items() if key not in CLEARED}
    result = subprocess.run(
        [sys.executable, "-c", "from cidi_meeting import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_demo_links_follow_the_port_of_make_run():
    assert site_url(PORT="8801") == "http://127.0.0.1:8801"


def test_demo_links_use_port_8000_by_default():
    assert site_url() == "http://127.0.0.1:8000"


def test_site_url_when_set_wins_over_the_port():
    assert site_url(PORT="8801", SITE_URL="https://meetings.example.org") == (
        "https://meetings.example.org"
    )


def test_production_links_do_not_follow_the_port():
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "test-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN",
        "PORT": "8801",
    }

    assert site_url(**production) == "http://127.0.0.1:8000"


def test_make_run_gives_its_port_to_the_server_and_the_workers():
    result = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8801"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    commands = result.stdout
    assert commands.count("PORT=8801 .venv/bin/python manage.py runserver 127.0.0.1:8801") == 2
    assert "PORT=8801 .venv/bin/celery -A cidi_meeting worker" in commands
    assert "PORT=8801 .venv/bin/celery -A cidi_meeting beat" in commands
