"""The agenda editor's sessions: added, edited, deleted, and parts and slots moved
between them, through the secretariat's pages (htmx answers and plain forms)."""

import datetime
import re

import pytest

from agenda import services
from agenda.models import Meeting, MeetingSession, Segment
from cidi_meeting.ordering import DOWN, UP
from speakers.models import SpeakerSlot
from tests.agenda.test_editor import HTMX, editor_url, meeting_form_data
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    meeting_with_parts,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2022, 11, 17)
DAY_TWO = datetime.date(2022, 11, 18)


@pytest.fixture
def secretariat_client(client):
    client.force_login(secretariat_user())
    return client


def at(hours, minutes=0):
    return datetime.time(hours, minutes)


def session_form_data(**changes):
    data = {
        "title": "Day two",
        "date": DAY_TWO.isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "room": "Hall of the Americas",
        "chair": "",
        "connection_link": "",
        "version": "",
    }
    data.update(changes)
    return data


def add_session(meeting, title, *, date=DAY_ONE, start=None, end=None, room="Room A"):
    return MeetingSession.objects.create(
        meeting=meeting,
        title=title,
        date=date,
        start_time=start or at(9),
        end_time=end,
        room=room,
    )


def two_sessions(**meeting_fields):
    """A meeting of two days, a session a day in Room A, a part of two 7-minute slots each."""
    meeting = MeetingFactory(
        date=DAY_ONE, end_date=DAY_TWO, start_time=at(9), status="draft", **meeting_fields
    )
    first = add_session(meeting, "Day one", end=at(12))
    second = add_session(meeting, "Day two", date=DAY_TWO, end=at(12))
    for sitting in (first, second):
        segment = SegmentFactory(meeting=meeting, session=sitting)
        SpeakerSlotFactory.create_batch(2, segment=segment, speaking_minutes=7, qa_minutes=0)
    meeting.refresh_from_db()
    return meeting, first, second


def session_titles(meeting):
    return list(
        MeetingSession.objects.filter(meeting=meeting)
        .order_by("date", "start_time")
        .values_list("title", flat=True)
    )


def part_of(sitting):
    return Segment.objects.get(session=sitting)


def slot_ids(segment):
    return list(
        SpeakerSlot.objects.filter(segment=segment).order_by("order").values_list("pk", flat=True)
    )


def refusal_in(page):
    found = re.search(r'data-testid="editor-refusal">([^<]*)<', page)
    return found.group(1) if found else None


# Adding ---------------------------------------------------------------------------------


def test_the_first_session_turns_the_meetings_sitting_into_first_session(secretariat_client):
    meeting = meeting_with_parts(
        [7, 7], [5], end_time=at(12), end_date=DAY_TWO, venue="Simón Bolívar Room"
    )

    response = secretariat_client.post(
        editor_url(meeting, "sessions/new/"), session_form_data(), **HTMX
    )

    page = response.content.decode()
    first, added = MeetingSession.objects.filter(meeting=meeting).order_by("date")
    assert response.status_code == 200
    assert [(s.title, s.date, s.start_time, s.end_time, s.room) for s in (first, added)] == [
        ("First session", DAY_ONE, at(10), at(12), "Simón Bolívar Room"),
        ("Day two", DAY_TWO, at(9), at(12), "Hall of the Americas"),
    ]
    assert set(Segment.objects.filter(meeting=meeting).values_list("session", flat=True)) == {
        first.pk
    }
    assert 'id="agenda-editor" hx-swap-oob="true"' in page
    assert f'id="session-{first.pk}"' in page
    assert f'id="session-{added.pk}"' in page
    assert "Session added." in page
    assert Meeting.objects.get(pk=meeting.pk).session_count == 2


def test_the_first_session_form_says_what_happens_to_the_meetings_sitting(
    secretariat_client,
):
    meeting = meeting_with_parts([7])

    page = secretariat_client.get(editor_url(meeting, "sessions/new/"), **HTMX).content.decode()

    assert "becomes the session “First session”" in page


