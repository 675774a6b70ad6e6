"""Render a meeting document to a PDF file, synchronously (no Celery, no file stored).

The version printed (in the PDF and on the last line) is the one the documents panel
gives the same content: a new content is recorded with the next version.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.enums import Language
from agenda.models import Meeting
from documents import services
from documents.models import Orientation, PaperSize
from documents.registry import SPECS


class Command(BaseCommand):
    help = "Render a meeting document of one of the registered kinds (documents.registry)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(SPECS))
        parser.add_argument("--meeting", required=True, help="The meeting's slug.")
        parser.add_argument("--lang", choices=Language.values, default=Language.EN)
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument("--paper", choices=PaperSize.values, default=PaperSize.A4)
        parser.add_argument(
            "--session",
            type=int,
            default=0,
            help="A session's id: its own run-of-show (default: the whole meeting).",
        )
        parser.add_argument(
            "--orientation",
            choices=Orientation.values,
            help="Default: landscape for the run-of-show, portrait for the others.",
        )

    def handle(self, *args, kind, meeting, lang, output, paper, orientation, session, **options):
        found = Meeting.objects.filter(slug=meeting).first()
        if found is None:
            raise CommandError(f"No meeting has the slug {meeting!r}.")
        try:
            pdf, version = services.document_render_now(
                meeting=found,
                kind=kind,
                language=lang,
                paper=paper,
                orientation=orientation,
                session_key=session,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        path = Path(output)
        try:
            path.write_bytes(pdf.data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        pages = "page" if pdf.page_count == 1 else "pages"
        self.stdout.write(f"{path.resolve()}: {pdf.page_count} {pages}, version {version}")
