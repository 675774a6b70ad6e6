"""The moderator runs Panama's slot on the console while a room display follows it."""

import datetime
import re
import time

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
DEMO = "social-safety-nets"
CONSOLE = f"/meetings/{DEMO}/console/"


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
    return SpeakerSlot.objects.get(segment__meeting__slug=DEMO, representing_state__iso2="PA")


def barbados():
    return SpeakerSlot.objects.get(segment__meeting__slug=DEMO, representing_state__iso2="BB")


def test_display_follows_the_console_and_ending_records_actual_times(room, demo_meeting):
    console, screen = room
    expect(screen.get_by_test_id("display-phase")).to_have_text("Not started")
    planned_barbados = console.get_by_test_id(f"forecast-slot-{barbados().pk}").inner_text()
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
    expect(screen.get_by_test_id("display-paused")).to_have_text("Paused")
    expect(screen.get_by_test_id("display-paused")).to_be_visible()
    expect(screen.locator("#room-display")).to_have_class(re.compile(r"\bis-paused\b"))
    stopped_on_screen = screen.get_by_test_id("display-countdown").inner_text()
    stopped_on_console = console.get_by_test_id("countdown").inner_text()
    screen.wait_for_timeout(1500)
    assert screen.get_by_test_id("display-countdown").inner_text() == stopped_on_screen
    assert console.get_by_test_id("countdown").inner_text() == stopped_on_console
    assert stopped_on_screen == stopped_on_console

    console.keyboard.press("p")  # resume
    expect(screen.get_by_test_id("display-phase")).to_have_text("Speaking", timeout=WITHIN_A_SECOND)
    expect(screen.get_by_test_id("display-paused")).to_be_hidden()
    expect(screen.get_by_test_id("display-next")).to_have_text("Next: Barbados")
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
    forecast = console.get_by_test_id(f"forecast-slot-{barbados().pk}")
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
    # The clock times are redrawn when the minute turns: watch a window inside one minute.
    seconds = time.time() % 60
    if seconds > 50:
        console.wait_for_timeout((61 - seconds) * 1000)
    console.reload()
    expect(console.get_by_test_id("phase")).to_have_text("Not started")
    refreshes.clear()  # only the refreshes of the page just drawn
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

    # In the last minute the display asks the speaker to conclude.
    monkeypatch.setattr(
        "live.clock.now",
        lambda: timezone.now() + datetime.timedelta(minutes=6, seconds=20),
    )
    expect(screen.get_by_test_id("display-colour-label")).to_have_text(
        "Please conclude", timeout=2 * WITHIN_A_SECOND
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
    expect(countdown).to_have_text(re.compile(r"^\+0:3\d$"))  # the overrun, not 0:00
    held = panama()
    assert held.actual_seconds >= 7 * 60 + 30
    console.goto(console.url.replace("console/", "timekeeping/"))
    expect(console.get_by_test_id("overrun-speaking").first).to_have_text(re.compile(r"^\+0:3\d$"))
    expect(console.get_by_test_id("over-time-count")).to_have_text("1")


def test_a_revoked_display_says_so(room, demo_meeting):
    _console, screen = room
    RoomDisplay.objects.filter(meeting=demo_meeting).update(revoked_at=timezone.now())

    expect(screen.get_by_role("alert")).to_have_text(
        "This display link has been revoked. Ask the secretariat for a new one."
    )


def test_a_skipped_speaker_is_brought_back_with_go_to_and_speaks(room, demo_meeting):
    console, screen = room
    presses = []
    console.on(
        "request",
        lambda request: request.method == "POST" and presses.append(request.url),
    )
    console.get_by_role("button", name="Next").click()  # Panama is called
    expect(console.get_by_role("button", name="Skip")).to_be_enabled()
    console.get_by_role("button", name="Skip").click()  # and is absent
    expect(console.locator(f'tr[data-slot="{panama().pk}"]')).to_contain_text("Skipped")

    console.get_by_role("button", name="Go to Panama").click()

    expect(console.locator(f'tr[data-slot="{panama().pk}"]')).to_contain_text("Current")
    assert presses[-1].endswith("/console/go_to/")
    expect(console.get_by_test_id("refusal")).to_have_count(0)
    expect(console.locator("[data-field=offline]")).to_be_hidden()
    console.get_by_role("button", name="Start").click()
    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Panama", timeout=WITHIN_A_SECOND
    )
    expect(screen.get_by_test_id("display-phase")).to_have_text("Speaking")
    assert panama().actual_start is not None


