"""Print how long the run-of-show takes to render (figures only, never asserted).

For the demo meeting and for a larger synthetic agenda, prints the median time of the
whole rendering (reading the meeting, templates, WeasyPrint) beside WeasyPrint's time
for the same HTML alone. Everything it creates is rolled back; it needs neither Redis
nor PostgreSQL.
"""

import datetime
import secrets
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from agenda.enums import LeadRole, MeetingStatus, SegmentKind
from agenda.models import GuidingQuestion, Meeting, Segment
from delegations.models import MemberState
from demo.seed import DEMO_SLUG, demo_seed
from documents import render, services
from speakers.enums import SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

KIND = "run-of-show"
OPTIONS = {"language": "en", "paper": "a4", "orientation": "landscape"}


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def synthetic_meeting(*, segments, slots_per_segment):
    """Create a published meeting with ``segments`` parts of ``slots_per_segment`` slots."""
    meeting = Meeting.objects.create(
        title="Benchmark meeting with a long agenda",
        slug=f"bench-documents-{secrets.token_hex(4)}",
        document_code="BENCH-001",
        date=datetime.date(2022, 11, 17),
        start_time=datetime.time(9, 0),
        venue="OAS headquarters, Washington, D.C.",
        status=MeetingStatus.PUBLISHED,
    )
    states = list(MemberState.objects.order_by("spanish_order")) or [None]
    moderator = Person.objects.create(
        full_name="Benchmark Moderator", protocol_title="Ms.", position="Moderator"
    )
    for part in range(segments):
        segment = Segment.objects.create(
            meeting=meeting,
            order=part,
            title=f"Part {part + 1}: panel of the benchmark",
            kind=SegmentKind.TECHNICAL_PANEL,
            lead=moderator,
            lead_role=LeadRole.MODERATOR,
            description="Speakers present for five minutes, then answer for two.",
        )
        people = Person.objects.bulk_create(
            Person(
                full_name=f"Speaker {part + 1}.{index + 1}",
                protocol_title="H.E.",
                position="Minister of Social Development",
            )
            for index in range(slots_per_segment)
        )
        slots = SpeakerSlot.objects.bulk_create(
            SpeakerSlot(
                segment=segment,
                person=person,
                role=SlotRole.PANELIST,
                representing_state=states[index % len(states)],
                order=index,
                speaking_minutes=5,
                qa_minutes=2,
                status=SlotStatus.CONFIRMED,
            )
            for index, person in enumerate(people)
        )
        GuidingQuestion.objects.create(
            segment=segment, order=0, text="What are the main gaps in social protection?"
        )
        addressed = GuidingQuestion.objects.create(
            segment=segment, order=1, text="How could the OAS support regional cooperation?"
        )
        addressed.addressed_slots.add(slots[-1])
    return meeting


class Command(BaseCommand):
    help = "Print the run-of-show's rendering time for the demo and a larger agenda."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="Runs per figure (median).")
        parser.add_argument("--segments", type=int, default=8)
        parser.add_argument("--slots", type=int, default=15, help="Slots per segment.")

    def handle(self, *args, runs, segments, slots, **options):
        runs = max(runs, 1)
        with transaction.atomic():
            meeting = Meeting.objects.filter(slug=DEMO_SLUG).first()
            if meeting is None:
                meeting, _accounts = demo_seed(password=secrets.token_urlsafe(16))
            # The first layout loads the fonts; leave it out of the figures.
            services.document_render_now(meeting=meeting, kind=KIND, **OPTIONS)
            self.report("demo meeting", meeting, runs)
            large = synthetic_meeting(segments=segments, slots_per_segment=slots)
            self.report(f"synthetic agenda ({segments} parts x {slots} slots)", large, runs)
            # Nothing the bench created stays.
            transaction.set_rollback(True)

    def report(self, label, meeting, runs):
        """Time each run in two steps: data and templates, then WeasyPrint on that HTML."""
        preparing, laying_out = [], []
        for _run in range(runs):
            seconds, (html, _version) = timed(
                lambda: services.document_html(meeting=meeting, kind=KIND, **OPTIONS)
            )
            preparing.append(seconds)
            seconds, pdf = timed(lambda html=html: render.html_to_pdf(html))
            laying_out.append(seconds)
        whole = statistics.median(map(sum, zip(preparing, laying_out, strict=True)))
        self.stdout.write(
            f"{label}: {pdf.page_count} pages; whole rendering {whole:.3f} s, "
            f"WeasyPrint alone {statistics.median(laying_out):.3f} s, "
            f"data and templates {statistics.median(preparing):.3f} s (median of {runs})"
        )
