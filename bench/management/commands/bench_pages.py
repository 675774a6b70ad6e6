"""Measure the portal's public pages and the editor against a floor (figures, never asserted).

For each size N (default 10, 40 and 500) the command seeds the synthetic meeting
``scale-N`` (``demo.scale``) and measures in-process, with production settings
(``DEBUG=False``, the manifest static storage over files collected into a temporary
folder), the CPU time (``time.process_time``) of ``django.test.Client.get`` for

* the public agenda and its ``.ics``, the compendium and the cooperation matrix, each
  uncached (the cache is cleared before every timed request, outside the timed span) and
  cached (the same request right after an untimed one);
* the agenda editor, signed in as the bench's secretariat account;
* the floor (``bench.floor``): the agenda's rows through three queries and a plain
  template, reached through ``bench.urls`` so that it passes the same middleware.

Every round requests every page once, in turn; the figure of a page is the median of its
rounds after the warm-up rounds. The SQL queries (``CaptureQueriesContext``) and the size
of each page are read from one more request. The ratios (page ÷ floor, cached ÷ uncached)
and the figures are printed and merged into ``bench-results.json`` under ``"pages"``
(the other commands' keys are kept). ``--http`` also measures requests per second under
gunicorn (``bench.http_load``).

The sizes are seeded one after the other, so the compendium (which lists the practices of
every meeting) holds N practices plus those of the smaller sizes. The scale meetings stay
in the database afterwards (``seed_demo --scale N`` replaces them). It needs PostgreSQL.
"""

import datetime
import json
import os
import platform
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from bench.http_load import load
from bench.server import Server, session_cookie
from cidi_meeting.memory import freeze_loaded_objects
from demo.scale import scale_remove, scale_seed

BENCH_EMAIL = "bench.secretariat@bench-pages.example.org"
HOST = "127.0.0.1"
UNCACHED, CACHED, PLAIN = "uncached", "cached", "plain"
# (name, label, path template, signed in as the secretariat, how the cache is treated)
PAGES = [
    ("agenda", "agenda", "/meetings/{slug}/", False, UNCACHED),
    ("agenda_cached", "agenda, cached", "/meetings/{slug}/", False, CACHED),
    ("ics", "agenda.ics", "/meetings/{slug}/agenda.ics", False, UNCACHED),
    ("ics_cached", "agenda.ics, cached", "/meetings/{slug}/agenda.ics", False, CACHED),
    ("editor", "agenda editor", "/secretariat/meetings/{slug}/", True, PLAIN),
    ("compendium", "compendium", "/practices/", False, UNCACHED),
    ("compendium_cached", "compendium, cached", "/practices/", False, CACHED),
    ("matrix", "matrix", "/meetings/{slug}/cooperation/matrix/", False, UNCACHED),
    ("matrix_cached", "matrix, cached", "/meetings/{slug}/cooperation/matrix/", False, CACHED),
    ("floor", "floor", "/bench/floor/{slug}/", False, PLAIN),
    # The public API: the agenda and the compendium as JSON (the cache cleared first also
    # clears the throttle's count, so the rounds are never refused).
    ("api_meeting", "API meeting", "/api/v1/meetings/{slug}/", False, UNCACHED),
    ("api_practices", "API practices", "/api/v1/practices/", False, UNCACHED),
]
# (key, page, divided by): the ratios printed beside the page.
RATIOS = [
    ("agenda_to_floor", "agenda", "floor"),
    ("agenda_cached_to_uncached", "agenda_cached", "agenda"),
    ("ics_to_floor", "ics", "floor"),
    ("ics_cached_to_uncached", "ics_cached", "ics"),
    ("editor_to_floor", "editor", "floor"),
    ("compendium_cached_to_uncached", "compendium_cached", "compendium"),
    ("matrix_cached_to_uncached", "matrix_cached", "matrix"),
    ("api_meeting_to_agenda", "api_meeting", "agenda"),
    ("api_practices_to_compendium", "api_practices", "compendium"),
]
# Pages measured under gunicorn with --http (the floor is not in the portal's URLconf).
HTTP_PAGES = ["agenda", "ics", "editor", "compendium", "matrix"]
RESULTS_KEY = "pages"


def machine():
    """Return what the figures were measured on."""
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


