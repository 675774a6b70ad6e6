"""Tables become cards on a phone, with every action visible; on a desktop they stay tables.

At 390 px a ``table.table-cards`` shows each row as a card: the row's main cell as its
heading, every other cell under its column's name (the ``data-label`` the template
wrote, the same translated text as the header), every button and link inside the width
of the screen and at least 44 px high. Screenshots at both widths go to
``var/test/tables/``. Screen readers keep the table's rows and cells at every width (the
roles are in the markup, so a browser that drops table semantics for ``display: block``
keeps them).

One live-server test per account: the demo is seeded again after each one (the flush of
a live-server test empties it), so each account visits all its pages in a loop.
"""

import pprint
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from delegations.enums import DelegationStatus
from delegations.floor.services import floor_request_create
from delegations.models import Delegation
from outcomes.enums import CooperationKind, PracticeStatus
from reminders import sweep
from reminders.services import reminder_rules_default
from tests.delegations.factories import FocalPointInvitationFactory
from tests.delegations.floor_factories import DelegationMemberFactory, dialogue
from tests.e2e.test_agenda_editor import sign_in
from tests.outcomes.factories import CooperationItemFactory, GoodPracticeFactory
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots of every page at both widths, for people to look at.
SCREENS = Path(django_settings.BASE_DIR) / "var" / "test" / "tables"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# What the phone shows of each table, read in the page: sideways scroll, the boxes of
# the controls, and the label drawn before each cell.
MEASURE = """
() => {
  const tables = [...document.querySelectorAll("main table")].filter(
    (table) => !table.closest("[data-table-scrolls]"));
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    tables: tables.map((table) => ({
      caption: (table.caption && table.caption.textContent.trim()) || table.id,
      isCards: table.classList.contains("table-cards"),
      rows: table.tBodies.length ? table.tBodies[0].rows.length : 0,
      controls: [...table.querySelectorAll(
          "tbody a, tbody button, tbody select, tbody input:not([type=hidden])")]
        .map((el) => {
          const box = el.getBoundingClientRect();
          return {
            text: (el.textContent || el.value || el.name || "").trim().replace(/\\s+/g, " "),
            left: box.left, right: box.right, height: box.height, visible: visible(el),
          };
        }),
      cells: [...table.querySelectorAll("tbody > tr > td, tbody > tr > th")]
        .filter((cell) => cell.colSpan === 1)
        .map((cell) => ({
          text: cell.textContent.trim().replace(/\\s+/g, " ").slice(0, 40),
          label: cell.dataset.label,
          isHeading: cell.classList.contains("table-cards-heading")
            || cell.classList.contains("table-cards-visually-hidden"),
          drawn: getComputedStyle(cell, "::before").content,
          visible: visible(cell),
          right: cell.getBoundingClientRect().right,
        })),
    })),
  };
}
"""


def on_the_phone(page, url, shot):
    """Return the problems of ``url``'s tables at 390 px (an empty list when all is well)."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    found = page.evaluate(MEASURE)
    page.screenshot(path=SCREENS / f"{shot}-phone.png", full_page=True)
    problems = []
    if found["scrollWidth"] > PHONE["width"]:
        problems.append(f"scrolls sideways: {found['scrollWidth']} px")
    if not found["tables"]:
        problems.append("no table")
    for table in found["tables"]:
        name = table["caption"]
        if not table["isCards"]:
            problems.append(f"{name}: not a .table-cards")
        if not table["rows"]:
            problems.append(f"{name}: no row to look at")
        for control in table["controls"]:
            if not control["visible"]:
                problems.append(f"{name}: {control['text']!r} hidden")
            elif control["left"] < 0 or control["right"] > PHONE["width"]:
                problems.append(
                    f"{name}: {control['text']!r} at {control['left']:.0f}–{control['right']:.0f}"
                )
            elif control["height"] < 44:
                problems.append(f"{name}: {control['text']!r} {control['height']:.0f} px high")
        problems += [f"{name}: {problem}" for problem in cell_problems(table["cells"])]
    return problems


def cell_problems(cells):
    """Every cell is shown whole; every one but the card's heading under its label."""
    problems = []
    for cell in cells:
        if not cell["visible"] or cell["right"] > PHONE["width"]:
            problems.append(f"cell {cell['text']!r} hidden or cut")
        elif cell["isHeading"]:
            continue
        elif cell["label"] is None:
            problems.append(f"cell {cell['text']!r} has no data-label")
        elif cell["label"] and cell["label"] not in cell["drawn"]:
            problems.append(f"label {cell['label']!r} not shown ({cell['drawn']})")
    return problems


