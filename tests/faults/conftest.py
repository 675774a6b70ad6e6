"""Fixtures of the fault tests: a private Redis, real worker processes, SMTP servers.

Nothing here touches the shared Redis on :6379: each test starts its own redis-server on
a free port, points the in-process Celery app at it and runs workers against it.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from cidi_meeting.celery import app
from tests.conftest import free_port
from tests.services import require_part, require_postgres

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, seconds=30, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def port_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3):
            return True
    except OSError:
        return False


class RedisProcess:
    """A redis-server of our own, without persistence, that can be stopped and started."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(lambda: port_answers(self.port), 10), "redis-server did not start"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None
        assert wait_for(lambda: not port_answers(self.port), 10), "redis-server did not stop"

    def llen(self, key="celery"):
        import redis

        return redis.Redis.from_url(self.url).llen(key)


@pytest.fixture
def redis_process(tmp_path):
    require_part(shutil.which("redis-server"), "needs the redis-server binary")
    server = RedisProcess(tmp_path)
    server.start()
    yield server
    server.stop()


def _reset_app_connections():
    # The app keeps its pools and its result backend: drop them so the new address is used.
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextlib.contextmanager
def app_on(settings, url):
    """Queue the app's tasks really (not in-process) to the broker and backend at ``url``."""
    saved = (app.conf.broker_url, app.conf.result_backend, app.conf.task_always_eager)
    saved_options = app.conf.result_backend_transport_options
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    _reset_app_connections()
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.result_backend, app.conf.task_always_eager = saved
        app.conf.result_backend_transport_options = saved_options
        _reset_app_connections()


class Workers:
    """Start real ``celery worker`` processes (tests/faults/worker.py) and clean them up."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.processes = []

    def start(self, *, redis_url, pool="solo", env=None):
        database = connection.settings_dict
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "wb")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cidi_meeting.settings",
            "DATABASE_URL": (
                f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}"
                f":{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "REDIS_URL": redis_url,
            "VAR_DIR": str(self.tmp_path / "var"),
            "MEDIA_ROOT": str(self.tmp_path / "media"),
            "EMAIL_TIMEOUT": "10",
            "DEBUG": "1",
            **(env or {}),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.worker", pool],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = log.name
        self.processes.append(process)
        return process

    def kill(self, process):
        """kill -9 the worker and all its pool processes at once."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self, process):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill(process)

    def log(self, process):
        return Path(process.log_path).read_text(errors="replace")

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                self.stop(process)


@pytest.fixture
def workers(tmp_path, settings):
    require_postgres()
    settings.MEDIA_ROOT = tmp_path / "media"
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()


@pytest.fixture
def holding_smtp_server():
    """A real SMTP server that holds the first message's DATA until its client goes away.

    ``arrived`` is set once the first message is held; that message is never accepted
    (the client is gone before the 250 reply), as with a real server. Later messages are
    accepted at once and kept in ``messages``.
    """
    import asyncio

    from aiosmtpd.controller import Controller

    class Holding:
        def __init__(self):
            self.messages = []
            self.dropped = 0
            self.arrived = threading.Event()

        async def handle_DATA(self, server, session, envelope):
            if not self.arrived.is_set():
                self.arrived.set()
                try:
                    while server.transport is not None and not server.transport.is_closing():
                        await asyncio.sleep(0.05)
                finally:
                    self.dropped += 1
                return "451 4.3.0 Client gone"
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
            return "250 Message accepted"

    server = Holding()
    server.port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    yield server
    controller.stop()