def test_go_to_after_a_slot_ended_loads_that_speaker(room, demo_meeting):
    console, screen = room
    posts = []
    console.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    console.get_by_role("button", name="Start").click()
    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Panama", timeout=WITHIN_A_SECOND
    )
    console.get_by_role("button", name="End slot").click()
    expect(console.get_by_test_id("phase")).to_have_text("Ended")

    console.get_by_role("button", name="Go to Barbados").click()

    expect(console.locator(f'tr[data-slot="{barbados().pk}"]')).to_contain_text("Current")
    assert posts[-1].endswith("/console/go_to/")
    console.keyboard.press("s")
    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Barbados", timeout=WITHIN_A_SECOND
    )


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_after_end_with_the_mouse_space_does_not_start_the_next_speaker(room, demo_meeting):
    console, _screen = room
    console.get_by_role("button", name="Start").click()
    expect(console.get_by_test_id("phase")).to_have_text("Speaking")

    console.get_by_role("button", name="End slot").click()

    expect(console.get_by_test_id("phase")).to_have_text("Ended")
    expect(console.locator("#console-current")).to_be_focused()
    console.keyboard.press(" ")
    console.wait_for_timeout(1500)
    expect(console.get_by_test_id("phase")).to_have_text("Ended")
    assert barbados().actual_start is None


def test_the_console_keeps_the_focus_across_its_refreshes(room, demo_meeting):
    console, _screen = room
    console.locator("#console-next").focus()

    services.clock_press(meeting=demo_meeting, action=ClockAction.START)  # on another console

    expect(console.get_by_test_id("phase")).to_have_text("Speaking", timeout=2 * WITHIN_A_SECOND)
    console.wait_for_timeout(300)
    assert focused_id(console) == "console-next"
    assert console.evaluate("document.activeElement.isConnected")


def test_single_key_shortcuts_can_be_turned_off_and_stay_off(room, demo_meeting):
    console, _screen = room
    keys = console.get_by_role("switch", name="Single-key shortcuts")
    expect(keys).to_be_checked()

    keys.uncheck()
    console.locator("body").click(position={"x": 5, "y": 5})
    console.keyboard.press("s")
    console.wait_for_timeout(1500)
    expect(console.get_by_test_id("phase")).to_have_text("Not started")

    # Nothing announces or shows shortcuts that are off, after a redraw too.
    start = console.locator("#console-start")
    expect(start).not_to_have_attribute("aria-keyshortcuts", "S")
    expect(start.locator("kbd")).to_be_hidden()
    expect(console.get_by_text("Single-key shortcuts are off.")).to_be_visible()
    console.reload()
    expect(console.get_by_role("switch", name="Single-key shortcuts")).not_to_be_checked()
    expect(console.locator("#console-start")).not_to_have_attribute("aria-keyshortcuts", "S")
    console.keyboard.press("s")
    console.wait_for_timeout(1000)
    expect(console.get_by_test_id("phase")).to_have_text("Not started")

    console.get_by_role("switch", name="Single-key shortcuts").check()
    expect(console.locator("#console-start")).to_have_attribute("aria-keyshortcuts", "S")
    console.locator("body").click(position={"x": 5, "y": 5})
    console.keyboard.press("s")
    expect(console.get_by_test_id("phase")).to_have_text("Speaking")


