"""Measure the portal's main pages at two sizes (figures only, never asserted).

For each size N (default 10 and 500) the command seeds the synthetic meeting
``scale-N`` (``demo.scale``), then measures, beside ``/healthz``:

* requests per second and p50/p95 latency of the public agenda, the agenda editor, the
  list of participants and the compendium, served by gunicorn with production-like
  settings and loaded by ``bench.http_load`` (threads, keep-alive, fixed duration);
* the SQL queries of each page, in-process (``django.test.Client``);
* the run-of-show PDF's rendering time, in-process.

The sizes are seeded one after the other, so the compendium (which lists the practices of
every meeting) holds N practices plus those of the smaller sizes. The scale meetings stay
in the database afterwards (``seed_demo --scale N`` replaces them). It needs PostgreSQL.
"""

import datetime
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from bench.http_load import load
from demo.scale import scale_remove, scale_seed
from documents import render, services

BENCH_EMAIL = "bench.secretariat@bench-pages.example.org"
KIND = "run-of-show"
PDF_OPTIONS = {"language": "en", "paper": "a4", "orientation": "landscape"}
PAGES = [
    # (name, path template, signed in as the secretariat)
    ("agenda", "/meetings/{slug}/", False),
    ("editor", "/secretariat/meetings/{slug}/", True),
    ("participants", "/secretariat/meetings/{slug}/participants/", True),
    ("compendium", "/practices/", False),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model or platform.processor() or "unknown",
        "python": platform.python_version(),
        "postgresql": postgres,
        "platform": platform.platform(),
    }


