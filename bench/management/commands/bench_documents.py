"""Measure the PDF documents against WeasyPrint alone (figures only, never asserted).

For each size N (default 10, 40 and 500) the command seeds the synthetic meeting
``scale-N`` (``demo.scale``, as ``bench_pages`` does; it stays in the database), then
times, in interleaved rounds, for the run-of-show and the meeting summary:

* the whole path as a worker takes it (``services.document_render`` on a queued
  document: reading the meeting, building the content and its fingerprint, the HTML,
  the PDF, saving the file and the row);
* WeasyPrint alone on the same HTML (``HTML(string=...).write_pdf()`` with the fonts and
  PDF options the portal uses);

and prints the medians with the ratio whole ÷ WeasyPrint alone (the issue's goal is
≤ 1.15), beside the ratio of the fastest runs (on a machine shared with other work, the
least disturbed). Times are CPU time of this process (``time.process_time``), which the
database's own work does not count, and wall-clock time beside it. The figures are
merged into ``bench-results.json`` under the key ``documents`` (the other keys stay).
The documents rendered are rolled back and their files written to a temporary folder.
It needs a migrated database (PostgreSQL from ``DATABASE_URL``).
"""

import datetime
import json
import statistics
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation
from weasyprint import HTML

from demo.scale import scale_seed
from documents import render, services
from documents.models import DocumentStatus, RenderedDocument
from documents.registry import SPECS

RESULTS_KEY = "documents"
LANGUAGE = "en"
PAPER = "a4"
DEFAULT_KINDS = "run-of-show,summary"


class Timer:
    """Collect the CPU and wall-clock seconds of each run of one step."""

    def __init__(self):
        self.cpu, self.wall = [], []

    def run(self, action):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)
        return result

    def median_ms(self, *, wall=False):
        return round(statistics.median(self.wall if wall else self.cpu) * 1000, 1)

    def fastest_ms(self):
        """Return the fastest run's CPU ms: on a busy machine, the least disturbed one."""
        return round(min(self.cpu) * 1000, 1)


def weasyprint_alone(html):
    """Lay out ``html`` with WeasyPrint and nothing of the portal around it."""
    return HTML(string=html, base_url=str(render.font_directory())).write_pdf(**render.PDF_OPTIONS)


def queued_document(meeting, kind, options):
    """Create the document a request for the meeting's current content queues.

    Made here rather than through ``services.document_request``, which would hand it to
    the queue once the transaction commits.
    """
    snapshot = services.document_snapshot(meeting=meeting, kind=kind, **options)
    return RenderedDocument.objects.create(
        meeting=meeting,
        kind=kind,
        fingerprint=snapshot.fingerprint,
        status=DocumentStatus.QUEUED,
        version=1,
        **options,
    )


def ratio(whole, alone):
    return round(whole / alone, 3) if alone else None


