"""The browser tests' fixtures are defined once: one Playwright per test process.

A module outside ``tests/e2e`` that imports the session's ``browser`` fixture defines a
second one; the second Playwright then refuses to start ("Sync API inside the asyncio
loop") and every browser test after it errors.
"""

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.unit


def test_no_test_module_imports_the_browser_tests_conftest():
    importers = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("test_*.py")
        if path != Path(__file__).resolve()
        and "from tests.e2e.conftest import" in path.read_text(encoding="utf-8")
    ]
    assert importers == [], "move these modules into tests/e2e/, whose conftest they use"
