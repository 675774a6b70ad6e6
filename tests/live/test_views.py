"""Pages of the live console, the room displays and the timekeeping report.

The console and its presses are for those who run the room (the secretariat, moderators,
the meeting's chair and part leads through their ``Person``); a room display needs only
its secret link; display links are managed by the secretariat.
"""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from live import services
from live.models import ClockAction, ClockEvent, ClockState, RoomClock, RoomDisplay
from speakers.models import Person
from tests.factories import (
    GuidingQuestionFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    UserFactory,
    user_with_role,
)
from tests.live.room_time import at

JSON = {"HTTP_ACCEPT": "application/json"}
HTMX = {"HTTP_HX_REQUEST": "true"}
PANEL = "live/includes/_console_panel.html"


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
    return reverse("live:console", kwargs={"slug": meeting.slug})


def state_url(meeting):
    return reverse("live:console_state", kwargs={"slug": meeting.slug})


def press_url(meeting, action):
    return reverse("live:console_press", kwargs={"slug": meeting.slug, "action": action})


def display_url(token):
    return reverse("live:display", kwargs={"token": token})


def display_state_url(token):
    return reverse("live:display_state", kwargs={"token": token})


def displays_url(meeting):
    return reverse("live:displays", kwargs={"slug": meeting.slug})


def revoke_url(room_display):
    return reverse(
        "live:display_revoke",
        kwargs={"slug": room_display.meeting.slug, "pk": room_display.pk},
    )


def timekeeping_url(meeting):
    return reverse("live:timekeeping", kwargs={"slug": meeting.slug})


def first_slot(meeting):
    return services.running_order(meeting=meeting)[0]


