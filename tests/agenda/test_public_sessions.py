"""The public meeting page of a meeting with sessions: by day and session, parallel rooms
side by side, each session on its own clock, served from the cache."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda import services
from agenda.models import MeetingSession
from speakers.models import SpeakerSlot
from tests.agenda.session_meeting import GROUP_LINK, MEETING_LINK, session_meeting
from tests.factories import MeetingFactory, SegmentFactory, SpeakerSlotFactory, UserFactory

pytestmark = pytest.mark.django_db


def read(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def agenda_of(page):
    start = page.rindex("<h2", 0, page.index('id="agenda-heading"'))
    return page[start : page.index("</section>\n\n", start)]


def headings(page):
    """Return ``(level, text)`` of the agenda's headings, in order, tags stripped."""
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", agenda_of(page), flags=re.S)
    return [(int(level), " ".join(re.sub(r"<[^>]+>", "", text).split())) for level, text in found]


def test_the_agenda_is_grouped_by_day_then_by_session(client):
    built = session_meeting()

    page = read(client, built.meeting)

    assert headings(page) == [
        (2, "Agenda"),
        (3, "Thursday, Nov. 17, 2022"),
        (4, "Opening plenary"),
        (5, "09:00–09:14 · Opening plenary part"),
        (3, "Friday, Nov. 18, 2022"),
        (4, "Second plenary"),
        (5, "09:30–09:44 · Second plenary part"),
        (4, "Working group 1"),
        (5, "14:00–14:14 · Working group 1 part"),
        (4, "Working group 2"),
        (5, "14:00–14:14 · Working group 2 part"),
    ]


def test_each_session_names_its_times_room_and_chair(client):
    built = session_meeting()

    page = read(client, built.meeting)

    opening = page[page.index(f'data-testid="session-{built.opening.pk}"') :]
    opening = opening[: opening.index("</section>")]
    assert ">09:00</time>–<time" in opening
    assert ">12:00</time></span>" in opening  # its own planned end
    assert "Room: Hall of the Americas" in opening
    assert "<strong>Chair:</strong> Ms. Ana Pérez, Chair of CIDI" in opening
    group_a = page[page.index(f'data-testid="session-{built.group_a.pk}"') :]
    # Without a planned end of its own, the session ends with its agenda.
    assert ">14:14</time></span>" in group_a[: group_a.index("</section>")]


def test_the_days_of_the_meeting_head_the_page(client):
    built = session_meeting()

    page = read(client, built.meeting)

    when = page[page.index('<dt class="col-sm-3">Date</dt>') : page.index("</dd>")]
    assert '<time datetime="2022-11-17">Nov. 17, 2022</time>' in when
    assert '<time datetime="2022-11-18">Nov. 18, 2022</time>' in when
    assert "4 sessions" in when
    assert '<a href="#day-2022-11-18">Friday</a>' in when


def test_parallel_sessions_stand_side_by_side_in_one_row(client):
    built = session_meeting()

    page = read(client, built.meeting)

    [row] = re.findall(
        r'<div class="agenda-sessions agenda-sessions-parallel" data-testid="parallel-sessions">'
        r"(.*?)</section>\s*</div>",
        page,
        flags=re.S,
    )
    columns = re.findall(r'data-testid="session-(\d+)"', row)
    assert columns == [str(built.group_a.pk), str(built.group_b.pk)]
    assert "Room: Room A" in row
    assert "Room: Room B" in row
    # The plenaries are rows of their own.
    assert page.count('class="agenda-sessions"') == 2


def test_the_side_by_side_columns_are_laid_out_from_the_lg_breakpoint():
    with open("static/css/portal.css", encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    rules = css[css.index("/* ===== Parallel sessions") : css.index("End of parallel sessions")]

    assert "grid-template-columns: minmax(0, 1fr);" in rules  # one column on a phone
    wide = rules[rules.index("@media (min-width: 992px)") :]
    assert "grid-auto-flow: column;" in wide
    assert "grid-auto-columns: minmax(0, 1fr);" in wide


def test_a_sessions_connection_link_is_for_signed_in_participants_only(client):
    built = session_meeting()

    anonymous = read(client, built.meeting)
    client.force_login(UserFactory())
    signed_in = read(client, built.meeting)
    client.logout()
    anonymous_again = read(client, built.meeting)

    assert GROUP_LINK not in anonymous
    assert GROUP_LINK not in anonymous_again
    assert f'<a href="{GROUP_LINK}" rel="noopener">' in signed_in
    # A session without a link of its own gives the meeting's.
    assert agenda_of(signed_in).count(f'<a href="{MEETING_LINK}" rel="noopener">') == 3


def test_each_session_follows_its_own_clock(client):
    built = session_meeting()
    slot = SpeakerSlot.objects.filter(segment__session=built.group_a).order_by("order").first()
    slot.actual_start = timezone.now()
    slot.save(update_fields=["actual_start"])

    page = read(client, built.meeting)

    assert f'data-testid="live-forecast-{built.group_a.pk}"' in page
    assert f'data-testid="live-forecast-{built.group_b.pk}"' not in page
    assert f'data-testid="live-slot-{slot.pk}"' in page
    other = SpeakerSlot.objects.filter(segment__session=built.group_b).first()
    assert f'data-testid="live-slot-{other.pk}"' not in page


def test_the_page_follows_a_session_edit_at_once(client):
    built = session_meeting()
    read(client, built.meeting)
    read(client, built.meeting)
    group = MeetingSession.objects.get(pk=built.group_b.pk)

    services.session_update(
        session=group,
        data={"title": "Working group on social protection", "room": "Room C"},
        expected_version=group.version,
    )

    page = read(client, built.meeting)
    assert "Working group on social protection" in page
    assert "Room: Room C" in page
    assert "Room: Room B" not in page


def test_a_meeting_without_sessions_keeps_its_page():
    meeting = MeetingFactory(venue="Simón Bolívar Room")
    SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting, title="Opening"))

    page = read(Client(), meeting)

    assert "agenda-session" not in page
    assert 'id="day-' not in page
    assert '<h3 class="h5 mb-0" id="segment-' in page


def one_sitting_meeting(slots):
    """A meeting without sessions with the same parts and slots as ``session_meeting``."""
    meeting = MeetingFactory()
    for order in range(1, 5):
        part = SegmentFactory(meeting=meeting, order=order)
        SpeakerSlotFactory.create_batch(slots, segment=part, speaking_minutes=5, qa_minutes=2)
    return meeting


def queries_of(client, meeting):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        read(client, meeting)
    return len(queries)


@pytest.mark.parametrize("slots", [1, 6])
def test_the_page_of_a_meeting_with_sessions_runs_a_fixed_number_of_queries(
    client, slots, django_assert_num_queries
):
    # The panels around the agenda belong to other apps: the page of a meeting without
    # sessions, read the same way, is the measure.
    plain = one_sitting_meeting(slots)
    plain_missed, plain_hit = queries_of(client, plain), queries_of(client, plain)
    built = session_meeting(slots=slots)

    # Missed: the agenda is read with its sessions, one query more.
    with django_assert_num_queries(plain_missed + 1):
        read(client, built.meeting)
    # Hit: the agenda comes from the cache, sessions and all.
    with django_assert_num_queries(plain_hit):
        read(client, built.meeting)