def test_a_session_on_a_date_outside_the_meeting_is_refused_with_the_typed_values_kept(
    secretariat_client,
):
    meeting = meeting_with_parts([7], end_date=DAY_TWO)

    response = secretariat_client.post(
        editor_url(meeting, "sessions/new/"),
        session_form_data(title="Typed title", date="2022-11-25", room="Typed room"),
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "The meeting runs from Nov. 17, 2022 to Nov. 18, 2022: choose a day in between, or "
        "change the meeting&#x27;s days first." in page
    )
    assert 'value="Typed title"' in page
    assert 'value="Typed room"' in page
    assert 'value="2022-11-25"' in page
    assert MeetingSession.objects.filter(meeting=meeting).count() == 0


def test_a_session_overlapping_another_in_the_same_room_is_refused_and_nothing_saved(
    secretariat_client,
):
    meeting, _first, _second = two_sessions()
    before = list(MeetingSession.objects.filter(meeting=meeting).values_list("pk", "version"))

    response = secretariat_client.post(
        editor_url(meeting, "sessions/new/"),
        session_form_data(
            title="Press briefing", date=DAY_ONE.isoformat(), start_time="11:00", room="Room A"
        ),
        **HTMX,
    )

    page = response.content.decode()
    assert (
        "The session “Day one” would run until 12:00, into the session “Press briefing”, "
        "which starts at 11:00 on Nov. 17, 2022 in the same room (Room A)." in page
    )
    assert 'value="Press briefing"' in page
    assert (
        list(MeetingSession.objects.filter(meeting=meeting).values_list("pk", "version")) == before
    )


def test_a_first_session_overlapping_the_meetings_sitting_leaves_the_meeting_as_it_was(
    secretariat_client,
):
    meeting = meeting_with_parts([60, 60], venue="Room A")

    response = secretariat_client.post(
        editor_url(meeting, "sessions/new/"),
        session_form_data(date=DAY_ONE.isoformat(), start_time="11:00", room="Room A"),
        **HTMX,
    )

    assert "into the session “Day two”" in response.content.decode()
    assert MeetingSession.objects.filter(meeting=meeting).count() == 0
    assert Meeting.objects.get(pk=meeting.pk).session_count == 0
    assert set(Segment.objects.filter(meeting=meeting).values_list("session", flat=True)) == {None}


def test_a_parallel_session_in_another_room_is_added(secretariat_client):
    meeting, _first, _second = two_sessions()

    secretariat_client.post(
        editor_url(meeting, "sessions/new/"),
        session_form_data(
            title="Working group 2", date=DAY_ONE.isoformat(), start_time="09:00", room="Room B"
        ),
        **HTMX,
    )

    assert session_titles(meeting) == ["Day one", "Working group 2", "Day two"]


# Editing and deleting -------------------------------------------------------------------


def test_a_session_is_edited_and_the_whole_agenda_answers(secretariat_client):
    meeting, _first, second = two_sessions()
    chair = PersonFactory(full_name="Ana Pérez")

    response = secretariat_client.post(
        editor_url(meeting, f"sessions/{second.pk}/"),
        session_form_data(
            title="Ministerial segment",
            start_time="10:30",
            room="Room B",
            chair=chair.pk,
            connection_link="meet.example.org/remdes",
            version=second.version,
        ),
        **HTMX,
    )

    page = response.content.decode()
    second.refresh_from_db()
    assert (second.title, second.start_time, second.room, second.chair, second.connection_link) == (
        "Ministerial segment",
        at(10, 30),
        "Room B",
        chair,
        "https://meet.example.org/remdes",
    )
    assert 'id="agenda-editor" hx-swap-oob="true"' in page
    assert "Ministerial segment" in page
    assert f"Chair: {chair.display_name}" in page


