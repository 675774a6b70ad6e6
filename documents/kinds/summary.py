"""The meeting summary: outcomes with their support, participation figures, charts, timing,
and the inclusion figures."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
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
from inclusion.figures import compute
from live.report import planned_versus_actual, svg_number
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


# Inclusion ------------------------------------------------------------------------------

# The inclusion charts: labels end at LABEL_END, bars start at BAR_START (SVG units of the
# 640-unit width of the summary's other charts).
INCLUSION_LABEL_END = 250
INCLUSION_BAR_START = 260
INCLUSION_BAR_WIDTH = 290
TIME_BAR_WIDTH = 240
TIME_ROW_HEIGHT = 32
# The practices' grid: a column per target group under a slanted heading.
GRID_LABEL_END = 170
GRID_CELL = 34
GRID_HEAD = 120
GRID_TERM_CHARS = 26


def women_share_chart(rows):
    """Return the geometry of the women's share of some breakdowns, one bar per row.

    ``rows``: ``(label, breakdown cells of compute.display_figures)``. The track is 100%;
    a mark at 50% shows parity. A row without anyone, or withheld, has no bar.
    """
    bars = []
    for index, (label, cells) in enumerate(rows):
        share = cells["women_share"]
        total = cells["total"]
        top = index * CHART_ROW_HEIGHT
        if share["percent"] is not None:
            value = _("%(women)s of %(total)s · %(share)s") % {
                "women": cells["women"]["label"],
                "total": total["label"],
                "share": share["label"],
            }
        elif total["is_hidden"] or cells["women"]["is_hidden"]:
            value = total["label"]
        else:
            value = _("none")
        bars.append(
            {
                "label": label,
                "short_label": Truncator(label).chars(CHART_LABEL_CHARS),
                "y": top + 4,
                "text_y": top + 16,
                "has_bar": share["percent"] is not None,
                "width": svg_number(INCLUSION_BAR_WIDTH * (share["percent"] or 0) / 100),
                "value": value,
                "women": cells["women"]["label"],
                "total": total["label"],
                "share": share["label"],
            }
        )
    height = max(len(bars), 1) * CHART_ROW_HEIGHT
    return {
        "bars": bars,
        "height": height + 14,
        "axis_y": height + 10,
        "parity_x": INCLUSION_BAR_START + INCLUSION_BAR_WIDTH // 2,
        "end_x": INCLUSION_BAR_START + INCLUSION_BAR_WIDTH,
    }


def time_chart(rows):
    """Return the geometry of planned and actual speaking time, two bars per row.

    ``rows``: time rows of ``compute.display_figures``. Planned is every slot on the
    agenda; actual what the room's clock recorded of the slots held. A withheld row has
    no bars.
    """
    longest = max(
        [
            max(row["planned"]["seconds"] or 0, row["actual"]["seconds"] or 0)
            for row in rows
            if not row["planned"]["is_hidden"]
        ],
        default=0,
    )
    scale = TIME_BAR_WIDTH / longest if longest else 0
    bars = []
    for index, row in enumerate(rows):
        top = index * TIME_ROW_HEIGHT
        planned = (row["planned"]["seconds"] or 0) * scale
        actual = (row["actual"]["seconds"] or 0) * scale
        bars.append(
            {
                "label": row["label"],
                "short_label": Truncator(row["label"]).chars(CHART_LABEL_CHARS),
                "is_hidden": row["planned"]["is_hidden"],
                "text_y": top + 18,
                "planned_y": top + 5,
                "actual_y": top + 16,
                "planned_width": svg_number(planned),
                "actual_width": svg_number(actual),
                "planned_label": row["planned"]["label"],
                "planned_held_label": row["planned_held"]["label"],
                "actual_label": row["actual"]["label"],
                "planned_label_x": svg_number(INCLUSION_BAR_START + planned + 5),
                "actual_label_x": svg_number(INCLUSION_BAR_START + actual + 5),
                "speakers": row["speakers"]["label"],
            }
        )
    height = max(len(bars), 1) * TIME_ROW_HEIGHT
    return {"bars": bars, "height": height + 24, "legend_y": height + 8}


def _grid_fill(count, largest):
    """Return the fill of a grid cell: from light to the summary's dark blue with the count."""
    if not count:
        return "#ffffff"
    light, dark = (0xE8, 0xED, 0xF3), (0x12, 0x35, 0x5B)
    weight = 0.25 + 0.75 * count / largest
    return "#" + "".join(
        f"{round(a + (b - a) * weight):02x}" for a, b in zip(light, dark, strict=True)
    )


