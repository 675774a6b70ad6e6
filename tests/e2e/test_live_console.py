"""The moderator runs Panama's slot on the console while a room display follows it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from live import services
from live.models import ClockAction, RoomDisplay
from speakers.models import SpeakerSlot
from tests.e2e.test_agenda_editor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The display polls twice a second: a control press shows on it within a second.
WITHIN_A_SECOND = 1000
CONSOLE = "/meetings/social-safety-nets/console/"


@pytest.fixture
def room(browser, live_server, demo_meeting):
    """A signed-in moderator's console and a projector's display, in two browsers."""
    display = RoomDisplay.objects.create(meeting=demo_meeting, label="Projector")
    moderator = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    projector = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 720})
    console, screen = moderator.new_page(), projector.new_page()
    for page in (console, screen):
        page.set_default_timeout(15_000)
    sign_in(console, live_server.url, "moderator@example.org")
    console.goto(live_server.url + CONSOLE)
    screen.goto(f"{live_server.url}/room/{display.token}/")
    yield console, screen
    moderator.close()
    projector.close()


def panama():
    return SpeakerSlot.objects.get(representing_state__iso2="PA")


def barbados():
    return SpeakerSlot.objects.get(representing_state__iso2="BB")


def test_display_follows_the_console_and_ending_records_actual_times(room, demo_meeting):
    console, screen = room
    expect(screen.get_by_test_id("display-phase")).to_have_text("Not started")
    planned_barbados = console.get_by_test_id(f"forecast-{barbados().pk}").inner_text()
    assert planned_barbados == "10:07"

    console.get_by_role("button", name="Start").click()

    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Panama", timeout=WITHIN_A_SECOND
    )
    expect(screen.get_by_test_id("display-countdown")).to_have_text(
        re.compile(r"^(7:00|6:5\d)$"), timeout=WITHIN_A_SECOND
    )
    expect(screen.get_by_test_id("display-phase")).to_have_text("Speaking")
    expect(console.get_by_test_id("countdown")).to_have_text(re.compile(r"^(7:00|6:5\d)$"))

    console.keyboard.press("p")  # pause, by its shortcut

    expect(screen.get_by_test_id("display-phase")).to_have_text(
        "Speaking · paused", timeout=WITHIN_A_SECOND
    )
    stopped_on_screen = screen.get_by_test_id("display-countdown").inner_text()
    stopped_on_console = console.get_by_test_id("countdown").inner_text()
    screen.wait_for_timeout(1500)
    assert screen.get_by_test_id("display-countdown").inner_text() == stopped_on_screen
    assert console.get_by_test_id("countdown").inner_text() == stopped_on_console
    assert stopped_on_screen == stopped_on_console

    console.keyboard.press("p")  # resume
    expect(screen.get_by_test_id("display-phase")).to_have_text("Speaking", timeout=WITHIN_A_SECOND)
    console.get_by_role("button", name="End slot").click()
    expect(screen.get_by_test_id("display-phase")).to_have_text("Ended", timeout=WITHIN_A_SECOND)

    held = panama()
    assert held.actual_start is not None and held.actual_end is not None
    assert held.actual_end > held.actual_start
    assert held.paused_seconds >= 1
    assert held.delivered_at == held.actual_end
    # Barbados now follows Panama's actual end, not the planned 10:07 (or, if the clock
    # has since passed into the next minute, now: nothing still to come starts in the past).
    tz = demo_meeting.tzinfo
    expected = f"{held.actual_end.astimezone(tz):%H:%M}|{timezone.now().astimezone(tz):%H:%M}"
    forecast = console.get_by_test_id(f"forecast-{barbados().pk}")
    expect(forecast).to_have_text(re.compile(f"^({expected})$"))
    console.goto(console.url.replace(CONSOLE, "/meetings/social-safety-nets/"))
    expect(console.get_by_test_id(f"live-slot-{barbados().pk}")).to_have_text(
        re.compile(f"^forecast ({expected})")
    )


def test_the_console_follows_a_press_made_on_another_console(room, demo_meeting):
    console, _screen = room
    problems, refreshes = [], []
    console.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location["url"].endswith("/favicon.ico")  # none is served
            and problems.append(message.text)
        ),
    )
    console.on("pageerror", lambda error: problems.append(str(error)))
    console.on(
        "response",
        lambda response: "/console/state/" in response.url and refreshes.append(response.status),
    )
    console.reload()
    expect(console.get_by_test_id("phase")).to_have_text("Not started")
    console.wait_for_timeout(2500)
    assert refreshes and set(refreshes) == {204}  # nothing changed: nothing redrawn

    services.clock_press(meeting=demo_meeting, action=ClockAction.START)

    # The console asks every second; the answer is drawn at once.
    expect(console.get_by_test_id("phase")).to_have_text("Speaking", timeout=2 * WITHIN_A_SECOND)
    expect(console.get_by_role("button", name="Start")).to_be_disabled()
    expect(console.get_by_role("button", name="Pause")).to_be_enabled()
    expect(console.get_by_test_id("countdown")).to_have_text(re.compile(r"^(7:00|6:5\d)$"))
    assert 200 in refreshes
    assert problems == []  # no script refused by the Content-Security-Policy, no error


def test_an_overrun_turns_red_counts_up_and_is_recorded(room, demo_meeting, monkeypatch):
    console, screen = room
    console.keyboard.press("s")  # start, by its shortcut
    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Panama", timeout=WITHIN_A_SECOND
    )

    # The server's clock is the truth: move it 7 min 30 s on (the live server shares it).
    monkeypatch.setattr(
        "live.clock.now",
        lambda: timezone.now() + datetime.timedelta(minutes=7, seconds=30),
    )

    countdown = screen.get_by_test_id("display-countdown")
    expect(countdown).to_have_text(re.compile(r"^\+0:3\d$"), timeout=WITHIN_A_SECOND)
    expect(screen.locator("#room-display")).to_have_class(re.compile(r"\blive-over\b"))
    expect(screen.locator("#room-display")).to_contain_text("Over time")
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first)  # it keeps counting up
    expect(console.locator(".live-current")).to_have_class(re.compile(r"\blive-over\b"))

    console.get_by_role("button", name="End slot").click()
    expect(screen.get_by_test_id("display-phase")).to_have_text("Ended", timeout=WITHIN_A_SECOND)
    held = panama()
    assert held.actual_seconds >= 7 * 60 + 30
    console.goto(console.url.replace("console/", "timekeeping/"))
    expect(console.get_by_test_id("overrun").first).to_have_text(re.compile(r"^\+0:3\d$"))
    expect(console.get_by_test_id("over-time-count")).to_have_text("1")


def test_a_revoked_display_says_so(room, demo_meeting):
    _console, screen = room
    RoomDisplay.objects.filter(meeting=demo_meeting).update(revoked_at=timezone.now())

    expect(screen.get_by_role("alert")).to_have_text(
        "This display link has been revoked. Ask the secretariat for a new one."
    )
