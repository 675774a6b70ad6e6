"""The secretariat builds a two-day meeting with two working groups in parallel rooms in
the editor; then the two rooms' moderators run their first speakers at the same time.

The meeting has two days and its opening on the agenda. In the editor the secretariat
adds the two working groups on the first afternoon (rooms A and B) and a plenary on the
second morning, a part in each working group, a speaker in each part and a second
speaker in the first group; putting her into the second group at the same time as well
is refused, since nobody can speak in two rooms at once. Each room's console then
starts its own speaker, and each clock holds its own slot.
"""

import datetime

import pytest
from playwright.sync_api import expect

from agenda.enums import SegmentKind
from agenda.models import MeetingSession
from speakers.models import SpeakerSlot
from tests.e2e.test_agenda_editor import sign_in
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY_ONE = datetime.date(2022, 11, 17)
DAY_TWO = datetime.date(2022, 11, 18)
SLUG = "working-groups"


@pytest.fixture
def draft_meeting(demo_meeting):
    meeting = MeetingFactory(
        slug=SLUG,
        title="Ministerial meeting on social development",
        date=DAY_ONE,
        end_date=DAY_TWO,
        start_time=datetime.time(9, 0),
        venue="Hall of the Americas",
        status="published",
    )
    SegmentFactory(meeting=meeting, title="Opening", kind=SegmentKind.OPENING, allotted_minutes=30)
    PersonFactory(full_name="Rosa Quispe", protocol_title="Ms.")
    PersonFactory(full_name="Daniel Brathwaite", protocol_title="Mr.")
    PersonFactory(full_name="Ana Silva", protocol_title="Ms.")
    return meeting


def add_session(page, *, title, day, start, end, room):
    page.get_by_role("link", name="Add a session").first.click()
    panel = page.locator("#editor-panel")
    panel.locator("[name=title]").fill(title)
    panel.locator("[name=date]").fill(day.isoformat())
    panel.locator("[name=start_time]").fill(start)
    panel.locator("[name=end_time]").fill(end)
    panel.locator("[name=room]").fill(room)
    panel.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("heading", name=title, exact=False).first).to_be_visible()


def session_block(page, title):
    session = MeetingSession.objects.get(meeting__slug=SLUG, title=title)
    return page.locator(f"#session-{session.pk}")


def add_part(page, *, session_title, title):
    session_block(page, session_title).get_by_role("link", name="Add a part").click()
    panel = page.locator("#editor-panel")
    panel.locator("[name=title]").fill(title)
    panel.locator("[name=kind]").select_option(SegmentKind.TECHNICAL_PANEL)
    panel.locator("[name=save]").click()
    expect(session_block(page, session_title)).to_contain_text(title)


def add_speaker(page, *, part_title, person):
    part = page.locator("section.segment-card", has_text=part_title)
    part.get_by_role("link", name="Add a speaker slot").first.click()
    panel = page.locator("#editor-panel")
    panel.locator("[name=person]").select_option(label=person)
    panel.locator("[name=role]").select_option("panelist")
    panel.locator("[name=speaking_minutes]").fill("5")
    panel.locator("[name=qa_minutes]").fill("2")
    panel.get_by_role("button", name="Save slot").click()


def test_two_rooms_are_built_in_the_editor_and_run_at_the_same_time(
    live_server, draft_meeting, browser
):
    secretariat = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 1000})
    page = secretariat.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "secretariat@example.org")
    page.goto(f"{live_server.url}/secretariat/meetings/{SLUG}/")

    add_session(
        page, title="Working group 1", day=DAY_ONE, start="14:00", end="16:00", room="Room A"
    )
    add_session(
        page, title="Working group 2", day=DAY_ONE, start="14:00", end="16:00", room="Room B"
    )
    add_session(page, title="Second plenary", day=DAY_TWO, start="09:00", end="12:00", room="Hall")
    titles = list(
        MeetingSession.objects.filter(meeting__slug=SLUG)
        .order_by("date", "start_time", "room")
        .values_list("title", flat=True)
    )
    assert titles == ["First session", "Working group 1", "Working group 2", "Second plenary"]

    add_part(page, session_title="Working group 1", title="Social protection systems")
    add_part(page, session_title="Working group 2", title="Care economy")
    add_speaker(page, part_title="Social protection systems", person="Ms. Rosa Quispe")
    expect(session_block(page, "Working group 1")).to_contain_text("Rosa Quispe")
    expect(session_block(page, "Working group 1")).to_contain_text("14:00–14:07")
    add_speaker(page, part_title="Care economy", person="Mr. Daniel Brathwaite")
    expect(session_block(page, "Working group 2")).to_contain_text("Daniel Brathwaite")

    add_speaker(page, part_title="Social protection systems", person="Ms. Ana Silva")
    expect(session_block(page, "Working group 1")).to_contain_text("14:07–14:14")

    # Ms. Silva in room B at the time she speaks in room A: refused, and said why.
    add_speaker(page, part_title="Care economy", person="Ms. Ana Silva")
    expect(page.locator("#editor-panel")).to_contain_text(
        "Ms. Ana Silva would speak in two rooms at once"
    )
    assert SpeakerSlot.objects.filter(segment__meeting__slug=SLUG).count() == 3
    page.screenshot(path="var/test/sessions/editor-two-rooms-1366.png", full_page=True)
    secretariat.close()

    consoles = []
    for room in ("Working group 1", "Working group 2"):
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        console = context.new_page()
        console.set_default_timeout(15_000)
        sign_in(console, live_server.url, "moderator@example.org")
        console.goto(f"{live_server.url}/meetings/{SLUG}/console/")
        console.get_by_test_id("console-sessions").get_by_role("link", name=room).click()
        expect(console.get_by_test_id("console-session")).to_contain_text(room)
        consoles.append((context, console))

    for _context, console in consoles:
        console.get_by_role("button", name="Start").first.click()

    (_one, first), (_two, second) = consoles
    expect(first.get_by_test_id("phase")).to_have_text("Speaking")
    expect(second.get_by_test_id("phase")).to_have_text("Speaking")
    expect(first.locator(".live-speaker")).to_contain_text("Rosa Quispe")
    expect(second.locator(".live-speaker")).to_contain_text("Daniel Brathwaite")
    started = {
        name: actual_start is not None
        for name, actual_start in SpeakerSlot.objects.filter(
            segment__meeting__slug=SLUG
        ).values_list("person__full_name", "actual_start")
    }
    assert started == {"Rosa Quispe": True, "Daniel Brathwaite": True, "Ana Silva": False}
    second.screenshot(path="var/test/sessions/console-room-b-1280.png", full_page=True)
    for context, _console in consoles:
        context.close()
