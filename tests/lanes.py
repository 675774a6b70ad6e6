"""Run the whole suite as two lanes side by side, one per core (``make test``).

The worker and browser tests spend most of their time waiting on real time (a clock that
ticks, a worker that starts, a page that polls); the unit and database tests keep a core
busy. Run together, each in its own pytest process on a test database of its own
(``CIDI_TEST_LANE``), they finish in about the time of the longer one. Each lane's output
is printed whole, the live one first; the exit status fails when either lane fails.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_TESTS_COLLECTED = 5
# (name, marker expression); the second runs in the background.
# The unit and database tests also share two processes (pytest-xdist), each on a database
# of its own: the CPU the other lane leaves while it waits is used.
LANES = (("fast", "unit or database", ["-n", "2"]), ("real", "worker or browser", []))


def lane_command(expression, options, extra):
    return [sys.executable, "-m", "pytest", "-m", expression, *options, *extra]


def main(extra):
    """Run both lanes; return the exit status for make."""
    (front_name, front_marks, front_options), (back_name, back_marks, back_options) = LANES
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as back_log:
        back = subprocess.Popen(
            lane_command(back_marks, back_options, extra),
            cwd=ROOT,
            env={**os.environ, "CIDI_TEST_LANE": back_name},
            stdout=back_log,
            stderr=subprocess.STDOUT,
        )
        print(f"Lane {front_name} ({front_marks}); lane {back_name} ({back_marks}) runs beside it")
        sys.stdout.flush()
        front = subprocess.call(
            lane_command(front_marks, front_options, extra),
            cwd=ROOT,
            env={**os.environ, "CIDI_TEST_LANE": front_name},
        )
        back_status = back.wait()
        back_log.seek(0)
        print(f"\nLane {back_name} ({back_marks}):")
        sys.stdout.write(back_log.read())
    statuses = [0 if status == NO_TESTS_COLLECTED else status for status in (front, back_status)]
    return max(statuses)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