def minute_of(moment):
    """Return the minute since the epoch, as the console's panel says it was drawn."""
    return int(moment.timestamp() // 60)


def refresh(client, meeting, *, revision, minute):
    """Ask for the console's panel as htmx does, saying which one the page shows."""
    return client.get(state_url(meeting), {"revision": revision, "minute": minute}, **HTMX)


def templates_used(response):
    return [template.name for template in response.templates]


def enabled_controls(response):
    return [control["action"] for control in response.context["controls"] if control["is_enabled"]]


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
    # Six speaker slots, then the dialogue, a part the console times as a whole.
    assert len(data["order"]) == 7
    assert data["order"][-1]["key"] == f"part-{demo_meeting.segments.last().pk}"
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
    assert response.json()["error"] == "That item is not in this meeting's running order."


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

    response = client.get(reverse("live:console", kwargs={"slug": "no-such-meeting"}))

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
        reverse("live:display_revoke", kwargs={"slug": other.slug, "pk": projector.pk})
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


# The console's panel: drawn by the server, refreshed and pressed through htmx


def test_console_refresh_while_nothing_changed_answers_204(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.advance(20)
    client.force_login(secretariat)

    response = refresh(client, demo_meeting, revision=1, minute=minute_of(clock.at))

    assert response.status_code == 204
    assert response.content == b""
    assert "no-cache" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


def test_console_refresh_after_a_press_answers_the_panel(client, demo_meeting, secretariat, clock):
    client.force_login(secretariat)
    shown_minute = minute_of(clock.at)
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)

    response = refresh(client, demo_meeting, revision=0, minute=shown_minute)

    page = response.content.decode()
    assert response.status_code == 200
    assert templates_used(response) == [PANEL]
    assert "<html" not in page
    assert '<input type="hidden" name="revision" value="1">' in page
    assert f'<input type="hidden" name="minute" value="{shown_minute}">' in page
    assert 'data-testid="countdown">7:00</p>' in page
    assert enabled_controls(response) == ["pause", "end", "next"]


def test_console_refresh_when_the_minute_turned_answers_the_panel(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    shown_minute = minute_of(clock.at)
    clock.advance(60)
    client.force_login(secretariat)

    response = refresh(client, demo_meeting, revision=1, minute=shown_minute)

    assert response.status_code == 200
    assert response.context["shown_minute"] == shown_minute + 1
    assert 'data-testid="countdown">6:00</p>' in response.content.decode()


@pytest.mark.parametrize("shown", [{}, {"revision": "one", "minute": "x"}])
def test_console_refresh_that_does_not_say_what_it_shows_answers_the_panel(
    client, demo_meeting, secretariat, clock, shown
):
    client.force_login(secretariat)

    response = client.get(state_url(demo_meeting), shown, **HTMX)

    assert response.status_code == 200
    assert templates_used(response) == [PANEL]


def test_console_refresh_of_a_meeting_never_run_answers_204_at_revision_0(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = refresh(client, demo_meeting, revision=0, minute=minute_of(clock.at))

    assert response.status_code == 204
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


def test_console_refresh_by_the_chair_answers_the_panel(client, demo_meeting, chair_user, clock):
    client.force_login(chair_user)

    response = refresh(client, demo_meeting, revision=5, minute=minute_of(clock.at))

    assert response.status_code == 200


def test_console_refresh_is_forbidden_to_delegates_and_focal_points(
    client, demo_meeting, outsider, clock
):
    client.force_login(outsider)

    unchanged = refresh(client, demo_meeting, revision=0, minute=minute_of(clock.at))
    changed = refresh(client, demo_meeting, revision=5, minute=minute_of(clock.at))

    assert (unchanged.status_code, changed.status_code) == (403, 403)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", ["state", "press"])
def test_console_htmx_requests_of_visitors_reload_the_page_to_sign_in(
    client, demo_meeting, clock, page, method
):
    url = state_url(demo_meeting) if page == "state" else press_url(demo_meeting, "start")

    response = getattr(client, method)(url, **HTMX)

    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert RoomClock.objects.filter(meeting=demo_meeting).exists() is False


def test_console_press_with_htmx_answers_the_redrawn_panel(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "start"), **HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert templates_used(response) == [PANEL]
    assert response.context["refusal"] is None
    assert response.context["snapshot"]["state"] == "speaking"
    assert 'data-testid="refusal"' not in page
    assert enabled_controls(response) == ["pause", "end", "next"]
    assert RoomClock.objects.get(meeting=demo_meeting).revision == 1


def test_console_press_refused_with_htmx_answers_409_and_the_panel_with_the_reason(
    client, demo_meeting, secretariat, clock
):
    client.force_login(secretariat)

    response = client.post(press_url(demo_meeting, "end"), **HTMX)

    assert response.status_code == 409
    assert templates_used(response) == [PANEL]
    assert (
        '<div class="alert alert-warning" role="alert" data-testid="refusal">'
        "No slot is running, so there is nothing to end.</div>"
    ) in response.content.decode()
    assert list(get_messages(response.wsgi_request)) == []


def test_console_controls_of_a_paused_slot_resume_and_hold_back_go_to(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    services.clock_press(meeting=demo_meeting, action=ClockAction.PAUSE)
    client.force_login(secretariat)

    response = client.get(console_url(demo_meeting))

    controls = {control["action"]: control for control in response.context["controls"]}
    order = response.context["snapshot"]["order"]
    assert enabled_controls(response) == ["pause", "end", "next"]
    assert str(controls["pause"]["label"]) == "Resume"
    assert controls["pause"]["url"] == press_url(demo_meeting, "resume")
    assert [card["go_to"] for card in order] == [None, False, False, False, False, False, False]
    assert response.content.decode().count('data-action="go_to"\n') == 6


def test_console_controls_between_slots_offer_go_to_the_slots_not_held(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    services.clock_press(meeting=demo_meeting, action=ClockAction.NEXT)
    client.force_login(secretariat)

    response = client.get(console_url(demo_meeting))

    order = response.context["snapshot"]["order"]
    assert response.context["snapshot"]["state"] == "ready"
    assert enabled_controls(response) == ["start", "skip", "next"]
    assert [card["go_to"] for card in order] == [None, None, True, True, True, True, True]


def test_console_panel_writes_its_numbers_without_the_language_s_separators(
    client, demo_meeting, secretariat, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 0, 1) + datetime.timedelta(milliseconds=500)
    client.force_login(secretariat)

    response = client.get("/es" + console_url(demo_meeting))

    page = response.content.decode()
    assert response.context["LANGUAGE_CODE"] == "es"
    assert 'data-elapsed-seconds="1.5"' in page
    assert f'data-server-now="{at(10, 0, 1).timestamp() + 0.5}"' in page
    assert 'data-limit-seconds="420"' in page


def test_timekeeping_chart_writes_its_numbers_without_the_language_s_separators(
    client, demo_meeting, moderator, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 7, 31)
    services.clock_press(meeting=demo_meeting, action=ClockAction.END)
    client.force_login(moderator)

    response = client.get("/es" + timekeeping_url(demo_meeting))

    chart = response.content.decode().split('<svg class="pva-chart"')[1].split("</svg>")[0]
    bar_widths = re.findall(r'<rect x="\d+" y="\d+" width="([^"]+)"', chart)
    assert response.context["LANGUAGE_CODE"] == "es"
    assert bar_widths[:2] == ["279.4", "300.0"]


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
    # Six slots, then the dialogue, timed as a whole.
    assert len(rows) == 7
    assert [row["status"] for row in rows] == [
        "Held",
        "Skipped",
        "Not held",
        "Not held",
        "Not held",
        "Not held",
        "Not held",
    ]
    assert rows[-1]["is_part"] is True
    assert (rows[0]["planned_start"], rows[0]["actual_start"]) == ("10:00", "10:00")
    assert (rows[0]["actual_label"], rows[0]["overrun_label"]) == ("7:31", "+0:31")
    assert '<tr class="pva-over">' in page
    assert '<td data-testid="overrun-speaking" class="pva-phase-over">+0:31</td>' in page
    assert page.count('data-testid="overrun-speaking"') == 7
    assert "part timed as a whole" in page
    assert '<span data-testid="over-time-count">1</span>' in page


def test_timekeeping_before_any_slot_is_held_says_so(client, demo_meeting, moderator, clock):
    client.force_login(moderator)

    response = client.get(timekeeping_url(demo_meeting))

    assert response.status_code == 200
    assert response.context["report"]["has_actuals"] is False
    assert response.context["report"]["chart"]["bars"] == []
    assert "No slot has been held yet" in response.content.decode()


# Query counts


# Sign-in and role checks, the meeting, then the clock's revision (204) or the panel
# (its agenda, the slots' statements, states and organizations included).
QUERIES_UNCHANGED = 5
QUERIES_PANEL = 17
# The running order reads the parts, then their active slots (parts without any are items).
QUERIES_PRESS = 24


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

    assert len(client.get(state_url(demo_meeting)).json()["order"]) == 37
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


def test_console_refresh_runs_a_fixed_number_of_queries(
    client, demo_meeting, secretariat, clock, django_assert_num_queries
):
    run_the_room(demo_meeting, clock)
    client.force_login(secretariat)
    revision = RoomClock.objects.get(meeting=demo_meeting).revision
    refresh(client, demo_meeting, revision=0, minute=0)

    with django_assert_num_queries(QUERIES_UNCHANGED):
        unchanged = refresh(client, demo_meeting, revision=revision, minute=minute_of(clock.at))
    with django_assert_num_queries(QUERIES_PANEL):
        small = refresh(client, demo_meeting, revision=0, minute=minute_of(clock.at))
    add_slots(demo_meeting, 30)
    with django_assert_num_queries(QUERIES_PANEL):
        large = refresh(client, demo_meeting, revision=0, minute=minute_of(clock.at))

    assert unchanged.status_code == 204
    assert (small.status_code, large.status_code) == (200, 200)
    assert (len(small.context["snapshot"]["order"]), len(large.context["snapshot"]["order"])) == (
        7,
        37,
    )


def test_console_press_with_htmx_runs_a_fixed_number_of_queries(
    client, demo_meeting, secretariat, clock, django_assert_num_queries
):
    run_the_room(demo_meeting, clock)
    client.force_login(secretariat)
    client.get(console_url(demo_meeting))

    with django_assert_num_queries(QUERIES_PRESS):
        small = client.post(press_url(demo_meeting, "pause"), **HTMX)
    services.clock_press(meeting=demo_meeting, action=ClockAction.RESUME)
    add_slots(demo_meeting, 30)
    with django_assert_num_queries(QUERIES_PRESS):
        large = client.post(press_url(demo_meeting, "pause"), **HTMX)

    assert (small.status_code, large.status_code) == (200, 200)


# What the console shows of the slots


def test_console_before_the_first_slot_names_the_next_speaker_and_no_empty_facts(
    client, demo_meeting, moderator, clock
):
    client.force_login(moderator)

    response = client.get(console_url(demo_meeting))

    page = response.content.decode()
    speaker = re.search(r'<p class="live-speaker"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert " ".join(speaker.split()) == "Next: Panama"
    assert demo_meeting.title not in speaker
    assert "Floor language" not in page.split('id="next-heading"')[0]
    assert "Time limit" not in page.split('id="next-heading"')[0]


def test_console_shows_the_current_speakers_questions_and_cue(
    client, demo_meeting, moderator, clock
):
    slot = first_slot(demo_meeting)
    slot.cue_notes = "Thank the Minister for the data."
    slot.save()
    addressed = GuidingQuestionFactory(segment=slot.segment, text="How are transfers targeted?")
    addressed.addressed_slots.add(slot)
    GuidingQuestionFactory(segment=slot.segment, text="What would you ask the banks?")
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    client.force_login(moderator)

    response = client.get(console_url(demo_meeting))

    current = response.content.decode().split('id="next-heading"')[0]
    assert "Thank the Minister for the data." in current
    assert "How are transfers targeted?" in current
    assert "What would you ask the banks?" in current


# What the room display shows


def test_display_state_of_a_paused_slot_says_paused(client, demo_meeting, projector, clock):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.advance(30)
    services.clock_press(meeting=demo_meeting, action=ClockAction.PAUSE)

    data = client.get(display_state_url(projector.token)).json()
    page = client.get(display_url(projector.token)).content.decode()

    assert data["is_paused"] is True
    assert data["paused_label"] == "Paused"
    assert re.search(r'data-testid="display-paused"\s*>Paused<', page)
    assert "is-paused" in page


def test_display_state_of_an_overrun_slot_ended_shows_the_overrun(
    client, demo_meeting, projector, clock
):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 7, 42)
    services.clock_press(meeting=demo_meeting, action=ClockAction.END)
    clock.advance(5)

    data = client.get(display_state_url(projector.token)).json()

    assert data["state"] == "ended"
    assert data["remaining_label"] == "+0:42"
    assert data["is_running"] is False


def test_display_state_names_the_next_speaker(client, demo_meeting, projector, clock):
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)

    data = client.get(display_state_url(projector.token)).json()

    assert data["next_slot"]["representing"] == "Barbados"
    assert data["next_label"] == "Next: Barbados"
