"""Fault 4: the database restarts under the running portal.

A throwaway PostgreSQL cluster (initdb in a temporary folder, on a free port) gets the
test database's schema; the portal's ``default`` connection is pointed at it. While it is
stopped, pages answer 503 with the friendly page (``cidi_meeting.errors``) and a
``Retry-After`` header; once it is started again, the same process answers 200.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.test import Client

from accounts.models import User
from tests.conftest import free_port
from tests.services import require_part, require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PG_BIN = Path("/usr/lib/postgresql/15/bin")
MIDDLEWARE = "cidi_meeting.errors.DatabaseUnavailableMiddleware"
FRIENDLY = "Nothing you saved before has been lost"


class Cluster:
    def __init__(self):
        self.as_postgres = os.geteuid() == 0
        self.directory = Path(tempfile.mkdtemp(prefix="cidi-faults-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")

    def run(self, *command, **kwargs):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *command], check=True, capture_output=True, timeout=60, **kwargs
        )

    def init(self):
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "--no-instructions",
        )

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -F"
        self.run(
            str(PG_BIN / "pg_ctl"),
            "start",
            "-w",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.directory / "log"),
        )

    def stop(self):
        self.run(str(PG_BIN / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data))

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def cluster():
    require_postgres()
    usable = (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser"))
    require_part(usable, f"needs PostgreSQL's initdb and pg_ctl under {PG_BIN}")
    server = Cluster()
    try:
        server.init()
        server.start()
    except (subprocess.CalledProcessError, OSError) as error:
        server.remove()
        require_part(False, f"cannot run a throwaway PostgreSQL cluster: {error}")
    yield server
    server.remove()


@pytest.fixture
def portal_on(cluster, settings):
    """Point the ``default`` connection at the cluster, with the test database's schema."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [settings.MIDDLEWARE[0], MIDDLEWARE, *settings.MIDDLEWARE[1:]]
    source = connection.settings_dict
    target = {**source, "HOST": "127.0.0.1", "PORT": cluster.port, "NAME": "faults"}
    common = ["-h", "127.0.0.1", "-U", "postgres"]
    cluster.run(str(PG_BIN / "createdb"), *common, "-p", str(cluster.port), "faults")
    schema = subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            *common,
            "-p",
            str(source["PORT"] or 5432),
            "--schema-only",
            "--no-owner",
            source["NAME"],
        ],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    cluster.run(
        str(PG_BIN / "psql"),
        *common,
        "-p",
        str(cluster.port),
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "faults",
        input=schema,
    )
    saved = connections["default"]
    wrapper = load_backend(target["ENGINE"]).DatabaseWrapper(target, "default")
    connections["default"] = wrapper
    yield cluster
    wrapper.close()
    connections["default"] = saved


def test_requests_fail_cleanly_while_the_database_restarts_and_then_recover(portal_on):
    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(User.objects.create_user(email="restart@example.org", password="x"))
    assert anonymous.get("/").status_code == 200
    assert signed_in.get("/").status_code == 200

    portal_on.stop()
    down = anonymous.get("/")
    down_signed_in = signed_in.get("/")  # fails in the middleware, before the view
    down_spanish = anonymous.get("/es/")

    portal_on.start()
    up = anonymous.get("/")
    up_signed_in = signed_in.get("/")

    assert down.status_code == 503
    assert down["Retry-After"] == "30"
    assert FRIENDLY in down.content.decode()
    assert down_signed_in.status_code == 503 and FRIENDLY in down_signed_in.content.decode()
    assert down_spanish.status_code == 503
    assert "Se produjo un error" in down_spanish.content.decode()
    assert (up.status_code, up_signed_in.status_code) == (200, 200)
