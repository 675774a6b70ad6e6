"""The room's day: the moderator runs the whole demo meeting from the console.

A projector's display follows the console. The meeting starts at 10:00 (New York) on its
day; the room's clock is the server's, moved on where the test would otherwise wait
minutes. Before the meeting the secretariat accepted two requests for the floor in the
dialogue (Uruguay and Panama). The moderator: starts Panama, pauses and resumes, sees
"Please conclude" in the last minute; calls Barbados, who is absent (skip); hears Uruguay;
brings Barbados back with "Go to"; hears Mexico, whose questions run over; hears the
Dominican Republic and ECLAC; gives the floor in the dialogue to the two delegations;
ends the meeting. Then planned versus actual (English and Spanish, chart drawn) and the
scenario PDF, read back: every speaker, every question on its rows, the expected outcomes.
"""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from agenda import selectors
from delegations.floor import services as floor
from documents import services as documents
from live.models import RoomDisplay
from speakers.models import SpeakerSlot
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.delegations.floor_factories import delegation as accredited
from tests.e2e.test_agenda_editor import sign_in
from tests.live.room_time import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONSOLE = "/meetings/social-safety-nets/console/"
TIMEKEEPING = "/meetings/social-safety-nets/timekeeping/"
SOON = 2_000


class MeetingDay:
    """The room's clock: 10:00 on the meeting's day when the test begins, then real time.

    ``jump`` moves it on, as if the minutes had passed.
    """

    def __init__(self):
        self.began = timezone.now()
        self.offset = datetime.timedelta()

    def __call__(self):
        return at(10, 0) + (timezone.now() - self.began) + self.offset

    def jump(self, minutes=0, seconds=0):
        self.offset += datetime.timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def day(monkeypatch):
    clock = MeetingDay()
    monkeypatch.setattr("live.clock.now", clock)
    return clock


@pytest.fixture
def floor_speakers(demo_meeting):
    """Uruguay and then Panama, accepted to speak in the dialogue, 3 minutes each."""
    dialogue = demo_meeting.segments.get(accepts_floor_requests=True)
    accepted = []
    for iso2, name in (("UY", "Martina Ferreira"), ("PA", "Roberto Quintero")):
        delegation = accredited(demo_meeting, iso2)
        member = DelegationMemberFactory(delegation=delegation, full_name=name)
        request = floor.floor_request_create(
            delegation=delegation, segment=dialogue, member=member, topic="Cash transfers"
        )
        accepted.append(
            floor.floor_request_accept(
                floor_request=request, minutes=3, expected_version=request.version, user=None
            )
        )
    return accepted


@pytest.fixture
def room(browser, live_server, demo_meeting, day, floor_speakers):
    display = RoomDisplay.objects.create(meeting=demo_meeting, label="Projector")
    moderator = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
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


def control(console, name):
    """Return the console's button ``name`` (its shortcut key follows the name)."""
    return console.get_by_role("button", name=re.compile(rf"^{name}( \w)?$"))


def press(console, name):
    button = control(console, name)
    expect(button).to_be_enabled()
    button.click()


def end(console, screen):
    """End the slot and wait until both screens say so (the panel is redrawn)."""
    press(console, "End slot")
    phase(console, screen, "Ended")


def on_the_floor(screen, who):
    expect(screen.get_by_test_id("display-representing")).to_have_text(who, timeout=SOON)


def phase(console, screen, label):
    expect(console.get_by_test_id("phase")).to_have_text(label, timeout=SOON)
    expect(screen.get_by_test_id("display-phase")).to_have_text(label, timeout=SOON)


