"""The live console, room displays and planned versus actual of a meeting run by session.

Each session has its own clock, console and displays: two working groups in parallel
rooms run side by side, and nothing one room does moves the other.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import Role
from agenda.models import MeetingSession
from live import report, services, state
from live.items import item_key
from live.models import ClockAction, ClockEvent, ClockState, RoomClock, RoomDisplay
from tests.factories import (
    MeetingFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    user_with_role,
)
from tests.live.room_time import at

JSON = {"HTTP_ACCEPT": "application/json"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def two_session_meeting(*, parts=1, slots=2, rooms=("Room A", "Room B"), **fields):
    """Return a meeting of two working groups at 10:00 in rooms A and B, and the first two.

    Each session has ``parts`` parts of ``slots`` confirmed slots (5 minutes and 2 of
    questions each), on the live tests' day (17 November 2022, New York time); ``rooms``
    adds more groups in parallel.
    """
    meeting = MeetingFactory(
        date=datetime.date(2022, 11, 17), start_time=datetime.time(10, 0), **fields
    )
    sessions = []
    for number, room in enumerate(rooms, start=1):
        session = MeetingSession.objects.create(
            meeting=meeting,
            title=f"Working group {number}",
            date=meeting.date,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
            room=room,
        )
        sessions.append(session)
        for part in range(1, parts + 1):
            segment = SegmentFactory(
                meeting=meeting,
                session=session,
                order=number * 100 + part,
                title=f"Group {number}, part {part}",
            )
            for order in range(1, slots + 1):
                SpeakerSlotFactory(segment=segment, order=order, speaking_minutes=5, qa_minutes=2)
    meeting.refresh_from_db()
    return meeting, sessions[0], sessions[1]


@pytest.fixture
def meeting_and_groups(db):
    return two_session_meeting()


@pytest.fixture
def moderator(db):
    return user_with_role(Role.MODERATOR)


def press(meeting, session, action, **kwargs):
    return services.clock_press(meeting=meeting, session=session, action=action, **kwargs)


def keys(items):
    return [item_key(item) for item in items]


def snapshot_of(meeting, session):
    room_clock = state.room_clock_for_display(meeting=meeting, session=session)
    return state.console_snapshot(room_clock, meeting=meeting, session=session)


def session_url(name, meeting, session, **kwargs):
    return reverse(name, kwargs={"slug": meeting.slug, "session_pk": session.pk, **kwargs})


# The running order and the clocks


def test_running_order_of_a_session_holds_only_its_parts(meeting_and_groups):
    meeting, group_1, group_2 = meeting_and_groups

    order_1 = services.running_order(meeting=meeting, session=group_1)
    order_2 = services.running_order(meeting=meeting, session=group_2)

    assert [slot.segment.title for slot in order_1] == ["Group 1, part 1"] * 2
    assert [slot.segment.title for slot in order_2] == ["Group 2, part 1"] * 2
    assert keys(services.running_order(meeting=meeting)) == keys(order_1) + keys(order_2)


def test_a_part_without_a_session_runs_in_the_first_one(meeting_and_groups):
    meeting, group_1, group_2 = meeting_and_groups
    stray = SegmentFactory(meeting=meeting, session=None, order=999, title="Stray")

    assert item_key(stray) in keys(services.running_order(meeting=meeting, session=group_1))
    assert item_key(stray) not in keys(services.running_order(meeting=meeting, session=group_2))


def test_start_in_each_console_gives_each_clock_its_own_slot(meeting_and_groups, clock):
    meeting, group_1, group_2 = meeting_and_groups
    first_1 = services.running_order(meeting=meeting, session=group_1)[0]
    first_2 = services.running_order(meeting=meeting, session=group_2)[0]

    press(meeting, group_1, ClockAction.START)
    clock.advance(30)
    press(meeting, group_2, ClockAction.START)

    clock_1 = RoomClock.objects.get(meeting=meeting, session=group_1)
    clock_2 = RoomClock.objects.get(meeting=meeting, session=group_2)
    assert (clock_1.slot_id, clock_1.state, clock_1.run_started_at) == (
        first_1.pk,
        ClockState.SPEAKING,
        at(10, 0),
    )
    assert (clock_2.slot_id, clock_2.state, clock_2.run_started_at) == (
        first_2.pk,
        ClockState.SPEAKING,
        at(10, 0, 30),
    )
    assert RoomClock.objects.filter(meeting=meeting).count() == 2
    assert list(
        ClockEvent.objects.filter(meeting=meeting).values_list("session__title", "slot_id")
    ) == [("Working group 1", first_1.pk), ("Working group 2", first_2.pk)]


def test_pausing_one_room_leaves_the_other_running(meeting_and_groups, clock):
    meeting, group_1, group_2 = meeting_and_groups
    press(meeting, group_1, ClockAction.START)
    press(meeting, group_2, ClockAction.START)
    clock.advance(60)

    press(meeting, group_1, ClockAction.PAUSE)

    assert RoomClock.objects.get(session=group_1).is_running is False
    assert RoomClock.objects.get(session=group_2).is_running is True


def test_next_stays_inside_the_session_to_its_end(meeting_and_groups, clock):
    meeting, group_1, group_2 = meeting_and_groups
    order_1 = services.running_order(meeting=meeting, session=group_1)

    finished = [press(meeting, group_1, ClockAction.NEXT) for _ in range(3)][-1]
    # Nothing was held: "next" starts over from the top of the session, not the other room.
    again = press(meeting, group_1, ClockAction.NEXT)

    assert (finished.state, finished.slot_id) == (ClockState.FINISHED, None)
    assert again.slot_id == order_1[0].pk
    assert [event.slot_id for event in ClockEvent.objects.order_by("pk")] == [
        order_1[0].pk,
        order_1[0].pk,
        order_1[1].pk,
        order_1[0].pk,
    ]
    assert RoomClock.objects.filter(session=group_2).exists() is False


def test_go_to_an_item_of_another_session_is_refused(meeting_and_groups, clock):
    meeting, group_1, group_2 = meeting_and_groups
    other_room = services.running_order(meeting=meeting, session=group_2)[1]

    with pytest.raises(services.ClockRefused) as refused:
        press(meeting, group_1, ClockAction.GO_TO, target=item_key(other_room))

    assert refused.value.message == "That item is not in this session's running order."
    assert RoomClock.objects.filter(session=group_1).exists() is False


def test_go_to_and_skip_work_within_the_session(meeting_and_groups, clock):
    meeting, group_1, _group_2 = meeting_and_groups
    first, second = services.running_order(meeting=meeting, session=group_1)

    press(meeting, group_1, ClockAction.GO_TO, target=item_key(second))
    skipped = press(meeting, group_1, ClockAction.SKIP)

    assert skipped.state == ClockState.FINISHED
    assert press(meeting, group_1, ClockAction.START).slot_id == first.pk


def test_the_meeting_clock_is_refused_for_a_meeting_run_by_session(meeting_and_groups):
    meeting, _group_1, _group_2 = meeting_and_groups

    with pytest.raises(services.ClockRefused) as refused:
        services.clock_press(meeting=meeting, action=ClockAction.START)

    assert refused.value.message == (
        "This meeting is run session by session: open the console of one of its sessions."
    )
    assert RoomClock.objects.filter(meeting=meeting).exists() is False


def test_one_clock_per_sitting_and_one_for_a_meeting_without_sessions(meeting_and_groups):
    meeting, group_1, _group_2 = meeting_and_groups
    plain = MeetingFactory()
    services.room_clock_get(meeting=plain)
    services.room_clock_get(meeting=plain)
    services.room_clock_get(meeting=meeting, session=group_1)
    services.room_clock_get(meeting=meeting, session=group_1)

    assert RoomClock.objects.filter(meeting=plain, session=None).count() == 1
    assert RoomClock.objects.filter(meeting=meeting, session=group_1).count() == 1


def test_the_clock_of_a_meeting_before_its_sessions_goes_on_in_the_first(db, clock):
    meeting = MeetingFactory(date=datetime.date(2022, 11, 17))
    slot = SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting))
    before = services.clock_press(meeting=meeting, action=ClockAction.NEXT)
    first = MeetingSession.objects.create(
        meeting=meeting, title="Morning", date=meeting.date, start_time=datetime.time(10, 0)
    )
    later = MeetingSession.objects.create(
        meeting=meeting, title="Afternoon", date=meeting.date, start_time=datetime.time(15, 0)
    )
    meeting.refresh_from_db()

    started = press(meeting, first, ClockAction.START)
    press(meeting, later, ClockAction.NEXT)

    assert (started.pk, started.slot_id, started.revision) == (before.pk, slot.pk, 2)
    assert RoomClock.objects.filter(meeting=meeting, session=None).exists() is False
    assert RoomClock.objects.get(session=later).slot_id is None


# The forecast


def test_the_forecast_of_one_session_does_not_move_the_other(meeting_and_groups, clock):
    meeting, group_1, group_2 = meeting_and_groups
    press(meeting, group_1, ClockAction.START)
    clock.advance(20 * 60)  # the first speaker of room A takes 20 minutes, not 7

    press(meeting, group_1, ClockAction.NEXT)
    shown_1 = snapshot_of(meeting, group_1)
    shown_2 = snapshot_of(meeting, group_2)

    assert [card["forecast_start"] for card in shown_1["order"]] == ["10:00", "10:20"]
    assert (shown_1["forecast_end"], shown_1["delay_minutes"]) == ("10:27", 13)
    assert [card["planned_start"] for card in shown_2["order"]] == ["10:00", "10:07"]
    assert [card["forecast_start"] for card in shown_2["order"]] == ["10:00", "10:07"]
    assert (shown_2["planned_end"], shown_2["forecast_end"]) == ("10:14", "10:14")
    assert shown_2["delay_minutes"] == 0


def test_the_console_of_a_session_shows_only_its_running_order(meeting_and_groups, clock):
    meeting, _group_1, group_2 = meeting_and_groups

    shown = snapshot_of(meeting, group_2)

    assert [card["key"] for card in shown["order"]] == keys(
        services.running_order(meeting=meeting, session=group_2)
    )
    assert shown["meeting_end"] == "12:00"
    assert shown["is_session"] is True


# The console's pages


def test_the_console_url_of_a_meeting_run_by_session_lists_its_sessions(
    client, moderator, meeting_and_groups, clock
):
    meeting, group_1, group_2 = meeting_and_groups
    clock.at = at(9, 0)
    client.force_login(moderator)

    response = client.get(reverse("live:console", kwargs={"slug": meeting.slug}))

    assert response.status_code == 200
    assert next(template.name for template in response.templates) == "live/console_sessions.html"
    rows = [row for day in response.context["days"] for row in day["rows"]]
    assert [(row["session"].title, row["session"].room, row["starts"]) for row in rows] == [
        ("Working group 1", "Room A", "10:00"),
        ("Working group 2", "Room B", "10:00"),
    ]
    # Both start together in parallel rooms: both come next.
    assert [(row["is_under_way"], row["is_next"]) for row in rows] == [(False, True)] * 2
    assert [row["url"] for row in rows] == [
        session_url("live:console_session", meeting, group_1),
        session_url("live:console_session", meeting, group_2),
    ]
    page = response.content.decode()
    assert 'href="' + session_url("live:console_session", meeting, group_2) + '"' in page


def test_the_chooser_marks_the_sessions_under_way(client, moderator, meeting_and_groups, clock):
    meeting, _group_1, _group_2 = meeting_and_groups
    client.force_login(moderator)

    response = client.get(reverse("live:console", kwargs={"slug": meeting.slug}))

    rows = [row for day in response.context["days"] for row in day["rows"]]
    assert [(row["is_under_way"], row["is_next"]) for row in rows] == [(True, False)] * 2
    assert response.content.decode().count("list-group-item-primary") == 2


def test_the_console_of_a_session_names_its_title_room_and_date(
    client, moderator, meeting_and_groups, clock
):
    meeting, _group_1, group_2 = meeting_and_groups
    client.force_login(moderator)

    response = client.get(session_url("live:console_session", meeting, group_2))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Working group 2" in page
    assert "Room: Room B" in page
    assert "Nov. 17, 2022, 10 a.m." in page
    assert 'hx-get="' + session_url("live:console_session_state", meeting, group_2) + '"' in page
    assert session_url("live:console_session_press", meeting, group_2, action="start") in page


def test_a_press_from_a_session_console_runs_that_session(
    client, moderator, meeting_and_groups, clock
):
    meeting, group_1, group_2 = meeting_and_groups
    client.force_login(moderator)
    first_2 = services.running_order(meeting=meeting, session=group_2)[0]

    response = client.post(
        session_url("live:console_session_press", meeting, group_2, action="start"), **JSON
    )

    assert response.status_code == 200
    assert response.json()["slot"]["id"] == first_2.pk
    assert RoomClock.objects.get(session=group_2).slot_id == first_2.pk
    assert RoomClock.objects.filter(session=group_1).exists() is False


def test_a_press_on_the_meeting_console_of_a_meeting_run_by_session_is_refused(
    client, moderator, meeting_and_groups
):
    meeting, _group_1, _group_2 = meeting_and_groups
    client.force_login(moderator)
    press_url = reverse("live:console_press", kwargs={"slug": meeting.slug, "action": "start"})

    answer = client.post(press_url, **JSON)
    htmx = client.post(press_url, **HTMX)
    state_answer = client.get(reverse("live:console_state", kwargs={"slug": meeting.slug}), **HTMX)

    assert answer.status_code == 409
    assert answer.json() == {
        "error": "This meeting is run session by session: open the console of one of its sessions."
    }
    assert htmx["HX-Redirect"] == reverse("live:console", kwargs={"slug": meeting.slug})
    assert state_answer["HX-Redirect"] == reverse("live:console", kwargs={"slug": meeting.slug})
    assert RoomClock.objects.filter(meeting=meeting).exists() is False


@pytest.mark.parametrize(
    "name, extra",
    [
        ("live:console_session", {}),
        ("live:console_session_state", {}),
        ("live:console_session_press", {"action": "start"}),
    ],
)
def test_a_session_of_another_meeting_is_not_found(client, moderator, name, extra):
    meeting, _group_1, _group_2 = two_session_meeting()
    _other, other_group, _ = two_session_meeting()
    client.force_login(moderator)

    url = session_url(name, meeting, other_group, **extra)
    response = client.post(url) if "action" in extra else client.get(url)

    assert response.status_code == 404
    assert RoomClock.objects.exists() is False


def test_a_session_console_is_refused_to_a_delegate(client, meeting_and_groups):
    meeting, group_1, _group_2 = meeting_and_groups
    client.force_login(user_with_role(Role.DELEGATE))

    response = client.get(session_url("live:console_session", meeting, group_1))

    assert response.status_code == 403


def test_the_chair_of_a_session_runs_its_console(client, meeting_and_groups):
    meeting, group_1, _group_2 = meeting_and_groups
    chair = user_with_role(Role.DELEGATE)
    person = SpeakerSlotFactory.build().person
    person.user = chair
    person.save()
    MeetingSession.objects.filter(pk=group_1.pk).update(chair=person)
    client.force_login(chair)

    response = client.get(session_url("live:console_session", meeting, group_1))

    assert response.status_code == 200


def test_the_console_of_a_meeting_without_sessions_is_unchanged(client, moderator, clock):
    plain = MeetingFactory(date=datetime.date(2022, 11, 17))
    SpeakerSlotFactory(segment=SegmentFactory(meeting=plain))
    client.force_login(moderator)

    response = client.get(reverse("live:console", kwargs={"slug": plain.slug}))

    assert next(template.name for template in response.templates) == "live/console.html"
    assert response.context["session"] is None
    assert 'data-testid="console-session"' not in response.content.decode()


# Room displays


def display(meeting, session=None, **fields):
    return RoomDisplay.objects.create(meeting=meeting, session=session, label="Projector", **fields)


def test_a_display_link_of_a_session_shows_its_room_and_clock(client, meeting_and_groups, clock):
    meeting, _group_1, group_2 = meeting_and_groups
    projector = display(meeting, group_2)
    press(meeting, group_2, ClockAction.START)
    first_2 = services.running_order(meeting=meeting, session=group_2)[0]

    page = client.get(reverse("live:display", kwargs={"token": projector.token}))
    polled = client.get(reverse("live:display_state", kwargs={"token": projector.token}))

    assert page.status_code == 200
    assert page.context["session"] == group_2
    assert "Room B · Working group 2" in page.content.decode()
    assert polled.json()["slot"]["id"] == first_2.pk
    assert (polled.json()["room"], polled.json()["session"]) == ("Room B", "Working group 2")


def test_a_display_link_for_the_whole_meeting_asks_which_session(client, meeting_and_groups, clock):
    meeting, group_1, _group_2 = meeting_and_groups
    projector = display(meeting)
    press(meeting, group_1, ClockAction.START)

    page = client.get(reverse("live:display", kwargs={"token": projector.token}))
    chosen = client.get(
        reverse("live:display_session", kwargs={"token": projector.token, "session_pk": group_1.pk})
    )
    polled = client.get(
        reverse(
            "live:display_session_state",
            kwargs={"token": projector.token, "session_pk": group_1.pk},
        )
    )
    unchosen = client.get(reverse("live:display_state", kwargs={"token": projector.token}))

    assert [template.name for template in page.templates] == ["live/display_sessions.html"]
    assert [session.title for session in page.context["sessions"]] == [
        "Working group 1",
        "Working group 2",
    ]
    assert chosen.status_code == 200
    assert chosen.context["state_url"] == reverse(
        "live:display_session_state", kwargs={"token": projector.token, "session_pk": group_1.pk}
    )
    assert polled.json()["room"] == "Room A"
    assert unchosen.status_code == 409


def test_a_display_link_of_one_session_does_not_show_another(client, meeting_and_groups):
    meeting, group_1, group_2 = meeting_and_groups
    projector = display(meeting, group_1)
    _other, other_group, _ = two_session_meeting()
    whole = display(meeting)

    response = client.get(
        reverse("live:display_session", kwargs={"token": projector.token, "session_pk": group_2.pk})
    )
    foreign = client.get(
        reverse("live:display_session", kwargs={"token": whole.token, "session_pk": other_group.pk})
    )

    assert response.status_code == 404
    assert foreign.status_code == 404


def test_a_revoked_session_display_link_still_says_so(client, meeting_and_groups):
    meeting, group_1, _group_2 = meeting_and_groups
    old = display(meeting, group_1, revoked_at=at(9, 0))

    page = client.get(
        reverse("live:display_session", kwargs={"token": old.token, "session_pk": group_1.pk})
    )
    polled = client.get(reverse("live:display_state", kwargs={"token": old.token}))

    assert page.status_code == 410
    assert polled.status_code == 410
    assert polled.json() == {"error": "This display link has been revoked."}


def test_the_secretariat_makes_a_display_link_for_a_session(client, meeting_and_groups, settings):
    settings.SECRETARIAT_REQUIRES_MFA = False
    meeting, _group_1, group_2 = meeting_and_groups
    client.force_login(user_with_role(Role.SECRETARIAT))
    url = reverse("live:displays", kwargs={"slug": meeting.slug})

    response = client.post(url, {"label": "Projector, Room B", "session": group_2.pk})
    other = two_session_meeting()[1]
    refused = client.post(url, {"label": "Elsewhere", "session": other.pk})

    assert response.status_code == 302
    assert list(RoomDisplay.objects.values_list("label", "session")) == [
        ("Projector, Room B", group_2.pk)
    ]
    assert refused.status_code == 400
    assert "session" in refused.context["form"].errors


# Planned versus actual


def test_planned_versus_actual_is_grouped_by_session(client, moderator, meeting_and_groups, clock):
    meeting, _group_1, group_2 = meeting_and_groups
    press(meeting, group_2, ClockAction.START)
    clock.advance(8 * 60)
    press(meeting, group_2, ClockAction.END)

    figures = report.planned_versus_actual(meeting)
    client.force_login(moderator)
    page = client.get(reverse("live:timekeeping", kwargs={"slug": meeting.slug}))

    assert [
        (group["title"], group["room"], group["totals"]["held"], group["totals"]["slots"])
        for group in figures["sessions"]
    ] == [("Working group 1", "Room A", 0, 2), ("Working group 2", "Room B", 1, 2)]
    assert figures["sessions"][1]["rows"][0]["overrun_label"] == "+1:00"
    assert figures["totals"]["held"] == 1
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Working group 1") < text.index("Working group 2")
    assert 'id="pva-chart-title-' + str(group_2.pk) + '"' in text


def test_planned_versus_actual_of_a_meeting_without_sessions_has_no_groups(db):
    plain = MeetingFactory()
    SpeakerSlotFactory(segment=SegmentFactory(meeting=plain))

    assert "sessions" not in report.planned_versus_actual(plain)


# Query counts


@pytest.mark.parametrize("size", [(1, 2), (3, 5)], ids=["small", "large"])
def test_console_state_of_a_session_runs_a_fixed_number_of_queries(
    client, moderator, clock, django_assert_num_queries, size
):
    parts, slots = size
    meeting, group_1, _group_2 = two_session_meeting(parts=parts, slots=slots)
    client.force_login(moderator)
    press(meeting, group_1, ClockAction.START)
    url = session_url("live:console_session_state", meeting, group_1)
    client.get(url, **JSON)  # the session and its language settle

    with django_assert_num_queries(CONSOLE_STATE_QUERIES):
        response = client.get(url, **JSON)

    assert response.status_code == 200
    assert len(response.json()["order"]) == parts * slots


@pytest.mark.parametrize("size", [(1, 2), (3, 5)], ids=["small", "large"])
def test_console_panel_of_a_session_runs_a_fixed_number_of_queries(
    client, moderator, clock, django_assert_num_queries, size
):
    parts, slots = size
    meeting, group_1, _group_2 = two_session_meeting(parts=parts, slots=slots)
    client.force_login(moderator)
    press(meeting, group_1, ClockAction.START)
    url = session_url("live:console_session_state", meeting, group_1)
    client.get(url, **HTMX)

    with django_assert_num_queries(CONSOLE_PANEL_QUERIES):
        response = client.get(url, **HTMX)
    shown = {"revision": response.context["snapshot"]["revision"]}
    shown["minute"] = response.context["shown_minute"]
    with django_assert_num_queries(CONSOLE_UNCHANGED_QUERIES):
        unchanged = client.get(url, shown, **HTMX)

    assert response.status_code == 200
    assert unchanged.status_code == 204


@pytest.mark.parametrize("size", [(1, 2), (3, 5)], ids=["small", "large"])
def test_display_state_of_a_session_runs_a_fixed_number_of_queries(
    db, client, clock, django_assert_num_queries, size
):
    parts, slots = size
    meeting, group_1, _group_2 = two_session_meeting(parts=parts, slots=slots)
    projector = display(meeting)
    press(meeting, group_1, ClockAction.START)
    url = reverse(
        "live:display_session_state", kwargs={"token": projector.token, "session_pk": group_1.pk}
    )
    client.get(url)  # marks the display seen

    with django_assert_num_queries(DISPLAY_STATE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert response.json()["next_slot"]["speaker"]


@pytest.mark.parametrize("rooms", [2, 5])
def test_the_console_chooser_runs_a_fixed_number_of_queries(
    client, moderator, clock, django_assert_num_queries, rooms
):
    meeting = two_session_meeting(rooms=[f"Room {number}" for number in range(rooms)])[0]
    client.force_login(moderator)
    url = reverse("live:console", kwargs={"slug": meeting.slug})
    client.get(url)

    with django_assert_num_queries(CHOOSER_QUERIES):
        response = client.get(url)

    assert len(response.context["days"][0]["rows"]) == rooms


# Sign-in and role checks, the meeting, then the agenda (its sessions included).
CHOOSER_QUERIES = 13
# Sign-in and role checks, the meeting, the session, the clock, then the agenda (its
# sessions included) with the slots' statements, states and organizations.
CONSOLE_STATE_QUERIES = 15
CONSOLE_PANEL_QUERIES = 15
# Sign-in and role checks, the meeting, the session, then the session clock's revision.
CONSOLE_UNCHANGED_QUERIES = 6
# The display (its meeting and session), the session its URL names, the clock, the
# session's parts and their active slots.
DISPLAY_STATE_QUERIES = 5
