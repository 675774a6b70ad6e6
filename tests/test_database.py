import os

from django.db import connection


def test_ci_runs_the_suite_on_postgresql():
    if os.environ.get("CI"):
        assert connection.vendor == "postgresql", (
            f"CI must run the suite on PostgreSQL, not {connection.vendor}: set DATABASE_URL"
        )
