import argparse
import datetime
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from agenda.models import Meeting
from demo.ministerial import MINISTERIAL_SLUG
from demo.scale import scale_seed
from demo.seed import demo_seed
from live.models import RoomDisplay

DEFAULT_DEMO_PASSWORD = "cidi-demo-2022"


def meeting_date(value):
    """Read ``--date``: a calendar date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it YYYY-MM-DD, e.g. 2027-03-16."
        ) from None


class Command(BaseCommand):
    help = "Create or update the demo meeting of the concept note and its demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG=0 (demo accounts with a known password!).",
        )
        parser.add_argument(
            "--date",
            type=meeting_date,
            metavar="YYYY-MM-DD",
            help="Day of the demo meeting. By default the first Tuesday to Thursday at "
            "least three weeks ahead, so that registration is open and reminders come due.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Also create (or replace) the synthetic meeting scale-N for measurement: "
            "N speaker slots, N good practices, N offers and needs.",
        )

    def handle(self, *args, force=False, scale=None, date=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG=0: it creates accounts with a known "
                "password. Use --force if this really is a demonstration server."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        if isinstance(date, str):  # call_command(date="...") does not go through argparse
            date = meeting_date(date)
        meeting, accounts = demo_seed(password=password, date=date)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo meeting ready: /meetings/{meeting.slug}/ on {meeting.date:%A %Y-%m-%d}"
            )
        )
        self.stdout.write(f"Demo accounts (password: {password}):")
        for user in accounts:
            roles = ", ".join(user.groups.values_list("name", flat=True))
            self.stdout.write(f"  {user.email:<28} {roles}")
        # A room display for the demo projector, so the live console can be tried at once.
        display, _created = RoomDisplay.objects.get_or_create(
            meeting=meeting, label="Demo projector", revoked_at=None
        )
        self.stdout.write(f"Live console: /meetings/{meeting.slug}/console/ (moderator)")
        self.stdout.write(f"Room display: /room/{display.token}/")
        self.stdout.write(
            f"Inclusion figures: /secretariat/meetings/{meeting.slug}/inclusion/ (secretariat)"
        )
        self.stdout.write("Public API: /api/v1/docs/ (reference), /api/v1/schema/ (OpenAPI)")
        self.write_ministerial()
        if scale is not None:
            self.seed_scale(scale, password)

    def write_ministerial(self):
        """Say where the second demo is, with a room display for each of its rooms."""
        ministerial = Meeting.objects.filter(slug=MINISTERIAL_SLUG).first()
        if ministerial is None:
            return
        last = ministerial.last_day
        self.stdout.write(
            self.style.SUCCESS(
                f"Ministerial meeting (sessions, parallel rooms): /meetings/{ministerial.slug}/ "
                f"from {ministerial.date:%A %Y-%m-%d} to {last:%A %Y-%m-%d}"
            )
        )
        self.stdout.write(f"Its consoles, one per session: /meetings/{ministerial.slug}/console/")
        for session in ministerial.sessions.order_by("date", "start_time", "room"):
            display, _created = RoomDisplay.objects.get_or_create(
                meeting=ministerial, session=session, label=session.room, revoked_at=None
            )
            self.stdout.write(
                f"  {session.date:%a} {session.start_time:%H:%M} {session.room}: "
                f"/room/{display.token}/session/{session.pk}/"
            )

    def seed_scale(self, n, password):

        if n < 1:
            raise CommandError("--scale must be at least 1.")
        started = time.perf_counter()
        meeting, counts = scale_seed(n, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale meeting ready: /meetings/{meeting.slug}/ ({counts.slots} slots in "
                f"{counts.segments} parts, {counts.delegations} delegations with "
                f"{counts.members} members, {counts.practices} good practices, "
                f"{counts.cooperation_items} offers and needs; "
                f"{time.perf_counter() - started:.1f} s)"
            )
        )