class Command(BaseCommand):
    help = "Time each PDF's whole rendering beside WeasyPrint alone, at N = 10, 40 and 500."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="10,40,500", help="Comma-separated sizes N (default 10,40,500)."
        )
        parser.add_argument(
            "--kinds",
            default=DEFAULT_KINDS,
            help=f"Comma-separated document kinds (default {DEFAULT_KINDS}).",
        )
        parser.add_argument("--runs", type=int, default=5, help="Rounds per figure (median).")
        parser.add_argument("--output", default="bench-results.json", help="JSON file.")

    def handle(self, *args, sizes, kinds, runs, output, **options):
        sizes = self.sizes(sizes)
        kinds = [kind.strip() for kind in kinds.split(",") if kind.strip()]
        unknown = [kind for kind in kinds if kind not in SPECS]
        if unknown or not kinds:
            raise CommandError(f"--kinds: unknown kind(s) {unknown}; offered: {list(SPECS)}.")
        runs = max(runs, 1)
        translation.activate(LANGUAGE)
        results = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "runs": runs,
            "language": LANGUAGE,
            "paper": PAPER,
            "time": (
                "CPU ms of this process (process_time), median; *_wall_ms: wall clock; "
                "ratio_fastest: of the fastest runs"
            ),
            "sizes": {},
        }
        with tempfile.TemporaryDirectory(prefix="bench-documents-") as media_root:
            with override_settings(MEDIA_ROOT=media_root):
                warmed_up = False
                for n in sizes:
                    self.stdout.write(f"Seeding scale-{n} and measuring…")
                    meeting, _counts = scale_seed(n)
                    if not warmed_up:
                        # The first layout loads the fonts; leave it out of the figures.
                        self.measure(meeting, kinds[0], runs=1)
                        warmed_up = True
                    results["sizes"][str(n)] = {
                        kind: self.measure(meeting, kind, runs=runs) for kind in kinds
                    }
        self.summarise(results, sizes, kinds)
        self.merge(Path(output), results)
        self.stdout.write(f"Figures merged into {output} under {RESULTS_KEY!r}")

    def sizes(self, text):
        try:
            sizes = sorted({int(size) for size in text.split(",") if size.strip()})
        except ValueError:
            raise CommandError(f"--sizes={text!r} is not a list of whole numbers.") from None
        if not sizes or min(sizes) < 1:
            raise CommandError("--sizes needs whole numbers of at least 1.")
        return sizes

    def measure(self, meeting, kind, *, runs):
        """Time the worker's whole path and WeasyPrint alone, one after the other per round."""
        options = {
            "language": LANGUAGE,
            "paper": PAPER,
            "orientation": SPECS[kind].default_orientation,
        }
        whole, alone = Timer(), Timer()
        with transaction.atomic():
            html, _version = services.document_html(meeting=meeting, kind=kind, **options)
            document = queued_document(meeting, kind, options)
            for _round in range(runs):
                # Queued again for each round, as a request for it again would.
                RenderedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.QUEUED)
                rendered = whole.run(lambda: services.document_render(document_id=document.pk))
                if rendered is None or rendered.status != DocumentStatus.READY:
                    raise CommandError(f"{kind} of {meeting.slug} was not rendered.")
                alone.run(lambda: weasyprint_alone(html))
            # Nothing the bench rendered stays (the files go with the temporary folder).
            transaction.set_rollback(True)
        return {
            "pages": rendered.page_count,
            "html_kb": round(len(html.encode()) / 1024, 1),
            "whole_ms": whole.median_ms(),
            "weasyprint_ms": alone.median_ms(),
            "ratio": ratio(whole.median_ms(), alone.median_ms()),
            "whole_wall_ms": whole.median_ms(wall=True),
            "weasyprint_wall_ms": alone.median_ms(wall=True),
            "ratio_wall": ratio(whole.median_ms(wall=True), alone.median_ms(wall=True)),
            "ratio_fastest": ratio(whole.fastest_ms(), alone.fastest_ms()),
        }

    def summarise(self, results, sizes, kinds):
        header = (
            f"{'N':>5} {'document':<13} {'pages':>5} {'whole ms':>9} {'WeasyPrint ms':>13} "
            f"{'ratio':>6} {'wall ratio':>10} {'fastest ratio':>13}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for n in sizes:
            for kind in kinds:
                row = results["sizes"][str(n)][kind]
                self.stdout.write(
                    f"{n:>5} {kind:<13} {row['pages']:>5} {row['whole_ms']:>9.1f} "
                    f"{row['weasyprint_ms']:>13.1f} {row['ratio']:>6.3f} "
                    f"{row['ratio_wall']:>10.3f} {row['ratio_fastest']:>13.3f}"
                )
        self.stdout.write(
            f"CPU ms of this process, median of {results['runs']} (fastest ratio: of the "
            "fastest runs); whole = a worker's rendering (content, HTML, PDF, file); "
            "goal: ratio ≤ 1.15."
        )

    def merge(self, path, results):
        """Write ``results`` under ``documents`` in ``path``, keeping its other keys."""
        merged = {}
        if path.exists():
            try:
                merged = json.loads(path.read_text())
            except ValueError:
                raise CommandError(f"{path} is not JSON; move it away and run again.") from None
        merged[RESULTS_KEY] = results
        path.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
