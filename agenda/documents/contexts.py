"""What each document shows, as plain data: strings, numbers, lists and dictionaries.

A document's template renders only this data, and its fingerprint is taken of it, so
that a document is rendered again exactly when what it shows changes. Builders run
inside ``translation.override(language)``: names of states, taxonomies and choices come
out in the document's language.
"""

import unicodedata

from django.db.models import Max
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agenda.documents import selectors
from agenda.enums import LeadRole, SegmentKind
from agenda.live.labels import REHEARSAL_MINUTES, delay_short
from agenda.live.report import planned_versus_actual
from agenda.selectors import INACTIVE_SLOT_STATUSES, agenda_timing
from delegations.enums import DelegationKind
from delegations.selectors import meeting_dashboard, meeting_delegations
from outcomes.compendium.display import gender_features
from speakers.enums import Attendance
from speakers.models import SpeakerSlot

CHART_LABEL_CHARS = 34
CHART_ROW_HEIGHT = 26
CHART_BAR_MAX_WIDTH = 290


def clock(moment):
    """Return the time of an aware datetime on a 24-hour clock ("10:07")."""
    return f"{moment:%H:%M}"


def local_clock(moment, tz):
    """Return the time of ``moment`` in the time zone ``tz`` ("10:07"), or "" for None.

    Times the live console recorded come from the database in UTC; planned times are
    in the meeting's time zone. Both print in the meeting's.
    """
    return clock(moment.astimezone(tz)) if moment is not None else ""