def merge_results(output, key, figures):
    """Write ``figures`` under ``key`` into the JSON file ``output``, keeping its other keys."""
    path = Path(output)
    results = {}
    if path.exists():
        try:
            results = json.loads(path.read_text())
        except ValueError:
            results = {}
        if not isinstance(results, dict):
            results = {}
    results[key] = figures
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def production_settings(static_root):
    """Return the overrides that make the in-process requests run as in production."""
    return override_settings(
        DEBUG=False,
        ROOT_URLCONF="bench.urls",
        STATIC_ROOT=static_root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            # The manifest (hashed names), as in production, without the compressed copies:
            # compressing takes over a minute and changes nothing a page costs.
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            },
        },
        SECRETARIAT_REQUIRES_MFA=False,
        SECURE_SSL_REDIRECT=False,
    )


class Page:
    """One page of one size: how to request it and the CPU times of its rounds."""

    def __init__(self, name, label, path, client, mode):
        self.name, self.label, self.path, self.client, self.mode = name, label, path, client, mode
        self.cpu_seconds = []

    def request(self):
        """Return the response and the CPU seconds of one request, prepared as the mode says."""
        if self.mode == UNCACHED:
            cache.clear()
        elif self.mode == CACHED:
            self.checked(self.client.get(self.path))
        started = time.process_time()
        response = self.client.get(self.path)
        spent = time.process_time() - started
        return self.checked(response), spent

    def checked(self, response):
        if response.status_code != 200:
            raise CommandError(f"{self.path} answered {response.status_code}, not 200.")
        return response

    def figures(self):
        """Return the median CPU ms, queries and KB (one more request, queries captured)."""
        if self.mode == UNCACHED:
            cache.clear()
        elif self.mode == CACHED:
            self.checked(self.client.get(self.path))
        with CaptureQueriesContext(connection) as queries:
            response = self.checked(self.client.get(self.path))
        return {
            "path": self.path,
            "cpu_ms": round(statistics.median(self.cpu_seconds) * 1000, 2),
            "queries": len(queries.captured_queries),
            "kb": round(len(response.content) / 1024, 1),
        }