def test_the_moderator_runs_the_whole_meeting_to_its_end(  # noqa: PLR0915 (the day, in order)
    room, demo_meeting, day, floor_speakers, live_server
):
    console, screen = room
    console.set_default_timeout(15_000)
    expect(screen.get_by_test_id("display-next")).to_contain_text("Panama")
    # The console's controls are all on a 1366 × 768 screen.
    next_button = control(console, "Next")
    assert next_button.bounding_box()["y"] + next_button.bounding_box()["height"] <= 768

    # Panama: pause and resume, the last minute, the end.
    press(console, "Start")
    on_the_floor(screen, "Panama")
    expect(console.get_by_test_id("questions")).to_contain_text("challenges")
    press(console, "Pause")
    expect(screen.get_by_test_id("display-paused")).to_be_visible(timeout=SOON)
    press(console, "Resume")
    expect(screen.get_by_test_id("display-paused")).to_be_hidden(timeout=SOON)
    day.jump(minutes=6, seconds=20)
    expect(screen.get_by_test_id("display-colour-label")).to_have_text(
        "Please conclude", timeout=SOON
    )
    end(console, screen)

    # Barbados is called and is not in the room.
    press(console, "Next")
    on_the_floor(screen, "Barbados")
    press(console, "Skip")
    on_the_floor(screen, "Uruguay")

    # Uruguay speaks its seven minutes.
    press(console, "Start")
    phase(console, screen, "Speaking")
    day.jump(minutes=7)
    end(console, screen)

    # Barbados has arrived: brought back with "Go to", and heard.
    press(console, "Go to Barbados")
    on_the_floor(screen, "Barbados")
    press(console, "Start")
    phase(console, screen, "Speaking")
    day.jump(minutes=6, seconds=40)
    end(console, screen)

    # Mexico: five minutes, then questions that run over their two minutes.
    press(console, "Start")
    on_the_floor(screen, "Mexico")
    day.jump(minutes=5)
    press(console, "Questions")
    phase(console, screen, "Questions and answers")
    day.jump(minutes=2, seconds=16)
    expect(screen.get_by_test_id("display-colour-label")).to_have_text("Over time", timeout=SOON)
    expect(screen.locator("#room-display")).to_have_class(re.compile(r"\blive-over\b"))
    end(console, screen)
    expect(screen.get_by_test_id("display-countdown")).to_have_text(re.compile(r"^\+0:1\d$"))

    # The Dominican Republic and ECLAC, within their time.
    for who in ("Dominican Republic", "ECLAC"):
        press(console, "Start")
        on_the_floor(screen, who)
        day.jump(minutes=6)
        end(console, screen)

    # The dialogue: the Chair gives the floor to the two delegations on the list.
    expect(screen.get_by_test_id("display-next")).to_contain_text("Uruguay")
    for who in ("Uruguay", "Panama"):
        press(console, "Start")
        on_the_floor(screen, who)
        expect(console.locator(".live-facts").first).to_contain_text("Dialogue")
        day.jump(minutes=3)
        end(console, screen)

    # The closing: nothing is left to run.
    press(console, "Next")
    phase(console, screen, "All speakers heard")
    expect(control(console, "Start")).to_be_disabled()

    # Planned versus actual, in English: every item, Mexico's questions over their limit.
    console.goto(live_server.url + TIMEKEEPING)
    rows = console.locator("table.pva-table tbody tr")
    expect(rows).to_have_count(8)  # six slots and the two floor speakers
    mexico = rows.filter(has_text="Mexico")
    expect(mexico.get_by_test_id("overrun-questions")).to_have_text(re.compile(r"^\+0:1\d$"))
    assert bars_drawn(console) == 8
    # Every label of the chart is whole, inside the chart (none cut at its left edge).
    assert console.evaluate(
        "() => [...document.querySelectorAll('svg.pva-chart text')]"
        ".every(text => text.getBBox().x >= 0)"
    )

    # …and in Spanish: the same chart, drawn.
    console.goto(live_server.url + "/es" + TIMEKEEPING)
    expect(console.locator("html")).to_have_attribute("lang", "es")
    heading = console.get_by_role("heading", name=re.compile("Previsto frente a real"))
    expect(heading).to_be_visible()
    assert bars_drawn(console) == 8

    # The run of the room is on record.
    held = SpeakerSlot.objects.filter(segment__meeting=demo_meeting, actual_end__isnull=False)
    assert held.count() == 8
    agenda = selectors.meeting_get_for_agenda(slug=demo_meeting.slug, published_only=False)
    assert selectors.agenda_timing(agenda, now=day()).is_live

    # The scenario the Chair read from, read back.
    scenario_reads_every_speaker_question_and_outcome(demo_meeting)


def bars_drawn(page):
    """Return how many items have an actual bar drawn with a width in the chart."""
    return page.evaluate(
        """() => [...document.querySelectorAll('svg.pva-chart rect[height="10"]')]
              .filter(rect => rect.getBBox().width > 0 && rect.getAttribute('x') !== null)
              .map(rect => rect.getAttribute('y'))
              .filter((y, index, all) => all.indexOf(y) === index).length"""
    )


def scenario_reads_every_speaker_question_and_outcome(meeting):
    pdf, _version = documents.document_render_now(
        meeting=meeting, kind="run-of-show", language="en", paper="a4"
    )
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.data)).pages
    )
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(agenda)
    rows_of = {}
    for part in timing.segments:
        for slot_timing in part.slots:
            assert slot_timing.slot.person.display_name in text
            for question in selectors.questions_for_slot(
                slot=slot_timing.slot, segment_timing=part
            ):
                key = " ".join(question.text.split())[:50]
                rows_of[key] = rows_of.get(key, 0) + 1
    assert rows_of, "the demo has guiding questions"
    for question, rows in rows_of.items():
        # Each question is printed on every row it addresses.
        assert text.count(question) >= rows, question
    for outcome in meeting.expected_outcomes.all():
        assert " ".join(outcome.text.split())[:60] in text
