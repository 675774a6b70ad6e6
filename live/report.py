"""Planned versus actual: what each slot was given and what it took, as plain data.

The same data feeds the page the moderator and secretariat read after the meeting and
the meeting summary PDF, so both show the same figures and the same chart.
"""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agenda import selectors
from cidi_meeting.labels import local_clock
from live import clock as live_clock

CHART_BAR_MAX_WIDTH = 300
CHART_ROW_HEIGHT = 30
CHART_LABEL_WIDTH = 190


def seconds_label(seconds, *, signed=False):
    """Return "7:00", or with ``signed`` "+0:31" / "−1:05" (a minus sign, not a hyphen)."""
    if seconds is None:
        return ""
    sign = ""
    if signed:
        sign = "+" if seconds > 0 else ("−" if seconds < 0 else "±")
    whole = abs(int(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def planned_versus_actual(meeting, *, now=None):
    """Return each active slot's planned and actual times, the totals and a bar chart."""
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda, now=now or live_clock.now())
    tz = agenda.tzinfo
    rows = []
    for part in timing.segments:
        for slot_timing in part.slots:
            slot = slot_timing.slot
            planned = slot.total_minutes * 60
            actual = slot.actual_seconds
            if actual is not None:
                state, status = "held", _("Held")
            elif slot.skipped_at is not None:
                state, status = "skipped", _("Skipped")
            elif slot.actual_start is not None:
                state, status = "running", _("Running")
            else:
                state, status = "pending", _("Not held")
            rows.append(
                {
                    "segment": part.segment.title,
                    "speaker": slot.person.display_name,
                    "representing": slot.representing_label,
                    "label": slot.representing_label or slot.person.display_name,
                    "planned_start": local_clock(slot_timing.planned_start, tz),
                    "actual_start": local_clock(slot.actual_start, tz),
                    "actual_end": local_clock(slot.actual_end, tz),
                    "planned_seconds": planned,
                    "planned_label": seconds_label(planned),
                    "actual_seconds": actual,
                    "actual_label": seconds_label(actual),
                    "paused_label": seconds_label(slot.paused_seconds)
                    if slot.paused_seconds
                    else "",
                    "overrun_seconds": None if actual is None else actual - planned,
                    "overrun_label": ""
                    if actual is None
                    else seconds_label(actual - planned, signed=True),
                    "is_over": actual is not None and actual > planned,
                    "start_delay_minutes": slot_timing.delay_minutes
                    if slot.actual_start is not None
                    else None,
                    "status": status,
                    "state": state,
                    "is_held": actual is not None,
                }
            )
    held = [row for row in rows if row["is_held"]]
    planned_total = sum(row["planned_seconds"] for row in held)
    actual_total = sum(row["actual_seconds"] for row in held)
    over = [row for row in held if row["is_over"]]
    return {
        "rows": rows,
        "has_actuals": bool(held),
        "totals": {
            "held": len(held),
            "slots": len(rows),
            "skipped": sum(row["state"] == "skipped" for row in rows),
            "over_time": len(over),
            "planned_label": seconds_label(planned_total),
            "actual_label": seconds_label(actual_total),
            "overrun_label": seconds_label(actual_total - planned_total, signed=True),
            "largest_overrun": max(over, key=lambda row: row["overrun_seconds"], default=None),
        },
        "planned_end": local_clock(timing.planned_end, tz),
        "forecast_end": local_clock(timing.forecast_end, tz),
        "delay_minutes": timing.delay_minutes,
        "chart": pva_chart(held),
    }


def pva_chart(rows):
    """Return the geometry of a bar chart: a planned and an actual bar per held slot."""
    longest = max([max(row["planned_seconds"], row["actual_seconds"]) for row in rows], default=0)
    scale = CHART_BAR_MAX_WIDTH / longest if longest else 0
    bars = []
    for index, row in enumerate(rows):
        top = index * CHART_ROW_HEIGHT
        bars.append(
            {
                "label": Truncator(row["label"]).chars(30),
                "y": top,
                "label_y": top + 16,
                "planned_y": top + 4,
                "actual_y": top + 13,
                "planned_width": round(row["planned_seconds"] * scale, 1),
                "actual_width": round(row["actual_seconds"] * scale, 1),
                "actual_label": row["actual_label"],
                "actual_label_x": CHART_LABEL_WIDTH + round(row["actual_seconds"] * scale, 1) + 6,
                "planned_label": row["planned_label"],
                "is_over": row["is_over"],
            }
        )
    return {
        "bars": bars,
        "label_width": CHART_LABEL_WIDTH,
        "width": CHART_LABEL_WIDTH + CHART_BAR_MAX_WIDTH + 60,
        "height": max(1, len(bars)) * CHART_ROW_HEIGHT + 24,
        "legend_y": len(bars) * CHART_ROW_HEIGHT + 12,
    }
