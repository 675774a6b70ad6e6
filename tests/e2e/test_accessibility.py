"""axe-core checks the main pages against WCAG 2.2 AA in a real browser.

axe-core comes from npm (package.json) and is read from node_modules. It is run with
``page.evaluate`` rather than a ``<script>`` tag, which a Content-Security-Policy with
``script-src 'self'`` would block. A violation of impact "serious" or "critical" fails the
page's subtest; "moderate" and "minor" ones are allowed (set ``AXE_REPORT`` to a file name
to get every violation of every impact as JSON).

Each account signs in once and visits its pages, each page a subtest: a live-server test
empties the database afterwards, so one test per page would seed the demo eleven times.
"""

import functools
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.test_agenda_editor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
MEETING = "/meetings/social-safety-nets/"
EDITOR = "/secretariat/meetings/social-safety-nets/"


def panama(meeting):
    from delegations.models import Delegation

    return Delegation.objects.get(meeting=meeting, member_state__iso2="PA").pk


def room_display(meeting):
    from live.models import RoomDisplay

    return RoomDisplay.objects.create(meeting=meeting, label="Projector").token


def open_details(page):
    """Open every <details> (e.g. "Register a member") so that axe checks its form too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def open_slot_form(page):
    """The editor with its side panel showing a speaker slot's form (loaded by htmx)."""
    page.locator(".slot-item a[id$='-edit']").first.click()
    expect(page.locator("#editor-panel form")).to_be_visible()


# account signed in (None: a visitor) -> [(page, path from the demo meeting[, then])]
PAGES = {
    None: [
        ("home", lambda meeting: "/"),
        ("meeting", lambda meeting: MEETING),
        ("meeting in Spanish", lambda meeting: "/es" + MEETING),
        ("sign-in", lambda meeting: "/accounts/login/"),
        ("compendium", lambda meeting: "/practices/"),
        ("room display", lambda meeting: f"/room/{room_display(meeting)}/"),
    ],
    "focal.pa@example.org": [
        ("delegation registration", lambda m: f"/delegations/{panama(m)}/", open_details),
        ("good-practice form", lambda meeting: f"/delegations/{panama(meeting)}/practices/new/"),
    ],
    "secretariat@example.org": [
        ("agenda editor", lambda meeting: EDITOR),
        ("agenda editor, slot form", lambda meeting: EDITOR, open_slot_form),
        ("content languages", lambda meeting: EDITOR + "languages/"),
    ],
    "moderator@example.org": [
        ("live console", lambda meeting: MEETING + "console/"),
    ],
}


@functools.cache
def axe_source():
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page):
    """Run axe-core on the page as it stands; return its violations of every impact.

    Colours are measured at rest: a button still fading between its hover and normal
    colours (Bootstrap's transitions) would give a contrast no one reads.
    """
    page.evaluate(
        """() => {
          const still = document.createElement("style");
          still.textContent = "*, *::before, *::after { transition: none !important; "
            + "animation: none !important; }";
          document.head.append(still);
        }"""
    )
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return result["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({len(violation['nodes'])} element(s)) {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


def report(name, url, violations):
    """Append every violation to the file named by AXE_REPORT, for the README's summary."""
    if not os.environ.get("AXE_REPORT"):
        return
    with open(os.environ["AXE_REPORT"], "a", encoding="utf-8") as out:
        for violation in violations:
            nodes = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            row = {"page": name, "url": url, "id": violation["id"], "nodes": nodes}
            out.write(json.dumps({**row, "impact": violation["impact"]}) + "\n")


@pytest.mark.parametrize("account", list(PAGES), ids=lambda a: a or "visitor")
def test_main_pages_have_no_serious_wcag_22_aa_violation(
    live_server, demo_meeting, page, subtests, account
):
    if not AXE_JS.is_file():
        pytest.skip(f"needs axe-core at {AXE_JS} (run `npm ci`, as `make test` does)")
    if account:
        sign_in(page, live_server.url, account)
    for name, path_of, *then in PAGES[account]:
        with subtests.test(msg=name):
            response = page.goto(live_server.url + path_of(demo_meeting))
            assert response.ok, f"{name}: {response.status} at {page.url}"
            expect(page.locator("h1").first).to_be_attached()
            for step in then:
                step(page)
            violations = axe_violations(page)
            report(name, page.url, violations)
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            assert not blocking, f"WCAG 2.2 AA violations on {name}:\n{describe(blocking)}"


def focused_action(page):
    return page.evaluate("() => document.activeElement.dataset.action || null")


def test_the_console_controls_are_reached_by_tab_in_order_and_pressed_by_enter(
    live_server, demo_meeting, page
):
    sign_in(page, live_server.url, "moderator@example.org")
    page.goto(live_server.url + MEETING + "console/")
    pause = page.locator('.live-controls button[data-action="pause"]')
    expect(pause).to_be_disabled()

    for _ in range(40):  # past the skip link, the menu and the links to the controls
        page.keyboard.press("Tab")
        if focused_action(page) == "start":
            break
    assert focused_action(page) == "start", "Tab never reached the Start button"
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("countdown")).to_have_text(re.compile(r"^(7:00|6:5\d)$"))
    expect(pause).to_be_enabled()

    # Start is disabled once pressed: the focus moves on to the first enabled control,
    # then Tab goes through the controls in their visual order.
    enabled = [
        button.get_attribute("data-action")
        for button in page.locator(".live-controls button:enabled").all()
    ]
    assert enabled[0] == "pause", enabled
    expect(pause).to_be_focused()
    reached = [focused_action(page)]
    for _ in enabled[1:]:
        page.keyboard.press("Tab")
        reached.append(focused_action(page))
    assert reached == enabled

    page.keyboard.press("Shift+Tab")  # and back, one control at a time
    assert focused_action(page) == enabled[-2]
