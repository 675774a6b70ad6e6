"""The summary and the run-of-show once the live console has recorded actual times.

The console's clock (``live.clock.now``) is set by each press, so that times are
those of the demo meeting's day: Panama starts at 10:00 and speaks 8 of its 7 minutes.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import services
from live import services as live
from tests.agenda.test_views import build_agenda
from tests.documents.conftest import pdf_text, render
from tests.factories import MeetingFactory


def press(monkeypatch, meeting, action, *, minutes):
    """Press a console control as if it were ``minutes`` after the meeting's start."""
    moment = meeting.starts_at + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr("live.clock.now", lambda: moment)
    return live.clock_press(meeting=meeting, action=action)


@pytest.fixture
def panama_held(demo_meeting, monkeypatch):
    """Panama, planned 10:00-10:07, is held 10:00-10:08: one minute over."""
    press(monkeypatch, demo_meeting, "start", minutes=0)
    press(monkeypatch, demo_meeting, "end", minutes=8)
    return demo_meeting


def content(meeting, kind):
    return services.document_content(meeting=meeting, kind=kind, language="en")


def flat_text(pdf):
    return " ".join(pdf_text(pdf.data).split())


def slot_items(run_of_show):
    return {item["representing"]: item for part in run_of_show["parts"] for item in part["items"]}


# Meeting summary -----------------------------------------------------------------------


def test_summary_of_a_meeting_not_held_has_no_planned_versus_actual(demo_meeting, monkeypatch):
    assert "timekeeping" not in content(demo_meeting, "summary")

    # A slot that started but has not ended is not held yet.
    press(monkeypatch, demo_meeting, "start", minutes=0)
    assert "timekeeping" not in content(demo_meeting, "summary")

    pdf, _version = render(demo_meeting, "summary")
    assert "Planned versus actual" not in flat_text(pdf)


def test_summary_content_has_the_planned_versus_actual_of_the_slots_held(panama_held):
    timekeeping = content(panama_held, "summary")["timekeeping"]

    rows = {row["label"]: row for row in timekeeping["rows"]}
    assert rows["Panama"]["overrun_label"] == "+1:00"
    assert rows["Panama"]["actual_start"] == "10:00"
    assert rows["Panama"]["actual_end"] == "10:08"
    assert rows["Panama"]["status"] == "Held"
    assert rows["Barbados"]["status"] == "Not held"
    assert timekeeping["totals"]["held"] == 1
    assert timekeeping["totals"]["over_time"] == 1
    assert timekeeping["totals"]["planned_label"] == "7:00"
    assert timekeeping["totals"]["actual_label"] == "8:00"
    assert timekeeping["recorded_until"] == "10:08"
    assert (timekeeping["planned_end"], timekeeping["forecast_end"]) == ("11:42", "11:43")
    assert timekeeping["delay"] == "+1 min"
    assert not timekeeping["is_over"]
    assert [bar["label"] for bar in timekeeping["chart"]["bars"]] == ["Panama"]


def test_summary_pdf_shows_totals_chart_and_table(panama_held):
    pdf, _version = render(panama_held, "summary")
    flat = flat_text(pdf)

    assert "Planned versus actual" in flat
    assert "Times recorded by the room's clock up to 10:08." in flat
    assert "1 / 7 held (speaker slots and parts)" in flat
    assert "1 phase over its limit (presentations: 1, questions: 0)" in flat
    assert "+1:00 8:00 taken of 7:00 planned" in flat
    assert "+1 min at the end: forecast 11:43 instead of 11:42" in flat
    assert "Largest overrun: Panama (presentation), +1:00." in flat
    # The table: Panama planned at 10:00, started at 10:00, 7:00 to present, 8:00 taken.
    assert re.search(r"Panama — .*? 10:00 10:00 7:00 8:00 \+1:00 no questions planned Held", flat)
    assert re.search(r"Barbados — .*? 10:07 7:00 no questions planned Not held", flat)
    assert re.search(r"Mexico — .*? 10:21 5:00 2:00 Not held", flat)
    held = "Held: 1 of 7 (slots and parts timed as a whole)"
    assert f"{held} 8:00 taken of 7:00 planned (+1:00)" in flat


