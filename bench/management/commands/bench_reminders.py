"""Print what a reminder costs through a real worker, beside raw SMTP (never asserted).

The figure: milliseconds per reminder through the real path ÷ milliseconds per message
of a raw ``smtplib`` send to the same SMTP server. Both go to an aiosmtpd server started
here on loopback:

* the real path: a published meeting with ``--count`` speaker slots and one rule that
  makes every slot's reminder due (seeded here: a freshly migrated database is enough);
  the sweep materializes and claims them and queues their batches on the Redis broker;
  a real ``celery worker`` (prefork), started here on a queue of its own, renders and
  sends them. Timed from the claim, which queues the batches, until the server holds
  them all (and, apart, with the sweep's first step, materialize, before it). The worker
  has one process per CPU, as ``celery worker`` starts by default (``--concurrency``),
  and then one process;
* raw SMTP: the very messages the server received, sent again with ``smtplib`` over one
  connection, as a batch is (median of ``--rounds``);
* in-process: the same sweep sending in this process (``send_due_reminders``, the demo
  without Redis), for where the time goes.

A small round first warms the worker up (imports, templates, translations), as a worker
that has been running is. The printed figures are merged into ``--output``
(``bench-results.json``) under the key ``reminders``, the other keys left as they are.
Everything the command seeds is deleted at the end. It needs PostgreSQL and Redis
(``DATABASE_URL``, ``REDIS_URL``).
"""

import contextlib
import datetime
import json
import logging
import math
import os
import secrets
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from agenda.enums import MeetingStatus, SegmentKind
from agenda.models import Meeting, Segment
from cidi_meeting.celery import app
from reminders import delivery, services, sweep
from reminders.models import OutboxMessage, OutboxStatus, ReminderAnchor, ReminderAudience
from speakers.enums import Attendance, SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

LANGUAGES = ["en", "es", "fr", "pt"]
TIME_ZONES = ["", "America/Panama", "Europe/Madrid", "America/Barbados"]
KEY = "reminders"
GOAL_RATIO = 5
WARM_UP_COUNT = 10
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_meeting(count):
    """Create a meeting in three days whose ``count`` one-minute slots all have a due reminder.

    Return the meeting and the "now" of the sweep: a minute before the meeting starts,
    when the rule (``count`` + 60 minutes before each slot) has come due for every slot.
    """
    day = timezone.now().date() + datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        title="Benchmark meeting of the reminders",
        slug=f"bench-reminders-{secrets.token_hex(4)}",
        date=day,
        start_time=datetime.time(10, 0),
        time_zone="America/New_York",
        status=MeetingStatus.PUBLISHED,
        connection_link="https://meetings.example.org/bench",
    )
    segment = Segment.objects.create(
        meeting=meeting, order=1, title="Benchmark panel", kind=SegmentKind.TECHNICAL_PANEL
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Speaker {index}",
            protocol_title="Ms.",
            email=f"bench.speaker.{index}@{meeting.slug}.example.invalid",
            preferred_language=LANGUAGES[index % len(LANGUAGES)],
            time_zone=TIME_ZONES[index % len(TIME_ZONES)],
        )
        for index in range(count)
    )
    SpeakerSlot.objects.bulk_create(
        SpeakerSlot(
            segment=segment,
            person=person,
            role=SlotRole.PANELIST,
            order=index,
            speaking_minutes=1,
            status=SlotStatus.CONFIRMED,
            attendance=Attendance.REMOTE if index % 2 else Attendance.IN_ROOM,
        )
        for index, person in enumerate(people)
    )
    services.reminder_rule_create(
        meeting=meeting,
        name="Benchmark: before each slot",
        anchor=ReminderAnchor.SLOT_START,
        offset_minutes=-(count + 60),
        audience=ReminderAudience.SPEAKERS_CONFIRMED,
        message="Benchmark reminder.",
        now=timezone.now() - datetime.timedelta(days=1),
    )
    return meeting, meeting.starts_at - datetime.timedelta(minutes=1)


