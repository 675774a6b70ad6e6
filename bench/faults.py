"""Run the fault tests and print one result line per fault.

    .venv/bin/python bench/faults.py [extra pytest arguments]

Runs tests/faults (Redis stopped, worker killed mid-PDF and mid-email, database restart)
and, for the SMTP server refusing for a while, the existing end-to-end test in
tests/reminders/test_delivery.py, with ``pytest -v``; then prints PASS, FAIL, XFAIL
(a known bug, see the test's reason), SKIP or ERROR for each fault. Exits non-zero when
a fault test failed.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAULTS = [
    (
        "Redis stopped while a focal point submits a practice",
        "tests/faults/test_broker_down.py::test_redis_stopped_while_a_focal_point_submits_a_practice",
    ),
    (
        "Worker killed (-9) mid-PDF, next one renders it",
        "tests/faults/test_worker_killed.py::test_a_worker_killed_mid_pdf_has_the_pdf_rendered_by_the_next_one",
    ),
    (
        "Worker killed (-9) mid-email, new worker sends it once",
        "tests/faults/test_worker_killed.py::test_a_worker_killed_mid_email_has_it_sent_once_by_a_new_worker",
    ),
    (
        "SMTP server refusing for a while: retried, sent once",
        "tests/reminders/test_delivery.py::test_a_refusing_server_gets_the_reminder_once_when_it_accepts_again",
    ),
    (
        "Database restarting: 503 page, then recovery",
        "tests/faults/test_database_restart.py::test_requests_fail_cleanly_while_the_database_restarts_and_then_recover",
    ),
]
OUTCOME = re.compile(r"^(\S+::\S+) (PASSED|FAILED|XFAIL|XPASS|SKIPPED|ERROR)", re.MULTILINE)


def main():
    command = [
        sys.executable, "-m", "pytest", "-v", "-rsxX", "-p", "no:cacheprovider",
        *[node for _name, node in FAULTS], *sys.argv[1:],
    ]  # fmt: skip
    run = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True)
    outcomes = {}
    for node, outcome in OUTCOME.findall(run.stdout):
        outcomes.setdefault(node, outcome)
    failed = False
    print()
    for name, node in FAULTS:
        outcome = outcomes.get(node, "NOT RUN")
        failed |= outcome in {"FAILED", "ERROR", "XPASS", "NOT RUN"}
        print(f"{outcome:8} {name}  ({node.split('::')[0]})")
    if failed:
        print(run.stdout[-6000:], run.stderr[-2000:], sep="\n", file=sys.stderr)
    summary = run.stdout.strip().splitlines()[-1:] or [""]
    print(summary[0])
    return 1 if failed or run.returncode not in (0,) else 0


if __name__ == "__main__":
    sys.exit(main())
