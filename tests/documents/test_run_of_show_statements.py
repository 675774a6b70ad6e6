"""The run-of-show says, slot by slot, which statements the speakers have sent."""

from documents import services
from documents.kinds.run_of_show import run_of_show_content
from speakers.models import SpeakerSlot
from tests.documents.conftest import in_order, pdf_text, render
from tests.speakers.factories import StatementFactory, docx_bytes, stored_statement_file


def demo_slot(meeting, iso2):
    return SpeakerSlot.objects.get(segment__meeting=meeting, representing_state__iso2=iso2)


def items(content):
    return [item for part in content["parts"] for item in part["items"]]


def test_run_of_show_prints_the_statement_received_under_its_speaker(demo_meeting):
    StatementFactory(slot=demo_slot(demo_meeting, "MX"), original_name="Mexico statement.pdf")

    pdf, _version = render(demo_meeting, "run-of-show")

    flat = " ".join(pdf_text(pdf.data).split())
    assert "Statement received: Mexico statement.pdf (PDF)" in flat
    assert flat.count("Statement received:") == 1
    assert -1 not in in_order(
        flat, ["(Uruguay).", "Mexico statement.pdf (PDF)", "(Mexico).", "(Dominican Republic)."]
    )


def test_run_of_show_content_lists_each_slot_statements(demo_meeting):
    StatementFactory(
        slot=demo_slot(demo_meeting, "BB"),
        original_name="Barbados.docx",
        kind="docx",
        file=stored_statement_file(docx_bytes(), kind="docx"),
    )

    content = run_of_show_content(demo_meeting)

    assert [item["statements"] for item in items(content)] == [
        [],
        [{"name": "Barbados.docx", "kind": "DOCX"}],
        [],
        [],
        [],
        [],
    ]


def fingerprint(meeting):
    return services.document_snapshot(
        meeting=meeting, kind="run-of-show", language="en", paper="a4", orientation="landscape"
    ).fingerprint


def test_a_statement_received_changes_the_run_of_show_content(demo_meeting):
    before = fingerprint(demo_meeting)
    StatementFactory(slot=demo_slot(demo_meeting, "PA"), original_name="Panama.pdf")

    assert fingerprint(demo_meeting) != before
