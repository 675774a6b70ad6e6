"""Check the configuration before the portal starts, and fail with one clear line.

``manage.py``, the WSGI entry point and Celery call ``ensure_configured``: a malformed
variable or an unreachable database ends the process with a message naming the
variable, instead of a traceback.
"""

import sys

import django
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import Error

from cidi_meeting.config import ConfigError

# Commands that need a working database; the others (check, makemigrations, shell
# helpers) must run on a machine without one.
DATABASE_COMMANDS = {
    "runserver",
    "migrate",
    "seed_demo",
    "createsuperuser",
    "loaddata",
    "render_document",
    "send_reminders",
}


def fail(message):
    """Print ``message`` as the single line of a configuration error and exit."""
    sys.stderr.write(f"Configuration error: {message}\n")
    raise SystemExit(2)


def _describe_database(settings_dict):
    engine = settings_dict["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return f"SQLite file {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return f"{engine} database {settings_dict.get('NAME')!r} at {host}:{port}"


def check_database():
    """Exit with one line when the configured database does not answer."""

    try:
        connection.ensure_connection()
    except Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail(
            f"DATABASE_URL: cannot connect to the {_describe_database(connection.settings_dict)}"
            f" ({reason})."
        )


def ensure_configured(command=None):
    """Load the settings and, for commands that need one, reach the database."""

    try:
        django.setup()
    except (ConfigError, ImproperlyConfigured) as exc:
        fail(str(exc))
    if command is None or command in DATABASE_COMMANDS:
        check_database()
