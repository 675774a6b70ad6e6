"""Create the PostgreSQL database named by ``DATABASE_URL`` when it does not exist yet.

``make bench`` runs it before ``migrate`` so that a fresh clone needs only a running
PostgreSQL server (no ``psql``, no ``createdb``). It connects to the server's ``postgres``
maintenance database with the same user, password, host and port.
"""

import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import sql


class Command(BaseCommand):
    help = "Create the PostgreSQL database of DATABASE_URL if it does not exist."

    # The checks may read the database this command is about to create.
    requires_system_checks = []

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        if not database["ENGINE"].endswith("postgresql"):
            raise CommandError(
                "The bench needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name."
            )
        name = database["NAME"]
        params = {
            "dbname": "postgres",
            "user": database.get("USER") or None,
            "password": database.get("PASSWORD") or None,
            "host": database.get("HOST") or None,
            "port": database.get("PORT") or None,
        }
        try:
            server = psycopg2.connect(**{key: value for key, value in params.items() if value})
        except psycopg2.OperationalError as error:
            raise CommandError(f"PostgreSQL does not answer: {error}".strip()) from None
        # CREATE DATABASE cannot run inside a transaction.
        server.autocommit = True
        try:
            with server.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone():
                    self.stdout.write(f"Database {name} exists.")
                    return
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                self.stdout.write(f"Database {name} created.")
        finally:
            server.close()
