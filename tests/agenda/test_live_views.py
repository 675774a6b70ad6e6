"""Pages of the live console, the room displays and the timekeeping report.

The console and its presses are for those who run the room (the secretariat, moderators,
the meeting's chair and part leads through their ``Person``); a room display needs only
its secret link; display links are managed by the secretariat.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from agenda.live import services
from agenda.live_models import ClockAction, ClockEvent, ClockState, RoomClock, RoomDisplay
from speakers.models import Person
from tests.agenda.room_time import at
from tests.factories import (
    GuidingQuestionFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    UserFactory,
    user_with_role,
)

JSON = {"HTTP_ACCEPT": "application/json"}


def account(email):
    return User.objects.get(email=email)


@pytest.fixture
def secretariat(demo_meeting):
    return account("secretariat@example.org")


@pytest.fixture
def moderator(demo_meeting):
    return account("moderator@example.org")


@pytest.fixture
def chair_user(demo_meeting):
    """An account with no role, linked to the Person who chairs the demo meeting."""
    user = UserFactory()
    Person.objects.filter(pk=demo_meeting.chair_id).update(user=user)
    return user


@pytest.fixture
def projector(demo_meeting):
    return RoomDisplay.objects.create(meeting=demo_meeting, label="Projector, Room A")


@pytest.fixture
def revoked_display(demo_meeting):
    return RoomDisplay.objects.create(meeting=demo_meeting, label="Old screen", revoked_at=at(9, 0))


def console_url(meeting):
    return reverse("agenda:console", kwargs={"slug": meeting.slug})


def state_url(meeting):
    return reverse("agenda:console_state", kwargs={"slug": meeting.slug})


def press_url(meeting, action):
    return reverse("agenda:console_press", kwargs={"slug": meeting.slug, "action": action})


def display_url(token):
    return reverse("agenda:display", kwargs={"token": token})


def display_state_url(token):
    return reverse("agenda:display_state", kwargs={"token": token})


def displays_url(meeting):
    return reverse("agenda:displays", kwargs={"slug": meeting.slug})


def revoke_url(room_display):
    return reverse(
        "agenda:display_revoke",
        kwargs={"slug": room_display.meeting.slug, "pk": room_display.pk},
    )


def timekeeping_url(meeting):
    return reverse("agenda:timekeeping", kwargs={"slug": meeting.slug})


def first_slot(meeting):
    return services.running_order(meeting=meeting)[0]


# The console


def test_console_shows_the_countdown_and_the_display_link_to_the_secretariat(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(secretariat)

    response = client.get(console_url(demo_meeting))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["snapshot"]["state"] == ClockState.SPEAKING
    assert response.context["snapshot"]["remaining_label"] == "7:00"
    assert response.context["can_manage_displays"] is True
    assert 'data-testid="countdown">7:00</p>' in page
    assert displays_url(demo_meeting) in page


def test_console_for_a_moderator_leaves_out_the_display_link(
    client, demo_meeting, moderator, clock
):
    client.force_login(moderator)

    response = client.get(console_url(demo_meeting))

    assert response.status_code == 200
    assert response.context["can_manage_displays"] is False
    assert displays_url(demo_meeting) not in response.content.decode()


def test_console_state_answers_the_clock_the_next_slots_and_the_forecast(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 8)
    client.force_login(secretariat)

    response = client.get(state_url(demo_meeting))

    data = response.json()
    order = services.running_order(meeting=demo_meeting)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert data["state"] == "speaking"
    assert data["slot"]["id"] == order[0].pk
    assert data["remaining_label"] == "+1:00"
    assert data["colour"] == "over"
    assert data["allowed"] == ["end", "next", "pause"]
    assert [card["id"] for card in data["next"]] == [order[1].pk, order[2].pk]
    assert data["next"][0]["forecast_start"] == "10:08"
    assert len(data["order"]) == 6
    assert data["planned_end"] == "11:42"
    assert data["forecast_end"] == "11:43"
    assert data["delay_minutes"] == 1


def test_console_press_with_json_answers_the_new_state(client, demo_meeting, secretariat, clock):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "start"), **JSON)

    data = response.json()
    assert response.status_code == 200
    assert data["error"] is None
    assert data["state"] == "speaking"
    assert data["revision"] == 1
    assert data["slot"]["id"] == first_slot(demo_meeting).pk


def test_console_press_refused_with_json_answers_409_and_the_reason(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "pause"), **JSON)

    data = response.json()
    assert response.status_code == 409
    assert data["error"] == "The clock is not running, so it cannot be paused."
    assert data["state"] == "idle"
    assert data["revision"] == 0


def test_console_press_of_an_unknown_control_answers_409(client, demo_meeting, secretariat, clock):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "rewind"), **JSON)

    assert response.status_code == 409
    assert response.json()["error"] == "Unknown control."


def test_console_press_go_to_reads_the_slot_from_the_form(client, demo_meeting, secretariat, clock):
    target = services.running_order(meeting=demo_meeting)[3]
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "go_to"), {"slot": str(target.pk)}, **JSON)

    assert response.status_code == 200
    assert response.json()["state"] == "ready"
    assert response.json()["slot"]["id"] == target.pk


def test_console_press_go_to_with_a_slot_that_is_no_number_is_refused(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "go_to"), {"slot": "first"}, **JSON)

    assert response.status_code == 409
    assert response.json()["error"] == "That slot is not on this meeting's list of speakers."


def test_console_press_from_a_form_redirects_to_the_console(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "start"))

    assert response.status_code == 302
    assert response["Location"] == console_url(demo_meeting)
    assert list(get_messages(response.wsgi_request)) == []
    assert RoomClock.objects.get(meeting=demo_meeting).state == ClockState.SPEAKING


def test_console_press_refused_from_a_form_redirects_with_the_reason(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "end"))

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert response["Location"] == console_url(demo_meeting)
    assert messages == ["No slot is running, so there is nothing to end."]


def test_console_press_by_get_is_not_allowed(client, demo_meeting, secretariat, clock):
    client.force_login(secretariat)

    response = client.get(press_url(demo_meeting, "start"))

    assert response.status_code == 405
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


def test_console_press_logs_who_pressed(client, demo_meeting, moderator, clock):
    client.force_login(moderator)

    client.post(press_url(demo_meeting, "start"), **JSON)

    event = ClockEvent.objects.get(meeting=demo_meeting)
    assert event.action == ClockAction.START
    assert event.by == moderator
    assert event.at == at(10, 0)


def test_console_of_an_unknown_meeting_is_404(client, demo_meeting, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("agenda:console", kwargs={"slug": "no-such-meeting"}))

    assert response.status_code == 404


# Who may run the room


@pytest.fixture(params=[Role.DELEGATE, Role.FOCAL_POINT])
def outsider(request, demo_meeting):
    if request.param == Role.FOCAL_POINT:
        return account("focal.pa@example.org")
    return user_with_role(Role.DELEGATE)


@pytest.mark.parametrize("page", ["console", "state", "timekeeping"])
def test_console_pages_are_forbidden_to_delegates_and_focal_points(
    client, demo_meeting, outsider, page
):
    url = {
        "console": console_url,
        "state": state_url,
        "timekeeping": timekeeping_url,
    }[page](demo_meeting)
    client.force_login(outsider)

    response = client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("action", ["start", "next", "go_to", "end"])
def test_delegates_and_focal_points_cannot_change_the_clock(
    client, demo_meeting, outsider, clock, action
):
    client.force_login(outsider)

    response = client.post(
        press_url(demo_meeting, action), {"slot": str(first_slot(demo_meeting).pk)}, **JSON
    )

    assert response.status_code == 403
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False
    assert ClockEvent.objects.filter(meeting=demo_meeting).exists() is False


def test_delegate_cannot_change_a_running_clock(client, demo_meeting, clock):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(user_with_role(Role.DELEGATE))

    response = client.post(press_url(demo_meeting, "end"))

    room_clock = RoomClock.objects.get(meeting=demo_meeting)
    assert response.status_code == 403
    assert room_clock.state == ClockState.SPEAKING
    assert room_clock.revision == 1


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", ["console", "state", "press", "timekeeping"])
def test_console_pages_send_visitors_to_sign_in(client, demo_meeting, page, method):
    url = {
        "console": console_url(demo_meeting),
        "state": state_url(demo_meeting),
        "press": press_url(demo_meeting, "start"),
        "timekeeping": timekeeping_url(demo_meeting),
    }[page]

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


def test_chair_linked_to_an_account_may_press_the_controls(client, demo_meeting, chair_user, clock):
    client.force_login(chair_user)

    console = client.get(console_url(demo_meeting))
    pressed = client.post(press_url(demo_meeting, "start"), **JSON)

    assert console.status_code == 200
    assert pressed.status_code == 200
    assert pressed.json()["state"] == "speaking"
    assert ClockEvent.objects.get(meeting=demo_meeting).by == chair_user


def test_part_lead_linked_to_an_account_may_press_the_controls(client, demo_meeting, clock):
    lead = PersonFactory(user=UserFactory())
    demo_meeting.segments.filter(order=3).update(lead=lead)
    client.force_login(lead.user)

    response = client.post(press_url(demo_meeting, "start"), **JSON)

    assert response.status_code == 200


def test_chair_of_another_meeting_may_not_press_the_controls(client, demo_meeting, clock):
    other_chair = PersonFactory(user=UserFactory())
    MeetingFactory(chair=other_chair)
    client.force_login(other_chair.user)

    response = client.post(press_url(demo_meeting, "start"), **JSON)

    assert response.status_code == 403
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


# Room displays


def test_display_shows_the_speaker_and_the_countdown(client, demo_meeting, projector, clock):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 0, 1)

    response = client.get(display_url(projector.token))

    slot = first_slot(demo_meeting)
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert f'data-testid="display-speaker">{slot.person.display_name}</h1>' in page
    assert 'data-testid="display-representing">Panama</p>' in page
    assert 'data-testid="display-countdown">6:59</p>' in page


def test_display_state_answers_the_clock_as_json(client, demo_meeting, projector, clock):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 7, 31)

    response = client.get(display_state_url(projector.token))

    data = response.json()
    assert response.status_code == 200
    assert data["state"] == "speaking"
    assert data["remaining_label"] == "+0:31"
    assert data["colour"] == "over"
    assert data["slot"]["representing"] == "Panama"
    assert "allowed" not in data
    assert "order" not in data


def test_display_state_marks_the_display_as_seen(client, demo_meeting, projector, clock):
    client.get(display_state_url(projector.token))

    projector.refresh_from_db()
    assert projector.last_seen_at is not None


def test_display_state_needs_no_sign_in_and_ignores_the_role(client, demo_meeting, projector):
    client.force_login(user_with_role(Role.DELEGATE))

    response = client.get(display_state_url(projector.token))

    assert response.status_code == 200
    assert response.json()["state"] == "idle"


@pytest.mark.parametrize("page", [display_url, display_state_url])
def test_revoked_display_link_answers_410(client, demo_meeting, revoked_display, page):
    response = client.get(page(revoked_display.token))

    assert response.status_code == 410
    assert "This display link has been revoked." in response.content.decode()
    revoked_display.refresh_from_db()
    assert revoked_display.last_seen_at is None


@pytest.mark.parametrize("page", [display_url, display_state_url])
def test_unknown_display_link_answers_404(client, demo_meeting, projector, page):
    response = client.get(page("no-such-token"))

    assert response.status_code == 404


# Managing display links


def test_displays_list_the_meetings_links_to_the_secretariat(
    client, demo_meeting, secretariat, projector, revoked_display
):
    client.force_login(secretariat)

    response = client.get(displays_url(demo_meeting))

    page = response.content.decode()
    listed = response.context["displays"]
    mine = {projector.pk, revoked_display.pk}
    assert response.status_code == 200
    assert len(listed) == RoomDisplay.objects.filter(meeting=demo_meeting).count()
    assert [d.label for d in listed if d.pk in mine] == ["Old screen", "Projector, Room A"]
    assert f"http://testserver/room/{projector.token}/" in page
    assert f"/room/{revoked_display.token}/" not in page


def test_displays_create_a_link(client, demo_meeting, secretariat):
    client.force_login(secretariat)

    response = client.post(displays_url(demo_meeting), {"label": "Speaker's monitor"})

    created = RoomDisplay.objects.get(meeting=demo_meeting, label="Speaker's monitor")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert response["Location"] == displays_url(demo_meeting)
    assert created.label == "Speaker's monitor"
    assert created.created_by == secretariat
    assert created.revoked_at is None
    assert len(created.token) == 32
    assert messages == [
        "Display link “Speaker's monitor” created. Open it on the projector's computer."
    ]


def test_displays_without_a_name_answer_400(client, demo_meeting, secretariat):
    before = RoomDisplay.objects.filter(meeting=demo_meeting).count()
    client.force_login(secretariat)

    response = client.post(displays_url(demo_meeting), {"label": ""})

    assert response.status_code == 400
    assert RoomDisplay.objects.filter(meeting=demo_meeting).count() == before


def test_display_revoke_revokes_the_link(client, demo_meeting, secretariat, projector):
    client.force_login(secretariat)

    response = client.post(revoke_url(projector))

    projector.refresh_from_db()
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert response["Location"] == displays_url(demo_meeting)
    assert projector.revoked_at is not None
    assert messages == ["Display link “Projector, Room A” revoked."]
    assert client.get(display_state_url(projector.token)).status_code == 410


def test_display_revoke_by_get_is_not_allowed(client, demo_meeting, secretariat, projector):
    client.force_login(secretariat)

    response = client.get(revoke_url(projector))

    projector.refresh_from_db()
    assert response.status_code == 405
    assert projector.revoked_at is None


def test_display_revoke_of_another_meetings_display_is_404(
    client, demo_meeting, secretariat, projector
):
    other = MeetingFactory()
    client.force_login(secretariat)

    response = client.post(
        reverse("agenda:display_revoke", kwargs={"slug": other.slug, "pk": projector.pk})
    )

    projector.refresh_from_db()
    assert response.status_code == 404
    assert projector.revoked_at is None


def test_displays_are_forbidden_to_the_moderator(client, demo_meeting, moderator, projector):
    before = RoomDisplay.objects.filter(meeting=demo_meeting).count()
    client.force_login(moderator)

    listed = client.get(displays_url(demo_meeting))
    created = client.post(displays_url(demo_meeting), {"label": "Mine"})
    revoked = client.post(revoke_url(projector))

    projector.refresh_from_db()
    assert (listed.status_code, created.status_code, revoked.status_code) == (403, 403, 403)
    assert RoomDisplay.objects.filter(meeting=demo_meeting).count() == before
    assert projector.revoked_at is None


# Timekeeping


def test_timekeeping_shows_planned_and_actual_time_of_each_slot(
    client, demo_meeting, moderator, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 7, 31)
    services.clock_press(meeting=demo_meeting, action=ClockAction.NEXT)
    services.clock_press(meeting=demo_meeting, action=ClockAction.SKIP)
    client.force_login(moderator)

    response = client.get(timekeeping_url(demo_meeting))

    rows = response.context["report"]["rows"]
    page = response.content.decode()
    assert response.status_code == 200
    assert len(rows) == 6
    assert [row["status"] for row in rows] == [
        "Held",
        "Skipped",
        "Not held",
        "Not held",
        "Not held",
        "Not held",
    ]
    assert (rows[0]["planned_start"], rows[0]["actual_start"]) == ("10:00", "10:00")
    assert (rows[0]["actual_label"], rows[0]["overrun_label"]) == ("7:31", "+0:31")
    assert '<tr class="pva-over">' in page
    assert '<td data-testid="overrun">+0:31</td>' in page
    assert page.count('<td data-testid="overrun">') == 6
    assert 'data-testid="over-time-count">1</dd>' in page


def test_timekeeping_before_any_slot_is_held_says_so(client, demo_meeting, moderator, clock):
    client.force_login(moderator)

    response = client.get(timekeeping_url(demo_meeting))

    assert response.status_code == 200
    assert response.context["report"]["has_actuals"] is False
    assert response.context["report"]["chart"]["bars"] == []
    assert "No slot has been held yet" in response.content.decode()


# Query counts


def add_slots(meeting, count):
    """Add a part of ``count`` slots (with a question addressed to one) to ``meeting``."""
    segment = SegmentFactory(meeting=meeting, order=5)
    slots = [SpeakerSlotFactory(segment=segment) for _ in range(count)]
    GuidingQuestionFactory(segment=segment).addressed_slots.add(slots[0])
    return slots


def run_the_room(meeting, clock):
    """Hold the first slot, skip the second, and leave the third speaking."""
    services.clock_press(meeting=meeting, action=ClockAction.START)
    clock.advance(480)
    services.clock_press(meeting=meeting, action=ClockAction.NEXT)
    services.clock_press(meeting=meeting, action=ClockAction.SKIP)
    services.clock_press(meeting=meeting, action=ClockAction.START)
    clock.advance(30)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_console_state_runs_the_same_queries_for_small_and_large_agendas(
    client, demo_meeting, secretariat, clock
):
    run_the_room(demo_meeting, clock)
    client.force_login(secretariat)
    client.get(state_url(demo_meeting))
    small = count_queries(client, state_url(demo_meeting))
    add_slots(demo_meeting, 30)

    large = count_queries(client, state_url(demo_meeting))

    assert len(client.get(state_url(demo_meeting)).json()["order"]) == 36
    assert large == small


def test_display_state_runs_the_same_queries_for_small_and_large_agendas(
    client, demo_meeting, projector, clock
):
    run_the_room(demo_meeting, clock)
    small = count_queries(client, display_state_url(projector.token))
    RoomDisplay.objects.filter(pk=projector.pk).update(last_seen_at=None)
    add_slots(demo_meeting, 30)

    large = count_queries(client, display_state_url(projector.token))

    assert large == small