def test_summary_of_a_meeting_held_to_the_end_gives_its_actual_end(demo_meeting, monkeypatch):
    minutes = 0
    for _slot in range(6):
        press(monkeypatch, demo_meeting, "start", minutes=minutes)
        minutes += 6
        press(monkeypatch, demo_meeting, "end", minutes=minutes)
    # The dialogue, timed as a whole, takes its hour.
    press(monkeypatch, demo_meeting, "start", minutes=minutes)
    press(monkeypatch, demo_meeting, "end", minutes=minutes + 60)

    timekeeping = content(demo_meeting, "summary")["timekeeping"]
    pdf, _version = render(demo_meeting, "summary")
    flat = flat_text(pdf)

    assert timekeeping["is_over"]
    # The three panelists spoke 6 minutes of their 5 to present (no questions asked).
    assert timekeeping["totals"]["over_time"] == 3
    assert timekeeping["totals"]["speaking_over_time"] == 3
    # Six slots of 6 instead of 7 minutes: the dialogue begins 6 minutes early.
    assert timekeeping["delay"] == "−6 min"
    assert "−6 min at the end, from the actual times: 11:36 instead of 11:42" in flat
    held = "Held: 7 of 7 (slots and parts timed as a whole)"
    assert f"{held} 96:00 taken of 102:00 planned (−6:00)" in flat


# Run-of-show ---------------------------------------------------------------------------


def test_run_of_show_not_live_has_no_forecast_column(demo_meeting):
    ros = content(demo_meeting, "run-of-show")
    pdf, _version = render(demo_meeting, "run-of-show")
    text = pdf_text(pdf.data)

    assert "live" not in ros
    assert not any("live" in part for part in ros["parts"])
    assert not any("live" in item for item in slot_items(ros).values())
    assert "Actual / forecast" not in text
    assert "Forecast end 11" not in text
    assert "11:42 102 min Forecast end of the meeting." in text


def test_run_of_show_content_moves_the_slots_after_one_held_over_time(panama_held):
    ros = content(panama_held, "run-of-show")
    items = slot_items(ros)

    assert (ros["starts"], ros["ends"]) == ("10:00", "11:42")
    assert ros["live"]["forecast_end"] == "11:43"
    assert ros["live"]["delay"] == "+1 min"
    assert ros["live"]["recorded_until"] == "10:08"
    panama, barbados = items["Panama"]["live"], items["Barbados"]["live"]
    assert (panama["state"], panama["start"], panama["end"]) == ("held", "10:00", "10:08")
    assert panama["delay"] == "on time"
    assert (items["Barbados"]["start"], barbados["start"]) == ("10:07", "10:08")
    assert (barbados["state"], barbados["delay"], barbados["is_late"]) == (
        "forecast",
        "+1 min",
        True,
    )
    assert items["ECLAC"]["live"]["start"] == "10:36"
    assert ros["parts"][1]["live"]["start"] == "10:22"


def test_run_of_show_pdf_shows_actual_and_forecast_starts(panama_held):
    pdf, _version = render(panama_held, "run-of-show")
    flat = flat_text(pdf)

    assert "Actual / forecast" in flat
    assert "10:00–11:42 (New York) Forecast end 11:43 (+1 min)" in flat
    assert "Live: times recorded by the room's clock up to 10:08." in flat
    assert "1 slot held; planned end 11:42, forecast end 11:43 (+1 min)." in flat
    # Planned time, actual or forecast time, then the duration of each slot.
    assert "10:00 Ends 10:07 10:00 Held, ended 10:08 on time 7 min 7 " in flat
    assert "10:07 Ends 10:14 10:08 +1 min 7 min 14 " in flat
    assert "10:14 Ends 10:21 10:15 +1 min 7 min 21 " in flat
    assert "Forecast 10:22–10:43 (+1 min)" in flat
    assert "11:42 11:43 +1 min 102 min Planned end of the meeting, and its forecast end." in flat