def test_a_stale_session_form_is_refused_with_the_typed_values_kept(secretariat_client):
    meeting, _first, second = two_sessions()
    stale = second.version
    services.session_update(session=second, data={"room": "Room C"}, expected_version=stale)

    response = secretariat_client.post(
        editor_url(meeting, f"sessions/{second.pk}/"),
        session_form_data(title="My title", room="Room D", version=stale),
        **HTMX,
    )

    page = response.content.decode()
    assert "Someone else saved this after you opened it." in page
    assert "room: “Room A” became “Room C”" in page
    assert 'value="My title"' in page
    assert 'value="Room D"' in page
    assert MeetingSession.objects.get(pk=second.pk).room == "Room C"


def test_deleting_a_session_with_parts_is_refused_with_a_message(secretariat_client):
    meeting, _first, second = two_sessions()

    response = secretariat_client.post(editor_url(meeting, f"sessions/{second.pk}/delete/"), **HTMX)

    page = response.content.decode()
    assert refusal_in(page) == (
        "The session “Day two” still has 1 part: move it to another session or delete it first."
    )
    assert 'id="agenda-editor" hx-swap-oob="true"' in page
    assert MeetingSession.objects.filter(pk=second.pk).exists()


def test_deleting_a_session_without_javascript_tells_why_it_was_refused(secretariat_client):
    meeting, _first, second = two_sessions()

    response = secretariat_client.post(
        editor_url(meeting, f"sessions/{second.pk}/delete/"), follow=True
    )

    assert response.redirect_chain == [(editor_url(meeting), 302)]
    assert "still has 1 part" in response.content.decode()


def test_deleting_an_empty_session(secretariat_client):
    meeting, _first, _second = two_sessions()
    empty = add_session(meeting, "Spare", date=DAY_TWO, start=at(15))

    response = secretariat_client.post(editor_url(meeting, f"sessions/{empty.pk}/delete/"), **HTMX)

    page = response.content.decode()
    assert refusal_in(page) is None
    assert "Session “Spare” deleted." in page
    assert session_titles(meeting) == ["Day one", "Day two"]


def test_a_session_of_another_meeting_is_not_found(secretariat_client):
    meeting, _first, _second = two_sessions()
    _other, other_first, _other_second = two_sessions()

    assert (
        secretariat_client.get(editor_url(meeting, f"sessions/{other_first.pk}/")).status_code
        == 404
    )
    response = secretariat_client.post(editor_url(meeting, f"sessions/{other_first.pk}/delete/"))
    assert response.status_code == 404


# Parts ----------------------------------------------------------------------------------


def segment_form_data(segment, **changes):
    data = {
        "title": segment.title,
        "kind": segment.kind,
        "lead": "",
        "lead_role": segment.lead_role,
        "allotted_minutes": segment.allotted_minutes or "",
        "buffer_minutes": segment.buffer_minutes,
        "floor_minutes": segment.floor_minutes,
        "description": "",
        "opening_words": "",
        "late_note": "",
        "version": segment.version,
    }
    data.update(changes)
    return data


def test_a_part_is_moved_to_another_session_and_comes_last_there(secretariat_client):
    meeting, first, second = two_sessions()
    moving, staying = part_of(first), part_of(second)

    response = secretariat_client.post(
        editor_url(meeting, f"parts/{moving.pk}/"),
        segment_form_data(moving, session=second.pk),
        **HTMX,
    )

    moving.refresh_from_db()
    assert moving.session == second
    assert list(
        Segment.objects.filter(session=second).order_by("order").values_list("pk", flat=True)
    ) == [staying.pk, moving.pk]
    assert 'id="agenda-editor" hx-swap-oob="true"' in response.content.decode()