def minutes_between(start, end):
    return int((end - start).total_seconds() // 60)


def sort_key(text):
    """Return a key that sorts names alphabetically whatever their accents."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def person_line(person):
    """Return a person's name as announced and their position, or None."""
    if person is None:
        return None
    return {"name": person.display_name, "position": person.position}


def meeting_header(meeting):
    """Return the facts every document's header shows."""
    return {
        "title": meeting.title,
        "body": meeting.get_body_display(),
        "kind": meeting.get_kind_display(),
        "date": date_format(meeting.date, "DATE_FORMAT"),
        "start": clock(meeting.starts_at),
        "time_zone": meeting.time_zone,
        "venue": meeting.venue,
        "format": meeting.get_format_display(),
        "document_code": meeting.document_code,
        "chair": person_line(meeting.chair),
    }


# Live console: actual times and the forecast --------------------------------------------

# What the live console records on a slot (agenda.live.services).
RECORDED_FIELDS = ("actual_start", "qa_started_at", "actual_end", "skipped_at")


def recorded_until(meeting):
    """Return the latest time the live console recorded on the meeting's slots, or None.

    Documents forecast the rest of the meeting as of this time, not of the moment they
    are generated: what they show then changes only when the console records something,
    so that a document keeps its content (and fingerprint) from its request to its
    rendering. None: nothing recorded, the documents show the plan alone.
    """
    latest = (
        SpeakerSlot.objects.filter(segment__meeting=meeting)
        .exclude(status__in=INACTIVE_SLOT_STATUSES)
        .aggregate(**{name: Max(name) for name in RECORDED_FIELDS})
    )
    return max((moment for moment in latest.values() if moment is not None), default=None)


# Beyond this the console was run on another day than the meeting's (a rehearsal, a
# demonstration): its times are shown, but minutes of delay would mean nothing.
OFF_DAY_MINUTES = REHEARSAL_MINUTES


def delay_label(minutes):
    """Return "+3 min" (late), "−2 min" (early, with a minus sign) or "on time"."""
    if abs(minutes) > OFF_DAY_MINUTES:
        return _("not on the planned day")
    return delay_short(minutes) or _("on time")


def is_late(minutes):
    return 0 < minutes <= OFF_DAY_MINUTES


def slot_live(timing, tz):
    """Return where the room's clock puts a slot: held, running, skipped or forecast."""
    if timing.is_held:
        state, label = "held", _("Held")
    elif timing.is_running:
        state, label = "running", _("Running")
    elif timing.is_skipped:
        return {
            "state": "skipped",
            "label": _("Skipped"),
            "start": "",
            "end": "",
            "delay": "",
            "is_late": False,
        }
    else:
        state, label = "forecast", ""
    delay = timing.delay_minutes
    return {
        "state": state,
        "label": label,
        "start": local_clock(timing.forecast_start, tz),
        "end": local_clock(timing.slot.actual_end, tz),
        "delay": delay_label(delay),
        "is_late": is_late(delay),
    }


# Run-of-show ---------------------------------------------------------------------------


def slot_duration(slot):
    """Return "5 + 2 min" for a slot with questions, "7 min" for one without."""
    if slot.qa_minutes:
        return _("%(speaking)s + %(qa)s min") % {
            "speaking": slot.speaking_minutes,
            "qa": slot.qa_minutes,
        }
    return _("%(speaking)s min") % {"speaking": slot.speaking_minutes}


def minutes_label(minutes):
    return _("%(minutes)s min") % {"minutes": minutes}


def floor_cue(segment, slot):
    """Return the line the chair or moderator says to give the floor to the slot."""
    speaker = slot.person.display_name
    if slot.representing_label:
        speaker = _("%(name)s (%(representing)s)") % {
            "name": speaker,
            "representing": slot.representing_label,
        }
    if segment.lead is None:
        return _("The floor is given to %(speaker)s.") % {"speaker": speaker}
    if segment.lead_role == LeadRole.MODERATOR:
        return _("The moderator gives the floor to %(speaker)s.") % {"speaker": speaker}
    return _("The chair gives the floor to %(speaker)s.") % {"speaker": speaker}


def opening_cue(segment):
    """Return the cue of a part without speaker slots (a dialogue, a break)."""
    if segment.kind == SegmentKind.BREAK:
        return ""
    if segment.lead is None:
        cue = _("This part is opened.")
    elif segment.lead_role == LeadRole.MODERATOR:
        cue = _("The moderator opens this part.")
    else:
        cue = _("The chair opens this part.")
    if segment.accepts_floor_requests:
        cue += " " + _(
            "Delegations take the floor in the order of the list, %(minutes)s min each."
        ) % {"minutes": segment.floor_minutes}
    return cue


def run_of_show_item(segment, timing, *, meeting_start, general_questions, tz=None, live=False):
    """Return a slot's row; with ``live``, also its actual or forecast start (``tz``)."""
    slot = timing.slot
    item = {
        "start": clock(timing.planned_start),
        "questions_start": clock(timing.speaking_end) if slot.qa_minutes else "",
        "duration": slot_duration(slot),
        "elapsed": minutes_between(meeting_start, timing.planned_end),
        "speaker": slot.person.display_name,
        "position": slot.person.position,
        "representing": slot.representing_label,
        "role": slot.get_role_display(),
        "floor_language": slot.get_floor_language_display(),
        "attendance": slot.get_attendance_display(),
        "is_remote": slot.attendance == Attendance.REMOTE,
        "cue": floor_cue(segment, slot),
        "cue_notes": slot.cue_notes,
        "general_questions": general_questions,
        "questions": [question.text for question in timing.questions],
    }
    if live:
        item["live"] = slot_live(timing, tz)
    return item


def run_of_show_part(part, *, meeting_start, tz=None, live=False):
    """Return a part's rows; with ``live``, also its forecast times (``tz``)."""
    segment = part.segment
    general = [question.text for question in part.general_questions]
    items = [
        run_of_show_item(
            segment,
            timing,
            meeting_start=meeting_start,
            general_questions=general if index == 0 else [],
            tz=tz,
            live=live,
        )
        for index, timing in enumerate(part.slots)
    ]
    # Time the part keeps beyond its speakers: an allotment, a buffer.
    spare_minutes = part.total_minutes - part.content_minutes
    spare_start = part.slots[-1].planned_end if part.slots else part.planned_start
    row = {
        "title": segment.title,
        "kind": segment.get_kind_display(),
        "is_break": segment.kind == SegmentKind.BREAK,
        "start": clock(part.planned_start),
        "end": clock(part.planned_end),
        "duration": minutes_label(part.total_minutes),
        "elapsed": minutes_between(meeting_start, part.planned_end),
        "lead": person_line(segment.lead),
        "lead_role": segment.get_lead_role_display() if segment.lead else "",
        "description": segment.description,
        "opening_cue": "" if items else opening_cue(segment),
        "questions": [] if items else general,
        "items": items,
        "spare": (
            {"start": clock(spare_start), "duration": minutes_label(spare_minutes)}
            if items and spare_minutes > 0
            else None
        ),
    }
    if live:
        # A part opens with its first slot: when that started late (or is forecast to),
        # so does the part.
        starts = [timing.forecast_start for timing in part.slots if not timing.is_skipped]
        forecast_start = max([part.forecast_start, *starts[:1]])
        delay = round((forecast_start - part.planned_start).total_seconds() / 60)
        row["live"] = {
            "start": local_clock(forecast_start, tz),
            "end": local_clock(part.forecast_end, tz),
            "delay": delay_label(delay),
            "is_late": is_late(delay),
        }
    return row


def run_of_show_content(meeting):
    """Return the moderator's script: one row per active slot, per part without slots.

    Once the live console has recorded a start (or a skip), each row also says where
    the room's clock puts it (the ``live`` keys); before that the script is the plan.
    """
    meeting = selectors.meeting_agenda(meeting=meeting)
    recorded = recorded_until(meeting)
    timing = agenda_timing(meeting, now=recorded)
    # Anything recorded (a start, or a skip before any start) puts the meeting live.
    live = recorded is not None
    start, tz = meeting.starts_at, meeting.tzinfo
    parts = [
        run_of_show_part(part, meeting_start=start, tz=tz, live=live) for part in timing.segments
    ]
    content = {
        "meeting": meeting_header(meeting),
        "starts": clock(start),
        "ends": clock(timing.planned_end),
        "total": minutes_label(minutes_between(start, timing.planned_end)),
        "speaker_count": sum(len(part["items"]) for part in parts),
        "parts": parts,
    }
    if live:
        items = [item["live"] for part in parts for item in part["items"]]
        delay = timing.delay_minutes
        content["live"] = {
            "recorded_until": local_clock(recorded, tz),
            "forecast_end": local_clock(timing.forecast_end, tz),
            "delay": delay_label(delay),
            "held": sum(item["state"] == "held" for item in items),
            "skipped": sum(item["state"] == "skipped" for item in items),
            # The end row's cell, shaped like a slot's.
            "end": {
                "state": "forecast",
                "start": local_clock(timing.forecast_end, tz),
                "delay": delay_label(delay),
                "is_late": is_late(delay),
            },
        }
    return content


# List of participants ------------------------------------------------------------------


def participants_content(meeting):
    """Return the delegations in the order of precedence with their members."""
    delegations = []
    members = in_room = 0
    for rank, delegation in enumerate(meeting_delegations(meeting=meeting), start=1):
        rows = [
            {
                "name": member.display_name,
                "position": member.position,
                "role": member.get_role_display(),
                "attendance": member.get_attendance_display(),
                "is_remote": member.attendance == Attendance.REMOTE,
            }
            for member in delegation.members.all()
        ]
        members += len(rows)
        in_room += sum(not row["is_remote"] for row in rows)
        delegations.append(
            {
                "rank": rank,
                "name": delegation.name,
                "kind": DelegationKind(delegation.kind).label,
                "status": delegation.get_status_display(),
                "is_accredited": delegation.is_accredited,
                "members": rows,
            }
        )
    return {
        "meeting": meeting_header(meeting),
        "precedence": meeting.get_precedence_display(),
        "delegations": delegations,
        "totals": {
            "delegations": len(delegations),
            "members": members,
            "in_room": in_room,
            "remote": members - in_room,
        },
    }


# Compendium of good practices ----------------------------------------------------------


def practice_period(practice):
    if practice.period_start and practice.period_end:
        return f"{practice.period_start}–{practice.period_end}"
    if practice.period_start:
        return _("since %(year)s") % {"year": practice.period_start}
    return ""


def grouped_number(value):
    return number_format(value, force_grouping=True) if value is not None else ""


def practice_entry(practice):
    budget = ""
    if practice.budget_amount is not None:
        amount = number_format(practice.budget_amount, decimal_pos=0, force_grouping=True)
        budget = f"{practice.budget_currency} {amount}".strip()
    return {
        "anchor": f"practice-{practice.pk}",
        "title": practice.title,
        "programme_name": practice.programme_name,
        "country": practice.delegation.name,
        "language_code": practice.language,
        "language": practice.get_language_display(),
        "instruments": [instrument.name for instrument in practice.instruments.all()],
        "target_groups": [group.name for group in practice.target_groups.all()],
        "sdg_targets": [
            {"code": target.code, "text": target.text} for target in practice.sdg_targets.all()
        ],
        "period": practice_period(practice),
        "beneficiaries": grouped_number(practice.beneficiaries),
        "women_beneficiaries": grouped_number(practice.women_beneficiaries),
        "population_share": (
            number_format(practice.population_share, decimal_pos=1)
            if practice.population_share is not None
            else ""
        ),
        "budget": budget,
        # Sanitized on every save (cidi_meeting.richtext): safe to render as HTML.
        "description": practice.description,
        "results": practice.results,
        "lessons": practice.lessons,
        "gender_features": gender_features(practice),
        "gender_notes": practice.gender_notes,
        "contact_name": practice.contact_name,
        "links": practice.link_list,
    }


def compendium_entries(practices):
    entries = [practice_entry(practice) for practice in practices]
    return sorted(entries, key=lambda entry: (sort_key(entry["country"]), sort_key(entry["title"])))


def good_practices_content(meeting):
    """Return the meeting's published practices by country, with their facets."""
    return {
        "meeting": meeting_header(meeting),
        "practices": compendium_entries(selectors.published_practices(meeting=meeting)),
    }


# Meeting summary -----------------------------------------------------------------------


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


def facet_counts(entries, facet):
    counts = {}
    for entry in entries:
        for label in entry[facet]:
            counts[label] = counts.get(label, 0) + 1
    return counts


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

    The report (``agenda.live.report``) is taken as of the latest time the console
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
        "delay": delay_label(report["delay_minutes"]),
        "is_late": is_late(report["delay_minutes"]),
    }


def summary_content(meeting):
    """Return the outcomes, what supports them, participation figures and the charts.

    Once a slot has been held, also the planned versus actual time of the slots.
    """
    entries = compendium_entries(selectors.published_practices(meeting=meeting))
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
        "practice_count": len(entries),
        "by_instrument": bar_chart(facet_counts(entries, "instruments")),
        "by_target_group": bar_chart(facet_counts(entries, "target_groups")),
    }
    timekeeping = timekeeping_summary(meeting)
    if timekeeping is not None:
        # Only then, so that the content of a meeting never run stays as it was.
        content["timekeeping"] = timekeeping
    return content


BUILDERS = {
    "run-of-show": run_of_show_content,
    "participants": participants_content,
    "good-practices": good_practices_content,
    "summary": summary_content,
}


def document_content(*, meeting, kind):
    """Return the data the document of ``kind`` shows (call inside the wanted language)."""
    return BUILDERS[kind](meeting)