def bench_meeting_delete(meeting):
    """Delete the benchmark's meeting (its rules and outbox with it), speakers and history."""
    person_ids = list(
        Person.objects.filter(slots__segment__meeting=meeting).values_list("pk", flat=True)
    )
    segment_ids = list(meeting.segments.values_list("pk", flat=True))
    meeting_id = meeting.pk
    meeting.delete()
    Person.objects.filter(pk__in=person_ids).delete()
    SpeakerSlot.history.filter(segment_id__in=segment_ids).delete()
    Segment.history.filter(meeting_id=meeting_id).delete()
    Meeting.history.filter(id=meeting_id).delete()


class Keeper:
    """The aiosmtpd handler: keeps every message and the time the last expected arrived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        self.expected = 0
        self.done = threading.Event()
        self.finished_at = None

    def expect(self, count):
        with self.lock:
            self.messages, self.expected, self.finished_at = [], count, None
            self.done.clear()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            if len(self.messages) >= self.expected and not self.done.is_set():
                self.finished_at = time.perf_counter()
                self.done.set()
        return "250 Message accepted"


def database_url():
    """Return the URL of the database this command uses, for the worker process."""
    database = connection.settings_dict
    user = quote(database["USER"] or "postgres")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def _reset_app_routing():
    # The app keeps its connection pools and its router: drop them so the new
    # configuration is used.
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    app.amqp._rtable = None
    app.amqp.__dict__.pop("router", None)


@contextlib.contextmanager
def queued_to(queue):
    """Queue the reminders' tasks really (not in-process), on the broker, to ``queue``."""
    names = ("reminders.send_outbox_batch", "reminders.send_outbox_message", "cidi_meeting.ping")
    keys = ("task_always_eager", "broker_url", "result_backend", "task_routes")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        task_routes={name: {"queue": queue} for name in names},
    )
    _reset_app_routing()
    try:
        yield
    finally:
        app.conf.update(saved)
        _reset_app_routing()


class Worker:
    """A real ``celery worker`` process consuming one queue of its own."""

    def __init__(self, *, queue, smtp_port, log_path, concurrency):
        self.queue = queue
        self.log_path = log_path
        self.command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cidi_meeting",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            str(concurrency),
            "--queues",
            queue,
            "--loglevel",
            "INFO",
            "--hostname",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cidi_meeting.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(45)[:60],
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_USE_SSL": "0",
            "EMAIL_TIMEOUT": "10",
        }
        self.process = None

    def start(self):
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        # A ping on the worker's queue answers once it consumes it.
        try:
            answer = app.send_task("cidi_meeting.ping", queue=self.queue).get(timeout=90)
        except Exception as error:
            raise CommandError(f"The worker did not answer: {error}\n{self.log()}") from error
        if answer != "pong":
            raise CommandError(f"The worker answered {answer!r}.\n{self.log()}")

    def log(self):
        return Path(self.log_path).read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def queue_delete(queue):
    """Remove the worker's queue and the routing keys kombu keeps for it; never raise."""
    try:
        with app.connection_for_write() as broker:
            broker.default_channel.queue_delete(queue)
        # A queue named on the fly gets an exchange of its name: its bindings stay.
        redis.Redis.from_url(settings.REDIS_URL).delete(
            f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )
    except Exception as error:  # noqa: BLE001 - leftovers of a benchmark are harmless
        logging.getLogger(__name__).warning("Queue %s not removed: %s", queue, error)


def raw_smtp_ms(port, messages, rounds):
    """Return the median ms per message of sending ``messages`` over one smtplib connection."""
    timings = []
    for _round in range(rounds):
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            for sender, recipients, content in messages:
                client.sendmail(sender, recipients, content)
        timings.append((time.perf_counter() - started) * 1000 / len(messages))
    return statistics.median(timings)


