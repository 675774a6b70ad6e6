"""Load test on loopback: focal points registering delegations while the public reads.

    DATABASE_URL=postgres://... [REDIS_URL=redis://...] .venv/bin/python bench/load/run_load.py

Seeds a dedicated published meeting (slug ``load-test``, registration open, large quotas)
with one delegation and one focal point account per participating member state (topped
up with organizations to reach 35), starts gunicorn with production settings (``DEBUG=0``)
on a free loopback port, and a Celery worker when ``REDIS_URL`` is set, runs Locust
headless for a bounded time (35 focal points signing in, registering 3 members each and
uploading a credentials letter; 100 anonymous readers of the agenda and the home page),
then checks the database: every delegation has exactly the members its focal point
registered (none lost, none duplicated) and exactly one credentials letter. Prints a
summary (requests, failures, 5xx, p50/p95 per request type) and exits 1 on any server
error, failed request, lost or duplicated record; always stops the processes it started.

Rerunning is safe: the meeting's delegations, members and letters are recreated each time.
Options: ``--help``.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SLUG = "load-test"
PASSWORD = "load-test-focal-point-2024"  # noqa: S105 - a known password of seeded accounts
DELEGATIONS = 35


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=100, help="anonymous readers (100)")
    parser.add_argument(
        "--duration",
        type=int,
        default=300,
        help="upper bound of the load in seconds (300); it ends earlier, once every"
        " focal point is done and --min-duration has passed",
    )
    parser.add_argument("--min-duration", type=int, default=60, help="seconds (60)")
    parser.add_argument("--spawn-rate", type=float, default=20, help="users started a second")
    parser.add_argument(
        "--reader-wait",
        default="5,15",
        help="a reader's pause between two pages, min,max seconds (5,15)",
    )
    parser.add_argument("--members", type=int, default=3, help="members per delegation (3)")
    parser.add_argument(
        "--login-interval",
        type=float,
        default=2.2,
        help="seconds between two sign-ins (2.2: allauth allows 30 a minute per address)",
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    return parser.parse_args()


def member_names(code, count):
    """The fixed, distinct names a focal point registers (checked in the database)."""
    return [f"Load Member {index} of {code}" for index in range(1, count + 1)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir, port):
    """The environment of the portal's processes: production settings on loopback."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cidi_meeting.settings",
        DEBUG="0",
        DEMO_MODE="0",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        # No TLS on loopback. The Secure-only session and CSRF cookies have no setting:
        # the Locust client sends them over http (see locustfile.py).
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        # Kept between runs: collecting and compressing the static files takes minutes.
        STATIC_ROOT=str(static_root()),
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_FILE_PATH=str(workdir / "mail"),
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    env.pop("EMAIL_HOST", None)
    return env


def static_root():
    var = Path(os.environ.get("VAR_DIR", ROOT / "var"))
    return var / "load-static"