def test_the_controls_fit_a_1366_by_768_screen_without_scrolling(
    browser, live_server, demo_meeting, tmp_path
):
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    console = context.new_page()
    console.set_default_timeout(15_000)
    sign_in(console, live_server.url, "moderator@example.org")
    slot = panama()
    slot.cue_notes = "Thank the Minister; remind the room of the two questions."
    slot.save()
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    console.goto(live_server.url + CONSOLE)

    heading = console.get_by_role("heading", level=1)
    expect(heading).to_have_attribute("title", demo_meeting.title)
    for name in ("Start", "Pause", "End slot", "Next"):
        box = console.get_by_role("button", name=name).bounding_box()
        assert box["y"] + box["height"] <= 768, name
    console.screenshot(path=tmp_path / "console-1366x768.png")  # to look at, when it fails
    context.close()


def test_a_press_made_while_the_panel_is_being_redrawn_is_not_lost(room, demo_meeting):
    """A press queued behind a refresh that redraws the panel still reaches the server.

    Before, htmx queued the press on the button, the refresh's answer replaced the
    button, and htmx dropped the queued request of a button no longer in the page.
    """
    console, screen = room
    console.get_by_role("button", name="Start").click()
    expect(screen.get_by_test_id("display-representing")).to_have_text(
        "Panama", timeout=WITHIN_A_SECOND
    )
    # Hold the next refresh on its way, while the clock moves on (a new revision): its
    # answer will redraw the whole panel.
    held = []
    console.route(
        re.compile(r".*/console/state/.*"),
        lambda route: route.continue_() if held else held.append(route),
    )
    while not held:
        console.wait_for_timeout(100)
    services.clock_press(meeting=demo_meeting, action=ClockAction.PAUSE)
    console.get_by_role("button", name="End slot").click()  # waits behind the refresh
    held[0].continue_()

    expect(console.get_by_test_id("phase")).to_have_text("Ended", timeout=3 * WITHIN_A_SECOND)
    assert panama().actual_end is not None


def test_the_display_fits_a_projector_screen_with_a_long_title_in_spanish(
    browser, live_server, demo_meeting
):
    """Barbados' long Spanish title wrapped to three lines and pushed the next speaker below
    a 1280 × 720 screen (787 px of page); a projector cannot scroll."""
    display = RoomDisplay.objects.create(meeting=demo_meeting, label="Projector")
    slot = barbados()
    person = slot.person
    person.full_name_es = (
        "Representante del Ministerio de Empoderamiento de las Personas y de Asuntos de las "
        "Personas Mayores y con Discapacidad"
    )
    person.save()
    services.clock_press(meeting=demo_meeting, action=ClockAction.GO_TO, slot_id=slot.pk)
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    services.clock_press(meeting=demo_meeting, action=ClockAction.PAUSE)
    context = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 720})
    screen = context.new_page()
    screen.goto(f"{live_server.url}/room/{display.token}/")

    expect(screen.get_by_test_id("display-paused")).to_be_visible()
    expect(screen.get_by_test_id("display-next")).to_be_in_viewport()
    assert screen.evaluate("document.documentElement.scrollHeight") <= 720
    context.close()


def test_go_to_from_the_running_order_shows_the_item_it_brought_up(room, demo_meeting):
    """Go to is pressed below the fold at 1366 × 768; the clock it loads was left above it."""
    console, _screen = room
    console.set_viewport_size({"width": 1366, "height": 768})
    go_to = console.get_by_role("button", name="Go to Barbados")
    console.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the running order
    expect(console.get_by_test_id("countdown")).not_to_be_in_viewport()
    go_to.click()

    expect(console.locator(f'tr[data-slot="{barbados().pk}"]')).to_contain_text("Current")
    expect(console.get_by_test_id("countdown")).to_be_in_viewport()


def test_the_charts_labels_are_whole_for_a_part_with_a_long_title(room, demo_meeting):
    """The dialogue's label ran past the chart's left edge ("ialogue with the…")."""
    console, _screen = room
    dialogue = demo_meeting.segments.get(accepts_floor_requests=True)
    for action in (ClockAction.GO_TO, ClockAction.START, ClockAction.END):
        services.clock_press(meeting=demo_meeting, action=action, target=f"part-{dialogue.pk}")

    console.goto(console.url.replace("console/", "timekeeping/"))

    labels = console.locator("svg.pva-chart text").filter(has_text="Dialogue")
    expect(labels).to_have_count(1)
    assert labels.evaluate("text => text.getBBox().x") >= 0
