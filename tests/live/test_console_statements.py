"""The console links the statements of the speaker at the microphone and of the next ones."""

import pytest

from live import services
from live.models import ClockAction, RoomDisplay
from speakers.models import SpeakerSlot
from tests.live.test_views import (
    JSON,
    add_slots,
    console_url,
    count_queries,
    display_state_url,
    state_url,
)
from tests.speakers.factories import StatementFactory, docx_bytes, stored_statement_file


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep the statements' files in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secretariat(demo_meeting):
    from accounts.models import User

    return User.objects.get(email="secretariat@example.org")


def demo_slot(meeting, iso2):
    return SpeakerSlot.objects.get(segment__meeting=meeting, representing_state__iso2=iso2)


def statement_url(statement):
    return f"/speakers/statements/{statement.pk}/"


def section(text, heading_id):
    start = text.index(f'aria-labelledby="{heading_id}"')
    return text[start : text.index("</section>", start)]


@pytest.fixture
def statements(demo_meeting):
    """Panama's PDF (the first speaker) and Barbados's Word statement (the second)."""
    panama = StatementFactory(slot=demo_slot(demo_meeting, "PA"), original_name="Panama.pdf")
    barbados = StatementFactory(
        slot=demo_slot(demo_meeting, "BB"),
        original_name="Barbados.docx",
        kind="docx",
        file=stored_statement_file(docx_bytes(), kind="docx"),
    )
    return panama, barbados


def test_console_links_the_current_and_the_next_speakers_statements(
    client, demo_meeting, secretariat, clock, statements
):
    panama, barbados = statements
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(secretariat)

    text = client.get(console_url(demo_meeting)).content.decode()

    current, upcoming = section(text, "current-heading"), section(text, "next-heading")
    assert f'<a class="text-reset" href="{statement_url(panama)}">Panama.pdf</a> (PDF)' in current
    assert f'<a href="{statement_url(barbados)}">Barbados.docx</a> (DOCX)' in upcoming
    assert upcoming.count("Statement:") == 1


def test_console_state_gives_the_statements_as_links(
    client, demo_meeting, secretariat, clock, statements
):
    panama, barbados = statements
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(secretariat)

    snapshot = client.get(state_url(demo_meeting), **JSON).json()

    assert snapshot["slot"]["statements"] == [
        {"name": "Panama.pdf", "kind": "PDF", "url": statement_url(panama)}
    ]
    assert [card["statements"] for card in snapshot["next"]] == [
        [{"name": "Barbados.docx", "kind": "DOCX", "url": statement_url(barbados)}],
        [],
    ]


def test_console_without_statements_shows_no_statement_line(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(secretariat)

    text = client.get(console_url(demo_meeting)).content.decode()

    assert "Statement:" not in text


def test_room_display_does_not_reveal_statements(client, demo_meeting, clock, statements):
    projector = RoomDisplay.objects.create(meeting=demo_meeting, label="Projector")
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)

    snapshot = client.get(display_state_url(projector.token)).json()

    assert snapshot["slot"]["speaker"]
    assert "statements" not in snapshot["slot"]


def test_console_state_runs_the_same_queries_with_statements_on_every_slot(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(secretariat)
    client.get(state_url(demo_meeting))
    without = count_queries(client, state_url(demo_meeting))
    slots = add_slots(demo_meeting, 20)
    for slot in [*SpeakerSlot.objects.filter(segment__meeting=demo_meeting)]:
        StatementFactory(slot=slot)

    with_statements = count_queries(client, state_url(demo_meeting))

    assert len(slots) == 20
    assert with_statements == without
