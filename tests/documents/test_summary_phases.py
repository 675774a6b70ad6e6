"""The summary's planned versus actual per phase, rendered in Spanish.

A panelist of the demo (5 minutes to present, 2 for questions) presents 4:00 and
answers questions 2:16: the slot ends within its 7 minutes, yet its questions ran over.
"""

import datetime

import pytest

from documents import services
from live import services as live
from tests.documents.conftest import pdf_reader, render


def press(monkeypatch, meeting, action, *, seconds, **kwargs):
    moment = meeting.starts_at + datetime.timedelta(seconds=seconds)
    monkeypatch.setattr("live.clock.now", lambda: moment)
    return live.clock_press(meeting=meeting, action=action, **kwargs)


@pytest.fixture
def questions_over(demo_meeting, monkeypatch):
    panelist = next(slot for slot in live.running_order(meeting=demo_meeting) if slot.qa_minutes)
    press(monkeypatch, demo_meeting, "go_to", seconds=0, slot_id=panelist.pk)
    press(monkeypatch, demo_meeting, "start", seconds=0)
    press(monkeypatch, demo_meeting, "questions", seconds=240)
    press(monkeypatch, demo_meeting, "end", seconds=376)
    return demo_meeting


def test_summary_content_counts_the_questions_over_their_limit(questions_over):
    timekeeping = services.document_content(meeting=questions_over, kind="summary", language="es")[
        "timekeeping"
    ]

    assert timekeeping["totals"]["over_time"] == 1
    assert timekeeping["totals"]["questions_over_time"] == 1
    assert timekeeping["totals"]["largest_overrun"]["overrun_label"] == "+0:16"


def test_summary_pdf_in_spanish_shows_both_phases_and_keeps_the_chart_with_its_heading(
    questions_over,
):
    pdf, _version = render(questions_over, "summary", language="es")

    pages = [" ".join(page.extract_text().split()) for page in pdf_reader(pdf.data).pages]
    heading = next(number for number, text in enumerate(pages) if "Previsto frente a real" in text)
    # The chart's legend ("previsto") is drawn on the page of the heading.
    assert "previsto" in pages[heading].split("Previsto frente a real", 1)[1]
    text = " ".join(pages)
    assert "4:00 −1:00 2:00 2:16 +0:16" in text