def test_the_part_form_offers_sessions_only_when_the_meeting_has_them(secretariat_client):
    without = meeting_with_parts([7])
    meeting, _first, second = two_sessions()

    plain = secretariat_client.get(editor_url(without, "parts/new/"), **HTMX).content.decode()
    page = secretariat_client.get(
        editor_url(meeting, f"parts/new/?session={second.pk}"), **HTMX
    ).content.decode()

    assert 'name="session"' not in plain
    assert f'<option value="{second.pk}" selected>Day two (Nov. 18, 2022, 09:00)</option>' in page


def test_a_new_part_starts_in_the_session_it_was_added_from_else_the_last(secretariat_client):
    meeting, first, second = two_sessions()

    from_block = secretariat_client.get(
        editor_url(meeting, f"parts/new/?session={first.pk}"), **HTMX
    ).content.decode()
    from_bottom = secretariat_client.get(editor_url(meeting, "parts/new/"), **HTMX).content.decode()

    assert f'<option value="{first.pk}" selected>' in from_block
    assert f'<option value="{second.pk}" selected>' in from_bottom


def test_a_part_added_from_a_session_block_goes_to_that_session(secretariat_client):
    meeting, first, _second = two_sessions()

    secretariat_client.post(
        editor_url(meeting, "parts/new/"),
        {
            "session": first.pk,
            "title": "Coffee break",
            "kind": "break",
            "lead_role": "chair",
            "allotted_minutes": 15,
            "buffer_minutes": 0,
            "floor_minutes": 3,
        },
        **HTMX,
    )

    assert Segment.objects.get(title="Coffee break").session == first


def test_moving_a_part_up_or_down_stays_inside_its_session():
    meeting, first, second = two_sessions()
    SegmentFactory(meeting=meeting, session=first, title="Day one, second part")
    last_of_day_one = Segment.objects.get(title="Day one, second part")
    first_of_day_two = part_of(second)

    services.segment_move(segment=last_of_day_one, direction=DOWN)
    services.segment_move(segment=first_of_day_two, direction=UP)

    def titles(sitting):
        return list(
            Segment.objects.filter(session=sitting)
            .order_by("order")
            .values_list("title", flat=True)
        )

    assert titles(first)[-1] == "Day one, second part"
    assert titles(second) == [first_of_day_two.title]

    services.segment_move(segment=last_of_day_one, direction=UP)

    assert titles(first)[0] == "Day one, second part"
    assert titles(second) == [first_of_day_two.title]


def test_the_arrows_of_parts_stop_at_the_ends_of_their_session(secretariat_client):
    meeting, first, second = two_sessions()

    page = secretariat_client.get(editor_url(meeting)).content.decode()

    for sitting in (first, second):
        segment = part_of(sitting)
        for arrow in ("up", "down"):
            button = re.search(
                rf'id="segment-{segment.pk}-{arrow}"[^>]*>', page, flags=re.DOTALL
            ).group(0)
            assert "disabled" in button


# Slots ----------------------------------------------------------------------------------


def test_a_slot_dragged_into_a_part_of_another_session_moves_there(secretariat_client):
    meeting, first, second = two_sessions()
    source, target = part_of(first), part_of(second)
    moving = slot_ids(source)[0]

    response = secretariat_client.post(
        editor_url(meeting, f"parts/{target.pk}/slots/order/"),
        {"slot": [*slot_ids(target), moving]},
        **HTMX,
    )

    assert SpeakerSlot.objects.get(pk=moving).segment == target
    assert slot_ids(target)[-1] == moving
    assert len(slot_ids(source)) == 1
    assert refusal_in(response.content.decode()) is None