def collect_static():
    """Run collectstatic unless the static sources are unchanged since the last run."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    stamp = static_root() / ".load-fingerprint"
    fingerprint = digest.hexdigest()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    print("Collecting static files (first run only; takes a minute or two)")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(members_per_delegation):
    """Create the load meeting, its 35 delegations and focal points; return credentials."""
    import datetime

    from allauth.account.models import EmailAddress
    from allauth.core import ratelimit
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.test import RequestFactory
    from django.utils import timezone

    from accounts.enums import Role
    from accounts.models import User
    from accounts.services import roles_ensure
    from agenda.enums import MeetingStatus, SegmentKind
    from agenda.models import Meeting, Segment
    from delegations.enums import DelegationStatus
    from delegations.models import Delegation, MemberState, Organization

    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    roles_ensure()
    states = list(MemberState.objects.filter(participates=True).order_by("iso2"))
    organizations = list(Organization.objects.order_by("acronym")[: DELEGATIONS - len(states)])
    parties = [("state", state.iso2, state) for state in states[:DELEGATIONS]] + [
        ("org", org.acronym, org) for org in organizations
    ]
    if len(parties) < DELEGATIONS:
        sys.exit(f"Only {len(parties)} member states and organizations; need {DELEGATIONS}.")
    seats = max(10, members_per_delegation)
    now = timezone.now()
    focal_group = Group.objects.get(name=Role.FOCAL_POINT)
    credentials = []
    with transaction.atomic():
        meeting, _created = Meeting.objects.update_or_create(
            slug=SLUG,
            defaults={
                "title": "Load test: CIDI dialogue (seeded by bench/load/run_load.py)",
                "date": (now + datetime.timedelta(days=30)).date(),
                "start_time": datetime.time(10, 0),
                "time_zone": "America/New_York",
                "venue": "OAS headquarters, Washington, D.C.",
                "status": MeetingStatus.PUBLISHED,
                "purpose": "A meeting that only the load test uses.",
                "registration_deadline": now + datetime.timedelta(days=7),
                "quota_member_state": seats,
                "quota_observer": seats,
                "quota_organization": seats,
            },
        )
        for order, (title, kind, minutes) in enumerate(
            [
                ("Opening", SegmentKind.OPENING, 10),
                ("High-level remarks", SegmentKind.HIGH_LEVEL, 30),
                ("Dialogue with the delegations", SegmentKind.DELEGATIONS_DIALOGUE, 45),
                ("Closing", SegmentKind.CLOSING, 10),
            ],
            start=1,
        ):
            Segment.objects.update_or_create(
                meeting=meeting,
                order=order,
                defaults={"title": title, "kind": kind, "allotted_minutes": minutes},
            )
        # Each run starts from empty registrations (members and letters go with them).
        Delegation.objects.filter(meeting=meeting).delete()
        for kind, code, party in parties:
            email = f"load.focal.{code.lower()}@example.org"
            user, _created = User.objects.get_or_create(email=email)
            user.full_name = f"Load focal point {code}"
            user.preferred_language = "en"
            user.is_active = True
            user.set_password(PASSWORD)
            user.save()
            user.groups.set([focal_group])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            delegation = Delegation.objects.create(
                meeting=meeting,
                member_state=party if kind == "state" else None,
                organization=party if kind == "org" else None,
                focal_point=user,
                status=DelegationStatus.INVITED,
                quota=seats,
            )
            credentials.append(
                {"email": email, "password": PASSWORD, "iso": code, "delegation": delegation.pk}
            )
    # Forget sign-ins counted by an earlier run from 127.0.0.1 (allauth's rate limit).
    ratelimit.clear(RequestFactory().post("/", REMOTE_ADDR="127.0.0.1"), action="login")
    return meeting, credentials


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def stop(processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def read_stats(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def check_database(meeting, credentials, members):
    """Return (lost, duplicated, letter problems, lines) comparing DB with what was sent."""
    from django.db.models import Count

    from delegations.models import Delegation

    delegations = {
        d.pk: d
        for d in Delegation.objects.filter(meeting=meeting)
        .prefetch_related("members")
        .annotate(letter_count=Count("credentials_letters", distinct=True))
    }
    lost = duplicated = extra = letters_wrong = 0
    lines = []
    for account in credentials:
        delegation = delegations[account["delegation"]]
        names = [member.full_name for member in delegation.members.all()]
        expected = member_names(account["iso"], members)
        missing = [name for name in expected if name not in names]
        doubled = sum(names.count(name) - 1 for name in set(names) if names.count(name) > 1)
        unexpected = [name for name in names if name not in expected]
        orders = sorted(member.order for member in delegation.members.all())
        lost += len(missing)
        duplicated += doubled
        extra += len(unexpected)
        if delegation.letter_count != 1:
            letters_wrong += 1
        if missing or doubled or unexpected or delegation.letter_count != 1:
            lines.append(f"  {account['iso']}: members {names}, letters {delegation.letter_count}")
        elif orders != list(range(1, len(names) + 1)):
            lines.append(f"  {account['iso']}: protocol order {orders} is not 1..{len(names)}")
            extra += 1
    return lost, duplicated + extra, letters_wrong, lines


def main():
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        print("run_load.py needs DATABASE_URL=postgres://... (PostgreSQL); refusing to run.")
        return 2
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="cidi-load-"))
    env = production_env(workdir, port)
    setup_django(env)
    print(f"Seeding meeting '{SLUG}' and {DELEGATIONS} focal points (work files: {workdir})")
    meeting, credentials = seed(args.members)
    from django.db import connections

    connections.close_all()
    credentials_file = workdir / "credentials.json"
    credentials_file.write_text(json.dumps(credentials), encoding="utf-8")
    result_file = workdir / "result.json"
    host = f"http://127.0.0.1:{port}"
    processes = []

    def on_signal(signum, frame):
        stop(processes)
        sys.exit(130)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    gunicorn_log = workdir / "gunicorn.log"
    try:
        with open(gunicorn_log, "w") as log:
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "cidi_meeting.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(args.workers),
                        "--timeout",
                        "60",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        if env.get("REDIS_URL"):
            with open(workdir / "celery.log", "w") as log:
                processes.append(
                    subprocess.Popen(
                        [
                            str(BIN / "celery"),
                            "-A",
                            "cidi_meeting",
                            "worker",
                            "--loglevel=WARNING",
                            "--concurrency=2",
                            f"--hostname=load-{port}@%h",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        if not wait_until_up(host + "/", processes[0]):
            print(f"gunicorn did not answer on {host}; see {gunicorn_log}")
            return 1
        users = DELEGATIONS + args.readers
        print(
            f"gunicorn on {host} ({args.workers} workers); Locust: {DELEGATIONS} focal points"
            f" + {args.readers} readers, {args.min_duration}-{args.duration} s"
        )
        locust_env = dict(
            env,
            LOAD_CREDENTIALS=str(credentials_file),
            LOAD_RESULT=str(result_file),
            LOAD_SLUG=SLUG,
            LOAD_MEMBERS=str(args.members),
            LOAD_LOGIN_INTERVAL=str(args.login_interval),
            LOAD_READER_WAIT=args.reader_wait,
            LOAD_MIN_SECONDS=str(args.min_duration),
            PYTHONPATH=str(ROOT),
        )
        with open(workdir / "locust.log", "w") as log:
            subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(Path(__file__).with_name("locustfile.py")),
                    "--headless",
                    "--host",
                    host,
                    "-u",
                    str(users),
                    "-r",
                    str(args.spawn_rate),
                    "-t",
                    f"{args.duration}s",
                    "--stop-timeout",
                    "10",
                    "--csv",
                    str(workdir / "stats"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=locust_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
    finally:
        stop(processes)

    return report(
        args,
        workdir,
        result_file=result_file,
        gunicorn_log=gunicorn_log,
        meeting=meeting,
        credentials=credentials,
    )


def report(args, workdir, *, result_file, gunicorn_log, meeting, credentials):
    stats = read_stats(workdir / "stats_stats.csv")
    result = (
        json.loads(result_file.read_text(encoding="utf-8"))
        if result_file.exists()
        else {"outcomes": {}, "server_errors": [["-", "locust wrote no result", "-"]]}
    )
    server_errors = result["server_errors"]
    logged_errors = sum(
        "ERROR django.request" in line or "Traceback" in line
        for line in gunicorn_log.read_text(encoding="utf-8", errors="replace").splitlines()
    )
    lost, duplicated, letters_wrong, lines = check_database(meeting, credentials, args.members)
    outcomes = result["outcomes"]
    incomplete = [
        email
        for email in (account["email"] for account in credentials)
        if email not in outcomes
        or len(outcomes[email]["members"]) != args.members
        or not outcomes[email]["letter"]
    ]

    print()
    print(f"{'Request':<42} {'count':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "All requests"
        label = f"{row['Type']} {name}".strip()
        print(
            f"{label[:42]:<42} {row['Request Count']:>7} {row['Failure Count']:>5}"
            f" {row['50%']:>7} {row['95%']:>7} {float(row['Max Response Time']):>7.0f}"
        )
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    requests = int(total["Request Count"]) if total else 0
    failures = int(total["Failure Count"]) if total else 0
    print()
    print(
        f"Requests: {requests}, failed: {failures},"
        f" throughput {float(total['Requests/s']):.1f} req/s"
    )
    print(
        f"Server errors (5xx or no answer): {len(server_errors)};"
        f" errors in the gunicorn log: {logged_errors}"
    )
    for error in server_errors[:10]:
        print(f"  {error}")
    print(
        f"Focal points done: {len(credentials) - len(incomplete)} of {len(credentials)}"
        f" ({args.members} members and one letter each)"
    )
    registered = sum(len(outcome["members"]) for outcome in outcomes.values())
    print(
        f"Database: {registered} registrations acknowledged; lost {lost},"
        f" duplicated or unexpected {duplicated}; delegations without exactly one"
        f" letter: {letters_wrong}"
    )
    for line in lines[:20]:
        print(line)
    if failures:
        failures_csv = workdir / "stats_failures.csv"
        for row in read_stats(failures_csv)[:10]:
            print(f"  failure: {row['Method']} {row['Name']}: {row['Error']} x{row['Occurrences']}")
    ok = (
        not (server_errors or logged_errors or failures or lost or duplicated or letters_wrong)
        and not incomplete
    )
    print(f"Result: {'PASS' if ok else 'FAIL'} (logs and CSV in {workdir})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