class Command(BaseCommand):
    help = (
        "Print ms per reminder through a real worker ÷ ms per raw smtplib message to the same "
        "local SMTP server, and merge them into bench-results.json (never asserted)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200, help="Due reminders (200).")
        parser.add_argument("--rounds", type=int, default=5, help="Raw smtplib rounds (5).")
        parser.add_argument(
            "--concurrency",
            type=int,
            default=os.cpu_count() or 1,
            help="Worker processes, as `celery worker` starts by default: one per CPU. "
            "With more than one, the command measures one process too.",
        )
        parser.add_argument("--timeout", type=float, default=300, help="Seconds to wait (300).")
        parser.add_argument("--output", default="bench-results.json", help="JSON file.")

    def handle(self, *args, count, rounds, concurrency, timeout, output, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_reminders needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
                f"(the database in use is {connection.vendor})."
            )
        if not settings.REDIS_URL:
            raise CommandError(
                "bench_reminders needs Redis for its worker: set REDIS_URL=redis://host:6379/0."
            )
        if count < 1 or rounds < 1 or concurrency < 1:
            raise CommandError("--count, --rounds and --concurrency need at least 1.")
        # One line per email would drown the figures; loading the URLs is a one-off cost
        # of any process, not of the reminders.
        logging.getLogger("reminders").setLevel(logging.WARNING)
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line a command
        reverse("home")

        keeper = Keeper()
        port = free_port()
        controller = Controller(keeper, hostname="127.0.0.1", port=port)
        controller.start()
        meetings = []
        runs = {}
        try:
            for processes in dict.fromkeys([concurrency, 1]):
                runs[processes] = self.through_worker(
                    keeper, port=port, count=count, processes=processes, timeout=timeout,
                    meetings=meetings,
                )  # fmt: skip
                received = list(keeper.messages)
            raw_ms = raw_smtp_ms(port, received, rounds)
            in_process_ms = self.in_process(port, keeper, count, meetings)
        finally:
            for meeting in meetings:
                bench_meeting_delete(meeting)
            controller.stop()
        results = self.results(
            runs, raw_ms=raw_ms, in_process_ms=in_process_ms, count=count, rounds=rounds
        )
        self.report(results)
        self.write(output, results)

    def through_worker(self, keeper, *, port, count, processes, timeout, meetings):
        """Start a worker of ``processes`` processes, warm it up and time ``count`` reminders."""
        queue = f"bench-reminders-{secrets.token_hex(4)}"
        with (
            tempfile.TemporaryDirectory(prefix="bench-reminders-") as folder,
            queued_to(queue),
        ):
            worker = Worker(
                queue=queue,
                smtp_port=port,
                log_path=Path(folder) / "worker.log",
                concurrency=processes,
            )
            try:
                self.stdout.write(f"Starting a celery worker of {processes} process(es)…")
                worker.start()
                if self.round(keeper, WARM_UP_COUNT, timeout, meetings) is None:
                    raise CommandError(f"The warm-up round did not arrive.\n{worker.log()}")
                figures = self.round(keeper, count, timeout, meetings)
                if figures is None:
                    raise CommandError(
                        f"Only {len(keeper.messages)} of {count} reminders arrived within "
                        f"{timeout:.0f} s.\n{worker.log()}"
                    )
            finally:
                worker.stop()
                queue_delete(queue)
        return figures

    def round(self, keeper, count, timeout, meetings):
        """Sweep ``count`` due reminders to the worker; return the timings, None if late.

        The sweep's first steps (materialize, cancel the late ones) are timed apart; the
        figure runs from the claim, which queues the batches, until the server has them.
        """
        meeting, now = bench_meeting(count)
        meetings.append(meeting)
        keeper.expect(count)
        started = time.perf_counter()
        sweep.reminders_materialize(now=now, meeting=meeting)
        sweep.outbox_cancel_too_late(now=now, meeting=meeting)
        queued = time.perf_counter()
        ids, _reclaimed = sweep.outbox_claim(now=now, meeting=meeting)
        if not keeper.done.wait(timeout):
            return None
        finished = keeper.finished_at
        # The worker records the last rows just after the server accepted their emails.
        rows = OutboxMessage.objects.filter(meeting=meeting)
        deadline = time.monotonic() + 30
        while rows.exclude(status=OutboxStatus.SENT).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        statuses = set(rows.values_list("status", flat=True))
        return {
            "claimed": len(ids),
            "received": len(keeper.messages),
            "all_sent": statuses == {OutboxStatus.SENT},
            "materialize_ms": (queued - started) * 1000,
            "from_queueing_ms": (finished - queued) * 1000 / count,
            "whole_sweep_ms": (finished - started) * 1000 / count,
        }

    def in_process(self, port, keeper, count, meetings):
        """Return the ms per reminder of a sweep sending in this process (after a warm-up)."""
        timings = []
        for size in (WARM_UP_COUNT, count):
            meeting, now = bench_meeting(size)
            meetings.append(meeting)
            keeper.expect(size)
            with override_settings(
                EMAIL_BACKEND=SMTP_BACKEND,
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=port,
                EMAIL_USE_TLS=False,
                EMAIL_USE_SSL=False,
                EMAIL_TIMEOUT=10,
            ):
                started = time.perf_counter()
                sweep.reminders_sweep(now=now, meeting=meeting, in_process=True)
                timings.append((time.perf_counter() - started) * 1000 / size)
        return timings[-1]

    def results(self, runs, *, raw_ms, in_process_ms, count, rounds):
        def ratio(value):
            return round(value / raw_ms, 2) if raw_ms else None

        workers = {
            str(processes): {
                "ms_per_reminder": round(figures["from_queueing_ms"], 3),
                "ratio_to_raw_smtp": ratio(figures["from_queueing_ms"]),
                "ms_per_reminder_with_materialize": round(figures["whole_sweep_ms"], 3),
                "materialize_ms": round(figures["materialize_ms"], 1),
                "claimed": figures["claimed"],
                "received": figures["received"],
                "all_sent": figures["all_sent"],
            }
            for processes, figures in runs.items()
        }
        headline = next(iter(workers.values()))
        return {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "reminders": count,
            "batch_size": delivery.BATCH_SIZE,
            "batches": math.ceil(count / delivery.BATCH_SIZE),
            "worker_processes": int(next(iter(workers))),
            "raw_smtplib_rounds": rounds,
            "raw_smtplib_ms_per_message": round(raw_ms, 3),
            "worker_ms_per_reminder": headline["ms_per_reminder"],
            "ratio_worker_to_raw_smtp": headline["ratio_to_raw_smtp"],
            "goal_ratio": GOAL_RATIO,
            "by_worker_processes": workers,
            "in_process_ms_per_reminder": round(in_process_ms, 3),
            "ratio_in_process_to_raw_smtp": ratio(in_process_ms),
        }

    def report(self, results):
        self.stdout.write(
            f"Reminders: {results['reminders']} due reminders of one meeting in batches of "
            f"{results['batch_size']} ({results['batches']} tasks); Redis broker, real celery "
            "worker (prefork), aiosmtpd on loopback"
        )
        self.stdout.write(
            f"  raw smtplib, one connection       {results['raw_smtplib_ms_per_message']:8.3f} "
            f"ms/message (median of {results['raw_smtplib_rounds']} rounds)"
        )
        for processes, figures in results["by_worker_processes"].items():
            self.stdout.write(
                f"  worker of {processes} process(es), queued → SMTP "
                f"{figures['ms_per_reminder']:8.3f} ms/reminder  "
                f"({figures['ratio_to_raw_smtp']}× raw SMTP)"
            )
            self.stdout.write(
                f"    with the sweep's materialize ({figures['materialize_ms']:.0f} ms): "
                f"{figures['ms_per_reminder_with_materialize']:.3f} ms/reminder; received "
                f"{figures['received']}, every row sent: {figures['all_sent']}"
            )
        self.stdout.write(
            f"  in-process sweep (no worker)      {results['in_process_ms_per_reminder']:8.3f} "
            f"ms/reminder  ({results['ratio_in_process_to_raw_smtp']}× raw SMTP)"
        )
        self.stdout.write(
            f"  figure: {results['ratio_worker_to_raw_smtp']}× raw SMTP per reminder through "
            f"a worker of {results['worker_processes']} process(es) (goal ≤ "
            f"{results['goal_ratio']}×)"
        )

    def write(self, output, results):
        path = Path(output)
        try:
            merged = json.loads(path.read_text()) if path.exists() else {}
        except ValueError as error:
            raise CommandError(f"{path} is not JSON ({error}); not overwritten.") from error
        if not isinstance(merged, dict):
            raise CommandError(f"{path} does not hold a JSON object; not overwritten.")
        merged[KEY] = results
        path.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Written to {path} under {KEY!r}.")