def test_run_of_show_marks_skipped_and_running_slots(panama_held, monkeypatch):
    press(monkeypatch, panama_held, "next", minutes=8)
    press(monkeypatch, panama_held, "skip", minutes=9)
    press(monkeypatch, panama_held, "start", minutes=9)

    items = slot_items(content(panama_held, "run-of-show"))
    pdf, _version = render(panama_held, "run-of-show")
    flat = flat_text(pdf)

    assert items["Barbados"]["live"]["state"] == "skipped"
    assert (items["Uruguay"]["live"]["state"], items["Uruguay"]["live"]["start"]) == (
        "running",
        "10:09",
    )
    # Barbados's 7 minutes are saved: Uruguay, planned at 10:14, started at 10:09.
    assert items["Uruguay"]["live"]["delay"] == "−5 min"
    # Skipped prints in capitals (CSS), which text extraction may keep.
    assert re.search(r"10:07 Ends 10:14 Skipped 7 min 14 ", flat, re.IGNORECASE)
    assert "10:14 Ends 10:21 10:09 Running −5 min 7 min 21 " in flat


def test_a_rehearsal_on_another_day_counts_no_delay(demo_meeting, monkeypatch):
    """Run on the demo meeting today, the console is years late: no delay is shown."""
    days_later = 400 * 24 * 60
    press(monkeypatch, demo_meeting, "start", minutes=days_later)
    press(monkeypatch, demo_meeting, "end", minutes=days_later + 8)

    ros = content(demo_meeting, "run-of-show")
    barbados = slot_items(ros)["Barbados"]["live"]
    timekeeping = content(demo_meeting, "summary")["timekeeping"]

    assert (barbados["start"], barbados["delay"], barbados["is_late"]) == (
        "10:08",
        "not on the planned day",
        False,
    )
    assert ros["live"]["delay"] == "not on the planned day"
    assert timekeeping["delay"] == "not on the planned day"
    # What the slot took is still counted.
    assert timekeeping["totals"]["overrun_label"] == "+1:00"


def test_spanish_run_of_show_keeps_the_live_column(panama_held):
    pdf, _version = render(panama_held, "run-of-show", language="es")
    text = pdf_text(pdf.data)

    assert "Panamá" in text
    assert "+1 min" in text


# Content and fingerprint ---------------------------------------------------------------


def test_live_content_changes_with_the_console_not_with_the_clock(panama_held, monkeypatch):
    """Forecasts are taken as of the latest time recorded, not of the time of reading."""
    press(monkeypatch, panama_held, "start", minutes=9)
    later = panama_held.starts_at + datetime.timedelta(minutes=30)

    fingerprints = {}
    for kind in ("run-of-show", "summary"):
        fingerprints[kind] = services.document_content_fingerprint(meeting=panama_held, kind=kind)
        monkeypatch.setattr("django.utils.timezone.now", lambda: later)
        assert (
            services.document_content_fingerprint(meeting=panama_held, kind=kind)
            == (fingerprints[kind])
        )
        monkeypatch.undo()

    press(monkeypatch, panama_held, "end", minutes=20)
    for kind in ("run-of-show", "summary"):
        assert (
            services.document_content_fingerprint(meeting=panama_held, kind=kind)
            != (fingerprints[kind])
        )


def count_content_queries(meeting, kind):
    with CaptureQueriesContext(connection) as queries:
        content(meeting, kind)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["run-of-show", "summary"])
def test_live_content_runs_the_same_queries_for_small_and_large_meetings(kind, monkeypatch):
    small, large = MeetingFactory(), MeetingFactory()
    for meeting, size in [(small, 2), (large, 4)]:
        build_agenda(meeting, segments=size, slots_per_segment=size)
        press(monkeypatch, meeting, "start", minutes=0)
        press(monkeypatch, meeting, "end", minutes=5)
        press(monkeypatch, meeting, "start", minutes=6)

    assert "live" in content(large, "run-of-show")
    assert "timekeeping" in content(large, "summary")
    assert count_content_queries(small, kind) == count_content_queries(large, kind)