def bench_secretariat():
    """Return the bench's own secretariat account (no usable password)."""
    user, _created = User.objects.get_or_create(
        email=BENCH_EMAIL, defaults={"full_name": "Bench secretariat"}
    )
    user.set_unusable_password()
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=Role.SECRETARIAT)])

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def session_cookie(user, *, secret_key):
    """Create a signed-in session for ``user`` as a server with ``secret_key`` reads it."""

    engine = import_module(settings.SESSION_ENGINE)
    with override_settings(SECRET_KEY=secret_key):
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def count_queries(client, path):
    """Return the page's status and SQL query count (after one warm-up request)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries.captured_queries)


def render_seconds(meeting, runs):
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        html, _version = services.document_html(meeting=meeting, kind=KIND, **PDF_OPTIONS)
        pdf = render.html_to_pdf(html)
        times.append(time.perf_counter() - started)
    return statistics.median(times), pdf.page_count


class Server:
    """gunicorn on a free loopback port with production-like settings."""

    def __init__(self, *, workers, secret_key, static_root):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECRETARIAT_REQUIRES_MFA": "0",
            "STATIC_ROOT": static_root,
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "LOG_LEVEL": "WARNING",
        }
        self.workers = workers
        self.process = None

    def collectstatic(self):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=self.env,
            check=True,
        )

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cidi_meeting.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited with status {self.process.returncode}.")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/healthz", timeout=5
                ) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not answer /healthz within 60 s.")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Command(BaseCommand):
    help = "Measure the agenda, editor, participants and compendium pages at two sizes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="10,500", help="Comma-separated sizes N (default 10,500)."
        )
        parser.add_argument("--duration", type=float, default=3.0, help="Seconds per page.")
        parser.add_argument("--threads", type=int, default=4, help="Concurrent connections.")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
        parser.add_argument("--runs", type=int, default=3, help="PDF renderings (median).")
        parser.add_argument("--output", default="bench-results.json", help="JSON file.")

    def handle(self, *args, sizes, duration, threads, workers, runs, output, **options):
        if connection.vendor != "postgresql" or not os.environ.get("DATABASE_URL"):
            raise CommandError(
                "bench_pages needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
                f"(the database in use is {connection.vendor})."
            )
        try:
            sizes = sorted({int(size) for size in sizes.split(",") if size.strip()})
        except ValueError:
            raise CommandError(f"--sizes={sizes!r} is not a list of whole numbers.") from None
        if not sizes or min(sizes) < 1:
            raise CommandError("--sizes needs whole numbers of at least 1.")
        translation.activate("en")
        secret_key = secrets.token_urlsafe(45)[:60]
        results = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "settings": {
                "duration_s": duration,
                "threads": threads,
                "gunicorn_workers": workers,
                "pdf_runs": runs,
            },
            "sizes": {},
        }
        user = bench_secretariat()
        for n in sizes:
            scale_remove(n)
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            server = Server(workers=workers, secret_key=secret_key, static_root=static_root)
            self.stdout.write("Collecting static files for the production-like server…")
            server.collectstatic()
            try:
                server.start()
                cookie = session_cookie(user, secret_key=secret_key)
                # The first PDF layout loads the fonts; leave it out of the figures.
                warm_up = None
                for n in sizes:
                    self.stdout.write(f"Seeding scale-{n} and measuring…")
                    meeting, counts = scale_seed(n)
                    if warm_up is None:
                        warm_up = render_seconds(meeting, 1)
                    results["sizes"][str(n)] = self.measure(
                        meeting,
                        counts,
                        server=server,
                        cookie=cookie,
                        user=user,
                        duration=duration,
                        threads=threads,
                        runs=runs,
                    )
            finally:
                server.stop()
        self.summarise(results, sizes)
        Path(output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Figures written to {output}")

    def measure(self, meeting, counts, *, server, cookie, user, duration, threads, runs):
        anonymous, staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
        staff.force_login(user)
        health = load(
            "127.0.0.1", server.port, "/healthz", duration=duration, threads=threads
        ).as_dict()
        pages = {}
        for name, template, signed_in in PAGES:
            path = template.format(slug=meeting.slug)
            status, queries = count_queries(staff if signed_in else anonymous, path)
            figures = load(
                "127.0.0.1",
                server.port,
                path,
                duration=duration,
                threads=threads,
                headers={"Cookie": cookie} if signed_in else None,
            ).as_dict()
            figures.update(
                in_process_status=status,
                queries=queries,
                rps_ratio_to_healthz=_ratio(figures["requests_per_s"], health["requests_per_s"]),
                p50_ratio_to_healthz=_ratio(figures["p50_ms"], health["p50_ms"]),
                p95_ratio_to_healthz=_ratio(figures["p95_ms"], health["p95_ms"]),
            )
            pages[name] = figures
        pdf_seconds, pdf_pages = render_seconds(meeting, runs)
        return {
            "slug": meeting.slug,
            "counts": counts.__dict__,
            "healthz": health,
            "pages": pages,
            "run_of_show_pdf": {"median_s": round(pdf_seconds, 3), "pages": pdf_pages},
        }

    def summarise(self, results, sizes):
        """Print the table and add the queries-equal-at-every-size flags to ``results``."""
        figures = results["sizes"]
        constant = {
            name: len({figures[str(n)]["pages"][name]["queries"] for n in sizes}) == 1
            for name, _template, _signed_in in PAGES
        }
        results["queries_constant"] = constant
        machine_info = results["machine"]
        self.stdout.write(
            f"\n{machine_info['cpu_model']} ({machine_info['cpu_count']} CPUs), Python "
            f"{machine_info['python']}, PostgreSQL {machine_info['postgresql']}, "
            f"{results['date']}"
        )
        header = (
            f"{'N':>5} {'page':<13} {'status':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'req/s ÷ hz':>10} {'p50 × hz':>9} {'p95 × hz':>9} {'queries':>7} {'errors':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for n in sizes:
            size = figures[str(n)]
            rows = [("healthz", size["healthz"], None)] + [
                (name, size["pages"][name], size["pages"][name]) for name, *_rest in PAGES
            ]
            for name, row, page in rows:
                status = ",".join(row["statuses"]) or "-"
                self.stdout.write(
                    f"{n:>5} {name:<13} {status:>6} {row['requests_per_s']:>8.1f} "
                    f"{_fmt(row['p50_ms']):>8} {_fmt(row['p95_ms']):>8} "
                    f"{_fmt(page and page['rps_ratio_to_healthz'], 3):>10} "
                    f"{_fmt(page and page['p50_ratio_to_healthz']):>9} "
                    f"{_fmt(page and page['p95_ratio_to_healthz']):>9} "
                    f"{page['queries'] if page else '-':>7} {row['errors']:>6}"
                )
        self.stdout.write("")
        for name, is_constant in constant.items():
            counts = ", ".join(f"N={n}: {figures[str(n)]['pages'][name]['queries']}" for n in sizes)
            verdict = "same at every size" if is_constant else "GROWS with N"
            self.stdout.write(f"SQL queries, {name}: {counts} ({verdict})")
        for n in sizes:
            pdf = figures[str(n)]["run_of_show_pdf"]
            self.stdout.write(
                f"Run-of-show PDF, N={n}: {pdf['median_s']:.3f} s, {pdf['pages']} pages "
                f"(median of {results['settings']['pdf_runs']}, in-process)"
            )


def _ratio(value, reference):
    if value is None or not reference:
        return None
    return round(value / reference, 3)


def _fmt(value, digits=1):
    if value is None:
        return "-"
    return f"{value:.{digits}f}"