def practice_grid(practices):
    """Return the geometry of the published practices per country by target group."""
    terms = practices["target_groups"]
    rows = practices["rows"]
    largest = max((count for row in rows for count in row["by_target_group"]), default=0) or 1
    columns = [
        {
            "name": term["name"],
            "short_name": Truncator(term["name"]).chars(GRID_TERM_CHARS),
            "x": GRID_LABEL_END + 10 + index * GRID_CELL,
            "text_x": GRID_LABEL_END + 10 + index * GRID_CELL + GRID_CELL // 2,
        }
        for index, term in enumerate(terms)
    ]
    grid_rows = []
    for index, row in enumerate(rows):
        top = GRID_HEAD + index * GRID_CELL
        grid_rows.append(
            {
                "name": row["name"],
                "short_name": Truncator(row["name"]).chars(CHART_LABEL_CHARS),
                "practices": row["practices"],
                "text_y": top + GRID_CELL // 2 + 4,
                "cells": [
                    {
                        "count": count,
                        "x": column["x"],
                        "y": top,
                        "text_x": column["text_x"],
                        "fill": _grid_fill(count, largest),
                        "is_dark": count / largest > 0.5,
                    }
                    for column, count in zip(columns, row["by_target_group"], strict=True)
                ],
                "groups": [
                    {"name": term["name"], "count": count}
                    for term, count in zip(terms, row["by_target_group"], strict=True)
                    if count
                ],
            }
        )
    return {
        "columns": columns,
        "rows": grid_rows,
        "cell": GRID_CELL,
        "head_y": GRID_HEAD - 6,
        # The summary's charts share one scale: 640 units across the page.
        "width": max(GRID_LABEL_END + 10 + len(columns) * GRID_CELL + 120, 640),
        "height": GRID_HEAD + max(len(grid_rows), 1) * GRID_CELL + 4,
        "label_end": GRID_LABEL_END,
        "total": practices["totals"]["practices"],
    }


def inclusion_summary(meeting):
    """Return the inclusion figures of the meeting as the summary prints them.

    The women among the speakers of each part, of the meeting and among the heads of
    delegation; speaking time by gender and by group, planned and actual; the published
    practices per country by target group. The summary is the secretariat's: its counts
    are exact, unless the document were ever offered to the public (``SPEC.is_public``),
    when small counts are withheld (``inclusion.figures.suppression``).
    """
    shown = compute.display_figures(compute.meeting_figures(meeting), public=SPEC.is_public)
    speakers = shown["speakers"]
    women_rows = [(part["title"], part) for part in speakers["parts"]]
    women_rows.append((_("All speakers"), speakers["meeting"]))
    women_rows.append((_("Heads of delegation"), shown["heads"]))
    total_time = shown["total_time"]
    return {
        "is_public": shown["is_public"],
        "has_speakers": bool(speakers["meeting"]["total"]["value"]),
        "has_heads": bool(shown["heads"]["total"]["value"]),
        "categories": [
            {"key": cell["key"], "name": cell["name"]} for cell in speakers["meeting"]["counts"]
        ],
        "women": women_share_chart(women_rows),
        "breakdowns": [
            {
                "label": label,
                "total": cells["total"]["label"],
                "counts": [cell["label"] for cell in cells["counts"]],
                "share": cells["women_share"]["label"],
            }
            for label, cells in women_rows
        ],
        "held_slots": total_time["held_slots"]["label"],
        "slots": total_time["slots"]["label"],
        "time_by_gender": time_chart(shown["time_by_gender"]),
        "time_by_group": time_chart(shown["time_by_group"]),
        "practices": practice_grid(shown["practices"]),
    }


def summary_content(meeting):
    """Return the outcomes, what supports them, participation figures and the charts.

    Once a slot has been held, also the planned versus actual time of the slots. The
    inclusion figures read the self-declarations and the console's actual times, so the
    content (and the document's fingerprint) changes when either does.
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
        "inclusion": inclusion_summary(meeting),
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