def on_a_desktop(page, url, shot):
    """Return the problems of ``url``'s card tables at 1366 px: they must still be tables."""
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    page.screenshot(path=SCREENS / f"{shot}-wide.png", full_page=True)
    displays = page.evaluate(
        """() => [...document.querySelectorAll("table.table-cards")].map((table) => [
             getComputedStyle(table).display,
             getComputedStyle(table.querySelector("thead")).display,
             getComputedStyle(table.querySelector("tbody tr")).display,
             getComputedStyle(table.querySelector("tbody td")).display,
             getComputedStyle(table.querySelector("tbody td"), "::before").content])"""
    )
    expected = ["table", "table-header-group", "table-row", "table-cell", "none"]
    return [f"at 1366 px: {shown}" for shown in displays if shown != expected]


def screen_reader_rows(page, url):
    """Return the accessibility tree's table roles of the page at 390 px."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    return page.locator("main table.table-cards").first.aria_snapshot()


def check(page, base, pages):
    SCREENS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, path in pages:
        url, shot = base + path, slugify(name)
        found = on_the_phone(page, url, shot) + on_a_desktop(page, url, shot)
        if found:
            problems[name] = found
    assert not problems, pprint.pformat(problems, width=100)


def focal_point_rows(meeting):
    """Panama with a member, a draft practice, an offer and a need; a floor request later."""
    panama = Delegation.objects.get(meeting=meeting, member_state__iso2="PA")
    if not panama.members.exists():
        DelegationMemberFactory(delegation=panama, full_name="Ana Pérez", order=1)
    DelegationMemberFactory(delegation=panama, full_name="Luis Gómez", order=2)
    GoodPracticeFactory(
        delegation=panama, status=PracticeStatus.DRAFT, published_at=None, title="Red de cuidados"
    )
    CooperationItemFactory(delegation=panama, title="Cash transfer registries")
    CooperationItemFactory(delegation=panama, kind=CooperationKind.NEED, title="Care census")
    return panama


def test_the_focal_points_tables_become_cards_on_a_phone(live_server, demo_meeting, page):
    panama = focal_point_rows(demo_meeting)
    sign_in(page, live_server.url, "focal.pa@example.org")
    pages = [
        ("registration (open)", reverse("delegations:registration", args=[panama.pk])),
        ("good practices", reverse("outcomes:practice_list_own", args=[panama.pk])),
        ("cooperation", reverse("outcomes:cooperation_own", args=[panama.pk])),
    ]
    check(page, live_server.url, pages)

    # Accredited, the delegation asks for the floor: its requests, with "Withdraw".
    Delegation.objects.filter(pk=panama.pk).update(status=DelegationStatus.ACCREDITED)
    floor_request_create(
        delegation=Delegation.objects.get(pk=panama.pk),
        segment=dialogue(demo_meeting),
        member=panama.members.first(),
        topic="Lessons of the care network",
    )
    check(page, live_server.url, [("registration (floor)", pages[0][1])])

    # A screen reader still finds a table of rows and cells on the phone.
    tree = screen_reader_rows(page, live_server.url + pages[1][1])
    assert "- table" in tree and "- row" in tree and "- cell" in tree, tree
    assert "- columnheader" in tree, tree
    expect(page.get_by_role("cell", name="Red de cuidados", exact=True)).to_have_count(1)
    # The label drawn before a cell has empty alternative text: it is not read twice.
    expect(page.get_by_role("cell", name="Draft", exact=True)).to_have_count(1)


def secretariat_rows(meeting):
    """Rows for every secretariat list: invitations, practices to review, floor, outbox."""
    panama = Delegation.objects.get(meeting=meeting, member_state__iso2="PA")
    FocalPointInvitationFactory(
        delegation=Delegation.objects.get(meeting=meeting, member_state__iso2="BB"),
        email="focal.bb@example.org",
        sent_at=timezone.now(),
    )
    GoodPracticeFactory(
        delegation=panama,
        status=PracticeStatus.SUBMITTED,
        published_at=None,
        submitted_at=timezone.now(),
    )
    offer = CooperationItemFactory(delegation=panama, title="Cash transfer registries")
    CooperationItemFactory(
        delegation=Delegation.objects.get(meeting=meeting, member_state__iso2="UY"),
        kind=CooperationKind.NEED,
        title="Registries for cash transfers",
        theme=offer.theme,
        instrument=offer.instrument,
    )
    Delegation.objects.filter(pk=panama.pk).update(status=DelegationStatus.ACCREDITED)
    member = DelegationMemberFactory(delegation=panama, full_name="Ana Pérez", order=9)
    floor_request_create(
        delegation=Delegation.objects.get(pk=panama.pk),
        segment=dialogue(meeting),
        member=member,
        topic="Care",
    )
    reminder_rules_default(meeting=meeting, now=RULES_MADE)
    sweep.reminders_materialize(now=DAY_BEFORE)


def test_the_secretariats_lists_become_cards_on_a_phone(live_server, demo_meeting, page):
    secretariat_rows(demo_meeting)
    sign_in(page, live_server.url, "secretariat@example.org")
    slug = [demo_meeting.slug]
    pages = [
        ("delegations", reverse("delegations:dashboard", args=slug)),
        ("floor", reverse("delegations:floor_list", args=slug)),
        ("invitations", reverse("delegations:invitations", args=slug)),
        ("bulk invitations", reverse("delegations:invite_bulk", args=slug)),
        ("practices to review", reverse("outcomes:review_list", args=slug)),
        ("cooperation matches", reverse("outcomes:cooperation_matches", args=slug)),
        ("accounts", reverse("accounts:list")),
        ("people", reverse("directory:person_list")),
        ("organizations", reverse("directory:organization_list")),
        ("outbox", reverse("reminders:outbox", args=slug)),
        ("reminder rules", reverse("reminders:reminder_rules", args=slug)),
        ("statements", reverse("meeting_statements", args=slug)),
        ("room displays", reverse("live:displays", args=slug)),
        ("meetings", reverse("agenda:editor_list")),
    ]
    check(page, live_server.url, pages)


# What a visitor sees of a public page at 390 px: sideways scroll, and every cell of
# every table not deliberately scrolled inside the width of the screen.
PUBLIC_MEASURE = """
() => ({
  scrollWidth: document.documentElement.scrollWidth,
  outside: [...document.querySelectorAll("main *")]
    .filter((el) => !el.closest("[data-table-scrolls]"))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map((el) => el.tagName + " " + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 30)),
})
"""


def test_the_meeting_page_fits_a_phone_in_every_language(live_server, demo_meeting, page):
    """The agenda's slots are cards at 390 px in all four languages; tables at 1366 px."""
    meeting = reverse("agenda:meeting_detail", args=[demo_meeting.slug])
    pages = [
        (f"meeting {language}", meeting if language == "en" else f"/{language}{meeting}")
        for language in ("en", "es", "fr", "pt")
    ]
    check(page, live_server.url, pages)

    # Each slot's card keeps its clock time as the heading, then speaker, representation
    # and minutes under their labels; the guiding questions follow the part's slots.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + pages[1][1])
    card = page.locator("main table.table-cards tbody tr").filter(has=page.locator("time")).first
    expect(card.locator("td").first).to_have_class("agenda-time table-cards-heading")
    labels = card.locator("td[data-label]").evaluate_all(
        "(cells) => cells.map((c) => c.dataset.label)"
    )
    assert labels == ["Orador", "En representación de", "Minutos"], labels
    expect(page.locator("main .question-list").first).to_be_visible()


def test_the_public_pages_do_not_scroll_sideways_on_a_phone(live_server, demo_meeting, page):
    """The compendium, a practice and the cooperation matrix (its own scroll) fit 390 px."""
    practice = GoodPracticeFactory(
        delegation=Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA"),
        status=PracticeStatus.PUBLISHED,
        title="Red nacional de cuidados con registro social de hogares interoperable",
    )
    SCREENS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, path in [
        ("compendium", reverse("outcomes:compendium")),
        ("practice", reverse("outcomes:practice_detail", args=[practice.pk])),
        ("practice es", "/es" + reverse("outcomes:practice_detail", args=[practice.pk])),
        ("matrix", reverse("outcomes:cooperation_matrix", args=[demo_meeting.slug])),
    ]:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        found = page.evaluate(PUBLIC_MEASURE)
        page.screenshot(path=SCREENS / f"public-{slugify(name)}-phone.png", full_page=True)
        if found["scrollWidth"] > PHONE["width"] or found["outside"]:
            problems[name] = found
    assert not problems, pprint.pformat(problems, width=100)
