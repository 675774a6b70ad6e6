"""Run one reminder sweep in this process: materialize, claim and send what is due."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agenda.models import Meeting
from reminders.delivery import SendOutcome
from reminders.sweep import reminders_sweep


def aware_datetime(value):
    """Parse an ISO date-time; one without an offset is taken as UTC."""
    moment = parse_datetime(value)
    if moment is None:
        raise CommandError(f"--now={value} is not an ISO date-time such as 2022-11-16T15:30Z.")
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


class Command(BaseCommand):
    help = (
        "Send the reminders that have come due, once each, without a Celery worker: one "
        "sweep (materialize, claim, send in this process), then print what it did."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Sweep as if it were this ISO date-time (UTC unless it has an offset).",
        )
        parser.add_argument("--meeting", help="Only the reminders of the meeting with this slug.")

    def handle(self, *args, now=None, meeting=None, **options):
        moment = aware_datetime(now) if now else timezone.now()
        only = None
        if meeting:
            only = Meeting.objects.filter(slug=meeting).first()
            if only is None:
                raise CommandError(f"No meeting has the slug {meeting!r}.")
        result = reminders_sweep(now=moment, meeting=only, in_process=True)
        sent = result.sent
        self.stdout.write(
            f"Reminders due at {moment.isoformat()}: {result.created} new, "
            f"{result.moved} moved, {result.cancelled} cancelled; {result.claimed} claimed "
            f"({result.reclaimed} left sending by a lost worker)."
        )
        self.stdout.write(
            f"Sent {sent[SendOutcome.SENT]}, failed {sent[SendOutcome.FAILED]}, "
            f"to retry at the next sweep {sent[SendOutcome.RELEASED]}, "
            f"cancelled as outdated {sent[SendOutcome.CANCELLED]}, "
            f"skipped {sent[SendOutcome.SKIPPED]}."
        )
