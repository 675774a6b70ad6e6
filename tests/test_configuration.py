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


SQLITE_PROBE = """
import sys
from django.conf import settings
import django
django.setup()
from django.db import connection
print(repr(settings.DATABASES["default"]["OPTIONS"]))
if "connect" in sys.argv:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        print(cursor.fetchone()[0])
        cursor.execute("PRAGMA busy_timeout")
        print(cursor.fetchone()[0])
"""


def sqlite_probe(*args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "VAR_DIR"}
    }
    clean.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "cidi_meeting.settings", **env})
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_PROBE, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_sqlite_waits_for_writers_instead_of_losing_saves(tmp_path):
    """Simultaneous saves to a SQLite file queue up instead of failing with "database is
    locked": write-ahead log, a 20 s busy timeout and transactions that take the write
    lock when they begin (IMMEDIATE), so that none fails half-way on upgrading it."""
    url = f"sqlite:///{tmp_path}/demo.sqlite3"

    options, journal_mode, busy_timeout = sqlite_probe(
        "connect", DATABASE_URL=url, VAR_DIR=str(tmp_path)
    )

    assert "'transaction_mode': 'IMMEDIATE'" in options
    assert journal_mode == "wal"
    assert int(busy_timeout) >= 20_000


def test_the_demo_sqlite_file_gets_the_same_options(tmp_path):
    # Not connected: the demo's own file in var/ is left as it is.
    (options,) = sqlite_probe(VAR_DIR=str(tmp_path))

    assert "'transaction_mode': 'IMMEDIATE'" in options
    assert "journal_mode=WAL" in options
    assert "'timeout': 20" in options


SIMULTANEOUS_SAVES = """
import threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, name TEXT)")
connection.close()
errors = []
start = threading.Barrier(6)

def save(number):
    try:
        start.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM saves")
                time.sleep(0.05)
                cursor.execute("INSERT INTO saves (name) VALUES (%s)", [f"member {number}"])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM saves")
    print(cursor.fetchone()[0], errors)
"""


def test_six_simultaneous_saves_to_sqlite_are_all_kept(tmp_path):
    """Six members saved at the same moment: each read-then-write transaction waits for
    the others instead of failing with "database is locked"."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "VAR_DIR"}
    }
    result = subprocess.run(
        [sys.executable, "-c", SIMULTANEOUS_SAVES],
        cwd=ROOT,
        env={
            **clean,
            "DEBUG": "1",
            "VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "cidi_meeting.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite3",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "6 []"