def test_a_slot_dropped_into_a_full_session_is_refused_and_the_page_is_as_it_was(
    secretariat_client,
):
    """The morning would run past noon, into the afternoon in its room."""
    meeting = MeetingFactory(start_time=at(9), status="draft")
    morning = add_session(meeting, "Morning", end=at(12))
    afternoon = add_session(meeting, "Afternoon", start=at(12))
    full = SegmentFactory(meeting=meeting, session=morning, title="Panel")
    SpeakerSlotFactory.create_batch(3, segment=full, speaking_minutes=60, qa_minutes=0)
    later = SegmentFactory(meeting=meeting, session=afternoon, title="Dialogue")
    dropped = SpeakerSlotFactory(segment=later, speaking_minutes=10, qa_minutes=0)

    response = secretariat_client.post(
        editor_url(meeting, f"parts/{full.pk}/slots/order/"),
        {"slot": [*slot_ids(full), dropped.pk]},
        **HTMX,
    )

    page = response.content.decode()
    assert refusal_in(page) == (
        "The session “Morning” would run until 12:10, into the session “Afternoon”, which "
        "starts at 12:00 on Nov. 17, 2022 in the same room (Room A). Shorten the first, "
        "move the second or give it another room."
    )
    # The agenda as stored: the slot is back in the afternoon's part.
    assert 'id="agenda-editor" hx-swap-oob="true"' in page
    assert page.index(f'id="slot-{dropped.pk}"') > page.index(f'id="session-{afternoon.pk}"')
    assert SpeakerSlot.objects.get(pk=dropped.pk).segment == later
    assert len(slot_ids(full)) == 3


def test_a_slot_dropped_where_its_speaker_would_be_in_two_rooms_is_refused(
    secretariat_client,
):
    meeting = MeetingFactory(start_time=at(14), status="draft")
    minister = PersonFactory()
    group_one = add_session(meeting, "Working group 1", start=at(14), room="Room A")
    group_two = add_session(meeting, "Working group 2", start=at(14), room="Room B")
    part_one = SegmentFactory(meeting=meeting, session=group_one)
    SpeakerSlotFactory(segment=part_one, person=minister, speaking_minutes=10, qa_minutes=0)
    moving = SpeakerSlotFactory(segment=part_one, person=minister, speaking_minutes=10)
    part_two = SegmentFactory(meeting=meeting, session=group_two)

    response = secretariat_client.post(
        editor_url(meeting, f"parts/{part_two.pk}/slots/order/"),
        {"slot": [moving.pk]},
        **HTMX,
    )

    assert "would speak in two rooms at once" in refusal_in(response.content.decode())
    assert SpeakerSlot.objects.get(pk=moving.pk).segment == part_one


def test_clock_times_of_a_session_on_the_second_day_count_from_the_meetings_start(
    secretariat_client,
):
    meeting, first, second = two_sessions()
    slot = SpeakerSlot.objects.filter(segment__session=second).order_by("order").first()

    response = secretariat_client.post(editor_url(meeting, f"slots/{slot.pk}/move/down/"), **HTMX)

    times = re.search(r'data-times="([^"]*)" hx-swap-oob', response.content.decode()).group(1)
    entries = dict(entry.split(":", 1) for entry in times.split(","))
    moved_down, moved_up = slot_ids(part_of(second))[1], slot_ids(part_of(second))[0]
    day = 24 * 60
    assert entries[f"x{first.pk}"] == "0:14"
    assert entries[f"x{second.pk}"] == f"{day}:{day + 14}"
    assert entries[f"s{moved_up}"] == f"{day}:{day + 7}"
    assert entries[f"s{moved_down}"] == f"{day + 7}:{day + 14}"


# The page -------------------------------------------------------------------------------


def test_the_editor_shows_one_block_per_session_with_its_parts(secretariat_client):
    meeting, first, second = two_sessions()
    first.chair = PersonFactory(full_name="Ana Pérez")
    first.save()

    page = secretariat_client.get(editor_url(meeting)).content.decode()

    assert page.index(f'id="session-{first.pk}"') < page.index(f'id="segment-{part_of(first).pk}"')
    assert page.index(f'id="session-{second.pk}"') < page.index(
        f'id="segment-{part_of(second).pk}"'
    )
    assert f"Chair: {first.chair.display_name}" in page
    assert "Room: Room A" in page
    assert f"parts/new/?session={second.pk}" in page


