"""The demo's secret key: random per copy, kept in var/, never in the repository."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "cidi_meeting" / "settings.py"


def start_settings(var_dir, **env):
    """Return what the settings module gives for SECRET_KEY in a fresh interpreter."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "VAR_DIR"}
    }
    clean.update({"VAR_DIR": str(var_dir), **env})
    return subprocess.run(
        [sys.executable, "-c", "from cidi_meeting import settings; print(settings.SECRET_KEY)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_demo_key_is_generated_once_private_and_read_again(tmp_path):
    from cidi_meeting.secret_key import demo_secret_key

    first = demo_secret_key(tmp_path)
    again = demo_secret_key(tmp_path)

    key_file = tmp_path / "secret_key"
    assert first == again == key_file.read_text().strip()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_two_fresh_copies_get_different_keys(tmp_path):
    from cidi_meeting.secret_key import demo_secret_key

    assert demo_secret_key(tmp_path / "one") != demo_secret_key(tmp_path / "two")


def test_settings_commit_no_fallback_key():
    source = SETTINGS.read_text()

    assert not re.search(r"SECRET_KEY\s*=\s*[\"']", source)
    assert "insecure" not in source


def test_demo_start_without_secret_key_uses_the_key_kept_in_var(tmp_path):
    first = start_settings(tmp_path, DEBUG="1")
    second = start_settings(tmp_path, DEBUG="1")

    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert first.stdout.strip() == (tmp_path / "secret_key").read_text().strip()


def test_production_without_secret_key_refuses_and_writes_no_key(tmp_path):
    result = start_settings(tmp_path, DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_set_secret_key_wins_over_the_kept_one(tmp_path):
    result = start_settings(tmp_path, DEBUG="1", SECRET_KEY="set-by-the-environment")

    assert result.stdout.strip() == "set-by-the-environment"
    assert not (tmp_path / "secret_key").exists()
