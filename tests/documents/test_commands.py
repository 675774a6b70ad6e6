"""The render_document and bench_documents management commands."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from agenda.models import Meeting
from documents.models import RenderedDocument
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


@pytest.mark.django_db
def test_bench_prints_figures_and_merges_them_into_the_results_file(tmp_path):
    output = tmp_path / "bench-results.json"
    output.write_text(json.dumps({"pages": {"kept": True}, "documents": {"old": 1}}))
    stdout = io.StringIO()

    call_command("bench_documents", sizes="3", runs=1, output=str(output), stdout=stdout)

    results = json.loads(output.read_text())
    assert results["pages"] == {"kept": True}
    figures = results["documents"]["sizes"]["3"]
    assert sorted(figures) == ["run-of-show", "summary"]
    for row in figures.values():
        assert row["pages"] >= 1
        assert row["whole_ms"] > 0
        assert row["weasyprint_ms"] > 0
        assert row["ratio"] == round(row["whole_ms"] / row["weasyprint_ms"], 3)
    lines = stdout.getvalue().splitlines()
    assert "whole ms" in lines[1]
    assert [line.split()[:2] for line in lines[3:5]] == [["3", "run-of-show"], ["3", "summary"]]
    # The renderings are rolled back; the scale meeting stays, as bench_pages leaves it.
    assert not RenderedDocument.objects.exists()
    assert Meeting.objects.filter(slug="scale-3").exists()


def test_bench_refuses_unknown_kinds_and_sizes(db):
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("bench_documents", kinds="minutes", stdout=io.StringIO())
    with pytest.raises(CommandError, match="whole numbers"):
        call_command("bench_documents", sizes="ten", stdout=io.StringIO())