def test_the_summary_warns_of_each_session_running_past_its_planned_end(secretariat_client):
    meeting, _first, second = two_sessions()
    part = part_of(second)
    part.allotted_minutes = 200
    part.save()

    page = secretariat_client.get(editor_url(meeting)).content.decode()

    assert (
        "The session “Day two” runs 20 minutes past its planned end (" in page
        and page.count('data-testid="overrun"') == 1
    )


def test_the_editor_of_a_meeting_without_sessions_offers_to_add_one(secretariat_client):
    meeting = meeting_with_parts([7, 7])

    page = secretariat_client.get(editor_url(meeting)).content.decode()

    assert "Add a session" in page
    assert "For a meeting of several days or rooms." in page
    assert 'class="session-block' not in page


def editor_queries(client, meeting):
    return count_page_queries(client, editor_url(meeting))


def sessions_with_agenda(sessions, parts_per_session, slots_per_part):
    meeting = MeetingFactory(date=DAY_ONE, end_date=DAY_TWO, start_time=at(8))
    for number in range(sessions):
        sitting = add_session(
            meeting, f"Session {number}", start=at(8 + 3 * (number // 2)), room=f"Room {number % 2}"
        )
        sitting.chair = PersonFactory()
        sitting.save()
        build_agenda(meeting, segments=parts_per_session, slots_per_segment=slots_per_part)
        Segment.objects.filter(meeting=meeting, session__isnull=True).update(session=sitting)
    return meeting


def test_the_editor_of_a_meeting_with_sessions_runs_the_same_queries_at_two_sizes(
    secretariat_client, django_assert_num_queries
):
    small = sessions_with_agenda(2, 1, 1)
    large = sessions_with_agenda(4, 3, 4)
    expected = editor_queries(secretariat_client, small)

    with django_assert_num_queries(expected):
        response = secretariat_client.get(editor_url(large))

    assert response.content.decode().count('class="session-block') == 4


# The meeting's details ------------------------------------------------------------------


def test_the_details_of_a_meeting_with_sessions_keep_their_times(secretariat_client):
    meeting, _first, _second = two_sessions()

    page = secretariat_client.get(editor_url(meeting, "details/"), **HTMX).content.decode()
    response = secretariat_client.post(
        editor_url(meeting, "details/"),
        meeting_form_data(
            meeting,
            start_time="06:00",
            end_time="23:00",
            end_date="2022-11-19",
            status="draft",
        ),
        **HTMX,
    )

    saved = Meeting.objects.get(pk=meeting.pk)
    assert "Set by the meeting's sessions" in page
    assert re.search(r'name="start_time"[^>]*disabled', page)
    assert response.status_code == 200
    assert (saved.start_time, saved.end_time, saved.end_date) == (
        at(9),
        None,
        datetime.date(2022, 11, 19),
    )


def test_the_days_of_a_meeting_may_not_leave_a_session_outside(secretariat_client):
    meeting, _first, _second = two_sessions()

    response = secretariat_client.post(
        editor_url(meeting, "details/"),
        meeting_form_data(meeting, end_date="", venue="Typed venue", status="draft"),
        **HTMX,
    )

    page = response.content.decode()
    assert (
        "A session falls outside these days: “Day two” (Nov. 18, 2022). Move it first, or "
        "keep the meeting&#x27;s days around it." in page
    )
    assert 'value="Typed venue"' in page
    assert Meeting.objects.get(pk=meeting.pk).end_date == DAY_TWO


def test_the_last_day_may_not_come_before_the_first(secretariat_client):
    meeting = meeting_with_parts([7])

    response = secretariat_client.post(
        editor_url(meeting, "details/"),
        meeting_form_data(meeting, end_date="2022-11-10"),
        **HTMX,
    )

    assert "The last day cannot come before the first day." in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).end_date is None
