"""The meeting summary: outcomes with their support, participation figures, charts, timing."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from cidi_meeting.labels import (
    delay_brief,
    is_late,
    local_clock,
)
from delegations.selectors import meeting_dashboard
from documents import selectors
from documents.kinds.common import (
    CHART_BAR_MAX_WIDTH,
    CHART_LABEL_CHARS,
    CHART_ROW_HEIGHT,
    meeting_header,
    recorded_until,
    sort_key,
)
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register
from live.report import planned_versus_actual
from speakers.enums import Attendance


def bar_chart(counts):
    """Return the geometry of a horizontal bar chart of ``{label: count}``, largest first."""
    rows = sorted(counts.items(), key=lambda item: (-item[1], sort_key(item[0])))
    largest = max((count for _label, count in rows), default=0) or 1
    bars = [
        {
            "label": label,
            "short_label": Truncator(label).chars(CHART_LABEL_CHARS),
            "count": count,
            "y": index * CHART_ROW_HEIGHT,
            "text_y": index * CHART_ROW_HEIGHT + 16,
            "width": max(round(count / largest * CHART_BAR_MAX_WIDTH), 2),
        }
        for index, (label, count) in enumerate(rows)
    ]
    return {"bars": bars, "height": max(len(bars), 1) * CHART_ROW_HEIGHT}


def match_side(item):
    return {"title": item.title, "delegation": item.delegation.name}


def outcome_entry(number, expected):
    record = getattr(expected, "record", None)
    entry = {
        "number": number,
        "text": expected.text,
        "priorities": "",
        "conclusions": "",
        "chair_summary": "",
        "practices": [],
        "matches": [],
    }
    if record is None:
        return entry
    entry.update(
        {
            # Sanitized on every save (cidi_meeting.richtext): safe to render as HTML.
            "priorities": record.priorities,
            "conclusions": record.conclusions,
            "chair_summary": record.chair_summary,
            "practices": [
                {"title": practice.title, "country": practice.delegation.name}
                for practice in record.practices.all()
            ],
            "matches": [
                {
                    "offer": match_side(match.offer),
                    "need": match_side(match.need),
                    "status": match.get_status_display(),
                }
                for match in record.matches.all()
            ],
        }
    )
    return entry


def timekeeping_summary(meeting):
    """Return the planned-versus-actual report of the meeting, or None before any is held.

    The report (``live.report``) is taken as of the latest time the console
    recorded, like the run-of-show's forecast, so it changes only when the console does.
    """
    recorded = recorded_until(meeting)
    if recorded is None:
        return None
    report = planned_versus_actual(meeting, now=recorded)
    if not report["has_actuals"]:
        return None
    totals = report["totals"]
    return {
        **report,
        "recorded_until": local_clock(recorded, meeting.tzinfo),
        "is_over": totals["held"] + totals["skipped"] == totals["slots"],
        "delay": delay_brief(report["delay_minutes"]),
        "is_late": is_late(report["delay_minutes"]),
    }


def summary_content(meeting):
    """Return the outcomes, what supports them, participation figures and the charts.

    Once a slot has been held, also the planned versus actual time of the slots.
    """
    practices = selectors.published_practice_figures(meeting=meeting)
    figures = meeting_dashboard(meeting=meeting)
    attendance = figures["members_by_attendance"]
    outcomes = selectors.outcomes_with_records(meeting=meeting)
    content = {
        "meeting": meeting_header(meeting),
        "outcomes": [
            outcome_entry(number, expected) for number, expected in enumerate(outcomes, start=1)
        ],
        "participation": {
            "delegations": figures["delegations"],
            "accredited": figures["accredited"],
            "members": figures["members"],
            "in_room": attendance.get(Attendance.IN_ROOM, 0),
            "remote": attendance.get(Attendance.REMOTE, 0),
        },
        "practice_count": practices["count"],
        "by_instrument": bar_chart(practices["instruments"]),
        "by_target_group": bar_chart(practices["target_groups"]),
    }
    timekeeping = timekeeping_summary(meeting)
    if timekeeping is not None:
        # Only then, so that the content of a meeting never run stays as it was.
        content["timekeeping"] = timekeeping
    return content


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.SUMMARY,
        template_name="documents/summary.html",
        default_orientation=Orientation.PORTRAIT,
        description=gettext_lazy(
            "Expected outcomes with priorities and conclusions, supporting practices "
            "and cooperation, participation figures and charts."
        ),
        build=summary_content,
    )
)
