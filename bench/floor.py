"""The floor of the public agenda: its rows through three queries and a plain template.

``make bench`` divides the cost of the real pages by the cost of this view, which shows
the same rows as the meeting's public agenda (each part's clock times and title; each
active slot's planned start in the meeting's time zone, speaker, what the speaker
represents and minutes; the guiding questions and whom they are put to) with nothing
else: three plain queries (the parts with their meeting, the slots with their person,
state and organization, the questions with their links as values), the planned times
cascaded in a loop and one Django template with no includes and no custom tags. It is
reached only through the bench's URLconf (``bench.urls``), so it goes through the same
middleware as the real pages. Being a bench, it shows the plan only (no live forecast).
"""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext

from agenda.models import GuidingQuestion, Meeting, Segment
from cidi_meeting.labels import time_limit_label
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot

INACTIVE = {SlotStatus.DECLINED, SlotStatus.WITHDRAWN}


def _clock(moment):
    return f"{moment:%H:%M}"


def _joined(labels):
    """Join ``labels`` as the agenda does: "A, B and C"."""
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {gettext('and')} {labels[-1]}"


def floor_rows(slug):
    """Return the meeting ``slug`` (published) and its parts as plain dicts, timed.

    Three queries; raises ``Http404`` when the meeting is not published or has no parts.
    """
    meetings = Meeting.objects.published().filter(slug=slug)
    segments = list(
        Segment.objects.select_related("meeting")
        .filter(meeting__in=meetings)
        .order_by("order", "pk")
    )
    if not segments:
        raise Http404("No such meeting.")
    meeting = segments[0].meeting
    slots = SpeakerSlot.objects.select_related(
        "person", "representing_state", "representing_organization"
    ).filter(segment__meeting=meeting)
    slots_of = {segment.pk: [] for segment in segments}
    labels = {}
    for slot in slots.order_by("order", "pk"):
        slots_of[slot.segment_id].append(slot)
        labels[slot.pk] = slot.label
    questions_of = {segment.pk: {} for segment in segments}
    links = (
        GuidingQuestion.objects.filter(segment__meeting=meeting)
        .order_by("order", "pk")
        .values_list("pk", "segment_id", "text", "addressed_slots")
    )
    for question_id, segment_id, text, slot_id in links:
        question = questions_of[segment_id].setdefault(question_id, {"text": text, "to": []})
        if slot_id is not None:
            question["to"].append(slot_id)

    cursor = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=meeting.tzinfo)
    parts = []
    for segment in segments:
        start = cursor
        rows, content = [], 0
        order = {}
        for slot in slots_of[segment.pk]:
            order[slot.pk] = len(order)
            if slot.status in INACTIVE:
                continue
            rows.append(
                {
                    "start": _clock(cursor),
                    "speaker": slot.person.display_name,
                    "representing": slot.representing_label,
                    "minutes": time_limit_label(slot),
                }
            )
            cursor += datetime.timedelta(minutes=slot.speaking_minutes + slot.qa_minutes)
            content += slot.speaking_minutes + slot.qa_minutes
        lasting = max(segment.allotted_minutes or 0, content) + segment.buffer_minutes
        cursor = start + datetime.timedelta(minutes=lasting)
        questions = [
            {
                "to": _joined(
                    [labels[pk] for pk in sorted(question["to"], key=order.get) if pk in order]
                ),
                "text": question["text"],
            }
            for question in questions_of[segment.pk].values()
        ]
        parts.append(
            {
                "start": _clock(start),
                "end": _clock(cursor),
                "title": segment.title,
                "slots": rows,
                "questions": questions,
            }
        )
    return meeting, parts


def floor(request, slug):
    """Show the published meeting's agenda rows with a plain template (bench only)."""
    meeting, parts = floor_rows(slug)
    return render(request, "bench/floor.html", {"meeting": meeting, "parts": parts})
