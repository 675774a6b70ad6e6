"""The render_document and bench_documents management commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from agenda.models import Meeting
from speakers.models import SpeakerSlot
from tests.documents.conftest import pdf_reader, pdf_text


def test_render_document_writes_the_pdf_and_prints_path_and_pages(demo_meeting, tmp_path):
    output = tmp_path / "ros-es.pdf"
    stdout = io.StringIO()

    call_command(
        "render_document",
        "run-of-show",
        meeting=demo_meeting.slug,
        lang="es",
        output=str(output),
        paper="letter",
        stdout=stdout,
    )

    pages = len(pdf_reader(output.read_bytes()).pages)
    assert stdout.getvalue() == f"{output.resolve()}: {pages} pages, version 1\n"
    assert "Panamá" in pdf_text(output.read_bytes())
    box = pdf_reader(output.read_bytes()).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_render_document_refuses_an_unknown_meeting(db, tmp_path):
    with pytest.raises(CommandError, match="No meeting has the slug 'nowhere'"):
        call_command(
            "render_document", "summary", meeting="nowhere", output=str(tmp_path / "x.pdf")
        )


def test_bench_prints_figures_and_leaves_nothing_behind(demo_meeting):
    meetings, slots = Meeting.objects.count(), SpeakerSlot.objects.count()
    stdout = io.StringIO()

    call_command("bench_documents", runs=1, segments=2, slots=3, stdout=stdout)

    lines = stdout.getvalue().splitlines()
    assert lines[0].startswith("demo meeting: 5 pages; whole rendering ")
    assert lines[1].startswith("synthetic agenda (2 parts x 3 slots): ")
    assert all("WeasyPrint alone" in line for line in lines)
    assert (Meeting.objects.count(), SpeakerSlot.objects.count()) == (meetings, slots)
