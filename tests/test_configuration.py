"""Start-up with bad configuration stops with one clear line naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN",
    "ALLOWED_HOSTS": "meetings.example.org",
    "DATABASE_URL": "postgres://portal@db.example.org/portal",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}


def manage(*args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_line_naming(result, variable):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: ")
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_unreachable_database_url_stops_with_one_line():
    result = manage("migrate", DATABASE_URL="postgres://postgres@127.0.0.1:9/nowhere")

    assert_one_line_naming(result, "DATABASE_URL")
    assert "127.0.0.1:9" in result.stderr


def test_database_url_with_unknown_scheme_stops_with_one_line():
    result = manage("check", DATABASE_URL="mongodb://127.0.0.1/portal")

    assert_one_line_naming(result, "DATABASE_URL")


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:notaport/0", "http://127.0.0.1:6379/0", "redis://127.0.0.1:6379/x"]
)
def test_malformed_redis_url_stops_with_one_line(url):
    result = manage("check", REDIS_URL=url)

    assert_one_line_naming(result, "REDIS_URL")


def test_missing_secret_key_in_production_stops_with_one_line():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]

    result = manage("check", **env)

    assert_one_line_naming(result, "SECRET_KEY")


def test_malformed_debug_value_stops_with_one_line():
    result = manage("check", DEBUG="maybe")

    assert_one_line_naming(result, "DEBUG")


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_refuses_production_without_force():
    env = {**PRODUCTION, "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "refuse-test.sqlite3")}

    result = manage("seed_demo", **env)

    assert result.returncode != 0
    assert "refuses to run with DEBUG=0" in result.stderr
