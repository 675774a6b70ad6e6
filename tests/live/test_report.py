"""Planned versus actual per phase: the presentation against the speaking minutes, the
questions against the question-and-answer minutes, each phase over its own limit counted.

The demo's panelists have 5 minutes to present and 2 to answer questions.
"""

import pytest
from django.urls import reverse

from accounts.models import User
from live import report, services
from live.models import ClockAction
from tests.live.room_time import at


def panelist(meeting):
    return next(slot for slot in services.running_order(meeting=meeting) if slot.qa_minutes)


def press(meeting, clock, action, moment, **kwargs):
    clock.at = moment
    return services.clock_press(meeting=meeting, action=action, **kwargs)


def run_panelist(meeting, clock, steps):
    """Bring the first panelist to the floor and press ``steps`` ((action, moment), ...)."""
    slot = panelist(meeting)
    press(meeting, clock, ClockAction.GO_TO, at(9, 59), slot_id=slot.pk)
    for action, moment in steps:
        press(meeting, clock, action, moment)
    return slot


def row_of(result, slot):
    return next(row for row in result["rows"] if row["label"] == slot.label)


@pytest.fixture
def questions_over(demo_meeting, clock):
    """A panelist presents 4:00 (of 5) and answers questions 2:16 (of 2): 6:16 of 7."""
    return run_panelist(
        demo_meeting,
        clock,
        [
            (ClockAction.START, at(10, 0)),
            (ClockAction.QUESTIONS, at(10, 4)),
            (ClockAction.END, at(10, 6, 16)),
        ],
    )


def test_report_counts_questions_over_their_limit_within_the_slot_s_total(
    demo_meeting, clock, questions_over
):
    result = report.planned_versus_actual(demo_meeting)

    row = row_of(result, questions_over)
    assert (row["speaking"]["actual_label"], row["speaking"]["overrun_label"]) == ("4:00", "−1:00")
    assert (row["questions"]["actual_label"], row["questions"]["overrun_label"]) == (
        "2:16",
        "+0:16",
    )
    assert row["questions"]["is_over"] and not row["speaking"]["is_over"]
    assert row["is_over"]
    assert result["totals"]["over_time"] == 1
    assert result["totals"]["questions_over_time"] == 1
    assert result["totals"]["largest_overrun"]["overrun_label"] == "+0:16"


def test_report_measures_a_presentation_without_questions_against_the_speaking_limit(
    demo_meeting, clock
):
    slot = run_panelist(
        demo_meeting, clock, [(ClockAction.START, at(10, 0)), (ClockAction.END, at(10, 8, 51))]
    )

    row = row_of(report.planned_versus_actual(demo_meeting), slot)

    assert (row["speaking"]["planned_label"], row["speaking"]["actual_label"]) == ("5:00", "8:51")
    assert row["speaking"]["overrun_label"] == "+3:51"
    assert row["questions"]["actual_seconds"] is None
    assert row["questions"]["is_unused"]


def test_report_leaves_each_pause_out_of_the_phase_it_interrupted(demo_meeting, clock):
    slot = run_panelist(
        demo_meeting,
        clock,
        [
            (ClockAction.START, at(10, 0)),
            (ClockAction.PAUSE, at(10, 2)),
            (ClockAction.RESUME, at(10, 3)),
            (ClockAction.QUESTIONS, at(10, 6)),
            (ClockAction.PAUSE, at(10, 7)),
            (ClockAction.RESUME, at(10, 7, 30)),
            (ClockAction.END, at(10, 9)),
        ],
    )

    row = row_of(report.planned_versus_actual(demo_meeting), slot)

    assert (row["speaking"]["actual_label"], row["speaking"]["overrun_label"]) == ("5:00", "±0:00")
    assert (row["questions"]["actual_label"], row["questions"]["overrun_label"]) == (
        "2:30",
        "+0:30",
    )
    assert row["paused_label"] == "1:30"


def test_report_places_a_pause_ended_by_the_questions_in_the_presentation(demo_meeting, clock):
    slot = run_panelist(
        demo_meeting,
        clock,
        [
            (ClockAction.START, at(10, 0)),
            (ClockAction.PAUSE, at(10, 5)),
            (ClockAction.QUESTIONS, at(10, 6)),
            (ClockAction.END, at(10, 8)),
        ],
    )

    row = row_of(report.planned_versus_actual(demo_meeting), slot)

    assert row["speaking"]["actual_label"] == "5:00"
    assert row["questions"]["actual_label"] == "2:00"
    assert not row["is_over"]


def test_timekeeping_page_shows_both_phases_and_counts_each_over_its_limit(
    client, demo_meeting, clock, questions_over
):
    client.force_login(User.objects.get(email="moderator@example.org"))

    response = client.get(reverse("live:timekeeping", kwargs={"slug": demo_meeting.slug}))

    page = response.content.decode()
    assert '<span data-testid="over-time-count">1</span>' in page
    assert '<td data-testid="overrun-speaking">−1:00</td>' in page
    assert '<td data-testid="overrun-questions" class="pva-phase-over">+0:16</td>' in page
    # The chart draws the questions as their own bar, red when over their limit.
    assert 'fill="#a4161a" stroke="#ffffff"' in page
