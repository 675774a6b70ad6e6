"""Print the reminder sweep's throughput (figures only, never asserted).

Creates a published meeting with one speaker slot per reminder and one rule that makes
every slot's reminder due, then times each step of a sweep: materialize, claim, send
(in-process, Django's locmem email backend: no mail server, no broker), and a second
sweep that finds nothing to do. By default everything happens in one transaction that
is rolled back; ``--commit`` commits as production does and deletes the data after.
Works on SQLite and PostgreSQL.
"""

import datetime
import logging
import secrets
import time
from contextlib import contextmanager

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from agenda.enums import MeetingStatus, SegmentKind
from agenda.models import Meeting, Segment
from reminders import delivery, services, sweep
from reminders.models import OutboxMessage, OutboxStatus, ReminderAnchor, ReminderAudience
from speakers.enums import Attendance, SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

LANGUAGES = ["en", "es", "fr", "pt"]
TIME_ZONES = ["", "America/Panama", "Europe/Madrid", "America/Barbados"]
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class Rollback(Exception):
    """Raised to roll the benchmark's transaction back."""


def bench_meeting(count):
    """Create a meeting tomorrow whose ``count`` one-minute slots all have a due reminder.

    Return the meeting and the "now" of the sweep: a minute before the meeting starts,
    when the rule (``count`` + 60 minutes before each slot) has come due for every slot.
    """
    tomorrow = timezone.now().date() + datetime.timedelta(days=1)
    meeting = Meeting.objects.create(
        title="Benchmark meeting of the reminder sweep",
        slug=f"bench-reminders-{secrets.token_hex(4)}",
        date=tomorrow,
        start_time=datetime.time(10, 0),
        time_zone="America/New_York",
        status=MeetingStatus.PUBLISHED,
        connection_link="https://meetings.example.org/bench",
    )
    segment = Segment.objects.create(
        meeting=meeting, order=1, title="Benchmark panel", kind=SegmentKind.TECHNICAL_PANEL
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Speaker {index}",
            protocol_title="Ms.",
            email=f"bench.speaker.{index}@example.invalid",
            preferred_language=LANGUAGES[index % len(LANGUAGES)],
            time_zone=TIME_ZONES[index % len(TIME_ZONES)],
        )
        for index in range(count)
    )
    SpeakerSlot.objects.bulk_create(
        SpeakerSlot(
            segment=segment,
            person=person,
            role=SlotRole.PANELIST,
            order=index,
            speaking_minutes=1,
            status=SlotStatus.CONFIRMED,
            attendance=Attendance.REMOTE if index % 2 else Attendance.IN_ROOM,
        )
        for index, person in enumerate(people)
    )
    services.reminder_rule_create(
        meeting=meeting,
        name="Benchmark: before each slot",
        anchor=ReminderAnchor.SLOT_START,
        offset_minutes=-(count + 60),
        audience=ReminderAudience.SPEAKERS_CONFIRMED,
        message="Benchmark reminder.",
    )
    return meeting, meeting.starts_at - datetime.timedelta(minutes=1)


def bench_meeting_delete(meeting):
    """Delete the benchmark's meeting, speakers and the history rows they left."""
    person_ids = list(
        Person.objects.filter(slots__segment__meeting=meeting).values_list("pk", flat=True)
    )
    segment_ids = list(meeting.segments.values_list("pk", flat=True))
    meeting_id = meeting.pk
    meeting.delete()
    Person.objects.filter(pk__in=person_ids).delete()
    SpeakerSlot.history.filter(segment_id__in=segment_ids).delete()
    Segment.history.filter(meeting_id=meeting_id).delete()
    Meeting.history.filter(id=meeting_id).delete()


class Step:
    """Time one step and count its queries."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    @contextmanager
    def measure(self):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            yield
            self.seconds = time.perf_counter() - started
        self.queries = len(queries)


class Command(BaseCommand):
    help = "Print the throughput of the reminder sweep for many due reminders (never asserted)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="Due reminders (1000).")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="Commit each step as production does, then delete the data (default: "
            "one transaction, rolled back).",
        )

    def handle(self, *args, count=1000, commit=False, **options):
        # One line per email would drown the figures; loading the URLs is a one-off cost
        # of any process, not of the sweep.
        logging.getLogger("reminders").setLevel(logging.WARNING)
        reverse("home")
        with override_settings(EMAIL_BACKEND=LOCMEM):
            mail.outbox = []
            if commit:
                meeting = None
                try:
                    meeting, now = bench_meeting(count)
                    figures = self.run(meeting, now)
                finally:
                    if meeting is not None:
                        bench_meeting_delete(meeting)
            else:
                try:
                    with transaction.atomic():
                        meeting, now = bench_meeting(count)
                        figures = self.run(meeting, now)
                        raise Rollback
                except Rollback:
                    pass
        self.report(count=count, commit=commit, figures=figures)

    def run(self, meeting, now):
        steps = {name: Step() for name in ["materialize", "claim", "send", "again"]}
        with steps["materialize"].measure():
            materialized = sweep.reminders_materialize(now=now, meeting=meeting)
        with steps["claim"].measure():
            sweep.outbox_cancel_too_late(now=now, meeting=meeting)
            ids, _reclaimed = sweep.outbox_claim(now=now, meeting=meeting, queue=False)
        with steps["send"].measure():
            outcomes = delivery.outbox_send_in_process(message_ids=ids)
        with steps["again"].measure():
            again = sweep.reminders_sweep(now=now, meeting=meeting, in_process=True)
        return {
            "steps": steps,
            "created": materialized.created,
            "claimed": len(ids),
            "outcomes": outcomes,
            "emails": len(mail.outbox),
            "sent_rows": OutboxMessage.objects.filter(
                meeting=meeting, status=OutboxStatus.SENT
            ).count(),
            "again_created": again.created,
            "again_claimed": again.claimed,
        }

    def report(self, *, count, commit, figures):
        steps = figures["steps"]
        mode = "committed, then deleted" if commit else "one transaction, rolled back"
        self.stdout.write(
            f"Reminder sweep: {count} due reminders on {connection.vendor} ({mode}), "
            "sent in-process through the locmem email backend"
        )
        rows = [
            ("materialize", steps["materialize"], figures["created"]),
            ("claim", steps["claim"], figures["claimed"]),
            ("render + send", steps["send"], figures["outcomes"]["sent"]),
        ]
        for label, step, items in rows:
            rate = items / step.seconds if step.seconds else 0
            self.stdout.write(
                f"  {label:<14} {step.seconds:8.3f} s  {step.queries:6d} queries  "
                f"{items:6d} rows  {rate:9.0f} rows/s"
            )
        whole = sum(steps[name].seconds for name in ["materialize", "claim", "send"])
        self.stdout.write(
            f"  {'whole sweep':<14} {whole:8.3f} s  "
            f"{sum(steps[n].queries for n in ['materialize', 'claim', 'send']):6d} queries  "
            f"{figures['outcomes']['sent'] / whole if whole else 0:9.0f} reminders/s"
        )
        again = steps["again"]
        self.stdout.write(
            f"  {'second sweep':<14} {again.seconds:8.3f} s  {again.queries:6d} queries  "
            f"created {figures['again_created']}, claimed {figures['again_claimed']}"
        )
        self.stdout.write(
            f"  emails in the locmem outbox: {figures['emails']}; rows sent: "
            f"{figures['sent_rows']}; outcomes: {dict(figures['outcomes'])}"
        )