class Command(BaseCommand):
    help = "Measure the agenda, its .ics, the editor, the compendium and the matrix per size."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="10,40,500", help="Comma-separated sizes N (default 10,40,500)."
        )
        parser.add_argument("--rounds", type=int, default=15, help="Timed rounds (median).")
        parser.add_argument("--warm-ups", type=int, default=2, help="Untimed rounds first.")
        parser.add_argument("--output", default="bench-results.json", help="JSON file.")
        parser.add_argument(
            "--http", action="store_true", help="Also measure requests per second under gunicorn."
        )
        parser.add_argument("--duration", type=float, default=3.0, help="--http: s per page.")
        parser.add_argument("--threads", type=int, default=4, help="--http: connections.")
        parser.add_argument("--workers", type=int, default=2, help="--http: gunicorn workers.")

    def handle(self, *args, sizes, rounds, warm_ups, output, http, **options):
        if connection.vendor != "postgresql":
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
        if rounds < 1 or warm_ups < 0:
            raise CommandError("--rounds needs at least 1 and --warm-ups at least 0.")
        translation.activate("en")
        results = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "settings": {"rounds": rounds, "warm_ups": warm_ups, "cpu": "time.process_time"},
            "sizes": {},
        }
        for n in sizes:
            scale_remove(n)
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            with production_settings(static_root):
                self.stdout.write("Collecting static files for production settings…")
                call_command("collectstatic", interactive=False, verbosity=0)
                for n in sizes:
                    self.stdout.write(f"Seeding scale-{n} and measuring…")
                    meeting, counts = scale_seed(n)
                    user = bench_secretariat()
                    size = self.measure(meeting, user, rounds=rounds, warm_ups=warm_ups)
                    size["counts"] = counts.__dict__
                    results["sizes"][str(n)] = size
            results["queries_constant"] = {
                name: len({results["sizes"][str(n)]["pages"][name]["queries"] for n in sizes}) == 1
                for name, *_rest in PAGES
            }
            if http:
                results["http"] = self.measure_http(sizes, static_root=static_root, **options)
        self.summarise(results, sizes)
        merge_results(output, RESULTS_KEY, results)
        self.stdout.write(f"Figures merged into {output} under {RESULTS_KEY!r}")

    def measure(self, meeting, user, *, rounds, warm_ups):
        """Return the figures and ratios of every page of ``meeting`` (interleaved rounds)."""
        anonymous, staff = Client(HTTP_HOST=HOST), Client(HTTP_HOST=HOST)
        staff.force_login(user)
        pages = [
            Page(
                name,
                label,
                template.format(slug=meeting.slug),
                staff if signed_in else anonymous,
                mode,
            )
            for name, label, template, signed_in, mode in PAGES
        ]
        # A first request of each page loads its templates; then, as cidi_meeting.wsgi
        # does once the application is loaded, what is alive now leaves the collector's
        # view (and the seeding's garbage goes).
        for page in pages:
            page.request()
        freeze_loaded_objects()
        for round_number in range(warm_ups + rounds):
            for page in pages:
                _response, spent = page.request()
                if round_number >= warm_ups:
                    page.cpu_seconds.append(spent)
        figures = {page.name: page.figures() for page in pages}
        ratios = {
            key: _ratio(figures[page]["cpu_ms"], figures[divisor]["cpu_ms"])
            for key, page, divisor in RATIOS
        }
        return {"slug": meeting.slug, "pages": figures, "ratios": ratios}

    def measure_http(self, sizes, *, static_root, duration, threads, workers, **options):
        """Return requests per second and latencies of the pages under gunicorn, per size."""
        secret_key = secrets.token_urlsafe(45)[:60]
        server = Server(workers=workers, secret_key=secret_key, static_root=static_root)
        figures = {
            "settings": {"duration_s": duration, "threads": threads, "workers": workers},
            "sizes": {},
        }
        paths = {name: (template, signed_in) for name, _label, template, signed_in, _m in PAGES}
        try:
            server.start()
            cookie = session_cookie(bench_secretariat(), secret_key=secret_key)
            for n in sizes:
                self.stdout.write(f"Loading scale-{n} under gunicorn…")
                size = {
                    "healthz": load(
                        HOST, server.port, "/healthz", duration=duration, threads=threads
                    ).as_dict()
                }
                for name in HTTP_PAGES:
                    template, signed_in = paths[name]
                    size[name] = load(
                        HOST,
                        server.port,
                        template.format(slug=f"scale-{n}"),
                        duration=duration,
                        threads=threads,
                        headers={"Cookie": cookie} if signed_in else None,
                    ).as_dict()
                figures["sizes"][str(n)] = size
        finally:
            server.stop()
        return figures

    def summarise(self, results, sizes):
        """Print a table per size, then whether each page's queries are the same at every N."""
        info = results["machine"]
        self.stdout.write(
            f"\n{info['cpu_model']} ({info['cpu_count']} CPUs), Python {info['python']}, "
            f"PostgreSQL {info['postgresql']}, {results['date']}; in-process CPU per request, "
            f"DEBUG=False, median of {results['settings']['rounds']} interleaved rounds"
        )
        labels = {name: label for name, label, *_rest in PAGES}
        ratio_of = {page: (key, divisor) for key, page, divisor in RATIOS}
        for n in sizes:
            size = results["sizes"][str(n)]
            header = f"{'N=' + str(n):<20} {'CPU ms':>8} {'queries':>7} {'KB':>8}  ratio"
            self.stdout.write("\n" + header)
            self.stdout.write("-" * (len(header) + 24))
            for name, row in size["pages"].items():
                ratio = ""
                if name in ratio_of:
                    key, divisor = ratio_of[name]
                    value = size["ratios"][key]
                    shown = "-" if value is None else f"{value:.2f}"
                    ratio = f"{shown} × {labels[divisor]}"
                self.stdout.write(
                    f"{labels[name]:<20} {row['cpu_ms']:>8.2f} {row['queries']:>7} "
                    f"{row['kb']:>8.1f}  {ratio}"
                )
        self.stdout.write("")
        for name, is_constant in results["queries_constant"].items():
            counts = ", ".join(
                f"N={n}: {results['sizes'][str(n)]['pages'][name]['queries']}" for n in sizes
            )
            verdict = "same at every N" if is_constant else "NOT the same at every N"
            self.stdout.write(f"Queries, {labels[name]}: {counts} ({verdict})")
        for n, size in results.get("http", {}).get("sizes", {}).items():
            line = ", ".join(
                f"{name} {row['requests_per_s']:.1f}/s (p50 {_fmt(row['p50_ms'])} ms)"
                for name, row in size.items()
            )
            self.stdout.write(f"gunicorn, N={n}: {line}")


def _ratio(value, reference):
    if value is None or not reference:
        return None
    return round(value / reference, 3)


def _fmt(value, digits=1):
    if value is None:
        return "-"
    return f"{value:.{digits}f}"
