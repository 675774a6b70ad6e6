"""Start a real Celery worker for the fault tests, with two test-only controls.

Run as ``python -m tests.faults.worker POOL``. The environment gives the settings
(``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_HOST``…) as in production, plus:

``FAULTS_HOLD_DIR``
    The first PDF rendering writes ``rendering-<pid>`` there and waits (until the process
    is killed) instead of rendering; later renderings run normally. Production code has
    no slowing hook, so the wrapper is installed here, around ``render.html_to_pdf``.
``FAULTS_VISIBILITY_SECONDS``
    Redis's visibility timeout: how long an unacknowledged job of a dead worker waits
    before another worker takes it (3600 s in the settings).
"""

import os
import sys
import time
from pathlib import Path


def hold_first_rendering(hold_dir):
    from documents import render

    original = render.html_to_pdf

    def held(*args, **kwargs):
        marker = hold_dir / "held-once"
        try:
            marker.touch(exist_ok=False)
        except FileExistsError:
            return original(*args, **kwargs)
        (hold_dir / f"rendering-{os.getpid()}").touch()
        while True:  # until the test kills this process
            time.sleep(0.1)

    render.html_to_pdf = held


def main():
    pool = sys.argv[1] if len(sys.argv) > 1 else "solo"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")
    import django

    django.setup()
    from cidi_meeting.celery import app

    if os.environ.get("FAULTS_HOLD_DIR"):
        hold_first_rendering(Path(os.environ["FAULTS_HOLD_DIR"]))
    seconds = os.environ.get("FAULTS_VISIBILITY_SECONDS")
    if seconds:
        app.conf.broker_transport_options = {
            "visibility_timeout": int(seconds),
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
        }
    app.worker_main(
        [
            "worker",
            "--pool",
            pool,
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--hostname",
            f"faults-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
    )


if __name__ == "__main__":
    main()
