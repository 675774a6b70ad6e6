"""Planned versus actual: what each slot was given and what it took, as plain data.

The same data feeds the page the moderator and secretariat read after the meeting and
the meeting summary PDF, so both show the same figures and the same chart.
"""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agenda import selectors
from cidi_meeting.labels import local_clock
from live import clock as live_clock
from live.items import actual_seconds
from live.models import ClockAction, ClockEvent

CHART_BAR_MAX_WIDTH = 300
CHART_ROW_HEIGHT = 30
CHART_LABEL_WIDTH = 230
# As many characters as the label column holds at the chart's 12-unit type, "…" included.
CHART_LABEL_CHARS = 32


def seconds_label(seconds, *, signed=False):
    """Return "7:00", or with ``signed`` "+0:31" / "−1:05" (a minus sign, not a hyphen)."""
    if seconds is None:
        return ""
    sign = ""
    if signed:
        sign = "+" if seconds > 0 else ("−" if seconds < 0 else "±")
    whole = abs(int(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def pause_split(slot, events):
    """Return the seconds ``slot`` was paused while speaking and while answering questions.

    The slot keeps only its total (``paused_seconds``); the console's log says when each
    pause began, and a pause lasts until the next control pressed (resume, questions,
    end or next). A pause that began before the questions belongs to the presentation.
    Pause seconds the log cannot place (a log cleared or times entered by hand) go to
    the questions when there were questions, else to the presentation.
    """
    total = slot.paused_seconds or 0
    if not total or slot.qa_started_at is None:
        return total, 0
    speaking = 0
    for index, event in enumerate(events):
        if (
            event.slot_id != slot.pk
            or event.action != ClockAction.PAUSE
            or event.at < slot.actual_start
            or event.at >= slot.qa_started_at
        ):
            continue
        following = events[index + 1] if index + 1 < len(events) else None
        until = following.at if following is not None else slot.qa_started_at
        speaking += round((min(until, slot.qa_started_at) - event.at).total_seconds())
    speaking = min(speaking, total)
    return speaking, total - speaking


def phase(planned, actual, *, held):
    """Return one phase of a slot: its limit, what it took and by how much it ran over."""
    over = None if actual is None else actual - planned
    return {
        "planned_seconds": planned,
        "planned_label": seconds_label(planned),
        "actual_seconds": actual,
        "actual_label": seconds_label(actual) if actual is not None else "",
        "overrun_seconds": over,
        "overrun_label": "" if over is None else seconds_label(over, signed=True),
        "is_over": over is not None and over > 0,
        # A phase with time planned that the slot never reached (no questions asked).
        "is_unused": held and actual is None and planned > 0,
    }


def slot_phases(slot, events):
    """Return the speaking and questions phases of a held slot (None for one not held)."""
    speaking_planned = slot.speaking_minutes * 60
    questions_planned = slot.qa_minutes * 60
    held = slot.actual_seconds is not None
    speaking_actual = questions_actual = None
    if held:
        speaking_paused, questions_paused = pause_split(slot, events)
        if slot.qa_started_at is None:
            speaking_actual = slot.actual_seconds
        else:
            speaking_actual = max(
                0, int((slot.qa_started_at - slot.actual_start).total_seconds()) - speaking_paused
            )
            questions_actual = max(
                0, int((slot.actual_end - slot.qa_started_at).total_seconds()) - questions_paused
            )
    return {
        "speaking": phase(speaking_planned, speaking_actual, held=held),
        "questions": phase(questions_planned, questions_actual, held=held),
    }


def clock_events(meeting):
    """Return the console's log of the meeting, oldest first (one query)."""
    return list(
        ClockEvent.objects.filter(meeting=meeting)
        .only("slot_id", "action", "at")
        .order_by("at", "pk")
    )


def planned_versus_actual(meeting, *, now=None):
    """Return each active slot's planned and actual times per phase, the totals and a chart.

    A slot has two phases, each with its own limit: the presentation (speaking minutes)
    and the questions (question-and-answer minutes). A phase runs over when it took more
    than its own limit, whatever the other phase took; every such phase is counted.
    A meeting run by session also has ``sessions``: the same figures for each session,
    in time order (parallel rooms each have their own); a meeting without sessions does
    not (its report, and the summary PDF made from it, stay as they were).
    """
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda, now=now or live_clock.now())
    events = clock_events(meeting)
    tz = agenda.tzinfo
    sessions = []
    for sitting in timing.sessions:
        rows = [row for part in sitting.segments for row in part_rows(part, events, tz)]
        sessions.append({"sitting": sitting, "rows": rows})
    rows = [row for session in sessions for row in session["rows"]]
    report = {
        **summary(rows),
        "planned_end": local_clock(timing.planned_end, tz),
        "forecast_end": local_clock(timing.forecast_end, tz),
        "delay_minutes": timing.delay_minutes,
    }
    if agenda.has_sessions:
        report["sessions"] = [
            session_report(session["sitting"], session["rows"], tz) for session in sessions
        ]
    return report


def session_report(sitting, rows, tz):
    """Return one session's planned versus actual: what it is, its rows, totals and chart."""
    session = sitting.session
    return {
        **summary(rows),
        # Plain values only: the summary PDF takes a fingerprint of its content as JSON.
        "key": session.pk,
        "title": session.title,
        "room": session.room,
        "date": session.date,
        "planned_start": local_clock(sitting.planned_start, tz),
        "planned_end": local_clock(sitting.planned_end, tz),
        "forecast_end": local_clock(sitting.forecast_end, tz),
        "delay_minutes": sitting.delay_minutes,
    }


def part_rows(part, events, tz):
    """Return the rows of one part: itself when timed as a whole, else one per slot."""
    if part.is_timed_whole:
        return [part_row(part, events, tz)]
    return [slot_row(part, slot_timing, events, tz) for slot_timing in part.slots]


def slot_row(part, slot_timing, events, tz):
    """Return the row of one speaker slot: its phases, what it took, its state."""
    slot = slot_timing.slot
    planned = slot.total_minutes * 60
    actual = slot.actual_seconds
    state, status = record_state(slot, actual)
    phases = slot_phases(slot, events)
    over_phases = [(name, phases[name]) for name in PHASE_NAMES if phases[name]["is_over"]]
    return {
        "segment": part.segment.title,
        "speaker": slot.person.display_name,
        "representing": slot.representing_label,
        "label": slot.representing_label or slot.person.display_name,
        "is_part": False,
        "planned_start": local_clock(slot_timing.planned_start, tz),
        "actual_start": local_clock(slot.actual_start, tz),
        "actual_end": local_clock(slot.actual_end, tz),
        "planned_seconds": planned,
        "planned_label": seconds_label(planned),
        "actual_seconds": actual,
        "actual_label": seconds_label(actual),
        "paused_label": seconds_label(slot.paused_seconds) if slot.paused_seconds else "",
        "overrun_seconds": None if actual is None else actual - planned,
        "overrun_label": "" if actual is None else seconds_label(actual - planned, signed=True),
        "speaking": phases["speaking"],
        "questions": phases["questions"],
        "has_questions": slot.qa_minutes > 0 or slot.qa_started_at is not None,
        "over_phases": over_phases,
        "is_over": bool(over_phases),
        "start_delay_minutes": slot_timing.delay_minutes if slot.actual_start is not None else None,
        "status": status,
        "state": state,
        "is_held": actual is not None,
    }


def summary(rows):
    """Return the rows with their totals and the chart of those held."""
    held = [row for row in rows if row["is_held"]]
    planned_total = sum(row["planned_seconds"] for row in held)
    actual_total = sum(row["actual_seconds"] for row in held)
    overruns = [
        {
            "label": row["label"],
            "phase": phase_label(name),
            "overrun_seconds": over["overrun_seconds"],
            "overrun_label": over["overrun_label"],
        }
        for row in held
        for name, over in row["over_phases"]
    ]
    return {
        "rows": rows,
        "has_actuals": bool(held),
        "totals": {
            "held": len(held),
            "slots": len(rows),
            "skipped": sum(row["state"] == "skipped" for row in rows),
            "over_time": len(overruns),
            "speaking_over_time": sum(row["speaking"]["is_over"] for row in held),
            "questions_over_time": sum(row["questions"]["is_over"] for row in held),
            "slots_over_time": sum(row["is_over"] for row in held),
            "planned_label": seconds_label(planned_total),
            "actual_label": seconds_label(actual_total),
            "overrun_label": seconds_label(actual_total - planned_total, signed=True),
            "largest_overrun": max(
                overruns, key=lambda over: over["overrun_seconds"], default=None
            ),
        },
        "chart": pva_chart(held),
    }


def record_state(item, actual):
    """Return what the room did with a slot or a part: ("held", "Held") and so on."""
    if actual is not None:
        return "held", _("Held")
    if item.skipped_at is not None:
        return "skipped", _("Skipped")
    if item.actual_start is not None:
        return "running", _("Running")
    return "pending", _("Not held")


def part_row(part, events, tz):
    """Return the row of a part the console timed as a whole (a dialogue, an opening).

    It has one phase, its allotment; the lead's questions are not a phase of their own.
    """
    segment = part.segment
    planned = (segment.allotted_minutes or 0) * 60
    actual = actual_seconds(segment)
    state, status = record_state(segment, actual)
    held = actual is not None
    speaking = phase(planned, actual, held=held)
    questions = phase(0, None, held=held)
    over_phases = [("speaking", speaking)] if speaking["is_over"] else []
    lead = segment.lead.display_name if segment.lead_id else ""
    return {
        "segment": segment.get_kind_display(),
        "speaker": lead,
        "representing": "",
        "label": segment.title,
        "is_part": True,
        "planned_start": local_clock(part.planned_start, tz),
        "actual_start": local_clock(segment.actual_start, tz),
        "actual_end": local_clock(segment.actual_end, tz),
        "planned_seconds": planned,
        "planned_label": seconds_label(planned),
        "actual_seconds": actual,
        "actual_label": seconds_label(actual),
        "paused_label": seconds_label(segment.paused_seconds) if segment.paused_seconds else "",
        "overrun_seconds": None if actual is None else actual - planned,
        "overrun_label": "" if actual is None else seconds_label(actual - planned, signed=True),
        "speaking": speaking,
        "questions": questions,
        "has_questions": False,
        "over_phases": over_phases,
        "is_over": bool(over_phases),
        "start_delay_minutes": part.delay_minutes if segment.actual_start is not None else None,
        "status": status,
        "state": state,
        "is_held": held,
    }


PHASE_NAMES = ("speaking", "questions")


def phase_label(name):
    return _("presentation") if name == "speaking" else _("questions")


def svg_number(value):
    """Return a number as SVG and CSS read it in every language: "237.3", never "237,3"."""
    return f"{value:.1f}"


def pva_chart(rows):
    """Return the geometry of a bar chart: planned and actual bars per held slot.

    Each bar has its presentation and its questions side by side; the planned bar marks
    where the presentation's limit ends, an actual phase over its limit is drawn red.
    Numbers are strings written the same in every language.
    """
    longest = max(
        [
            max(
                row["planned_seconds"],
                (row["speaking"]["actual_seconds"] or 0)
                + (row["questions"]["actual_seconds"] or 0),
            )
            for row in rows
        ],
        default=0,
    )
    scale = CHART_BAR_MAX_WIDTH / longest if longest else 0
    bars = []
    for index, row in enumerate(rows):
        top = index * CHART_ROW_HEIGHT
        speaking = row["speaking"]
        questions = row["questions"]
        speaking_width = (speaking["actual_seconds"] or 0) * scale
        questions_width = (questions["actual_seconds"] or 0) * scale
        actual_width = speaking_width + questions_width
        bars.append(
            {
                "label": Truncator(row["label"]).chars(CHART_LABEL_CHARS),
                "label_y": top + 16,
                "value_y": top + 22,
                "planned_y": top + 4,
                "actual_y": top + 13,
                "planned_width": svg_number(row["planned_seconds"] * scale),
                "speaking_limit_x": svg_number(
                    CHART_LABEL_WIDTH + speaking["planned_seconds"] * scale
                ),
                "has_questions_limit": questions["planned_seconds"] > 0,
                "speaking_width": svg_number(speaking_width),
                "questions_x": svg_number(CHART_LABEL_WIDTH + speaking_width),
                "questions_width": svg_number(questions_width),
                "has_questions": questions["actual_seconds"] is not None,
                "speaking_is_over": speaking["is_over"],
                "questions_is_over": questions["is_over"],
                "actual_label": row["actual_label"],
                "actual_label_x": svg_number(
                    CHART_LABEL_WIDTH + max(actual_width, row["planned_seconds"] * scale) + 6
                ),
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
