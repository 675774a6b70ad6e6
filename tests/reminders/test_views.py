"""The secretariat's pages: rules and outbox, who may see them, and what they cost."""

import datetime
import html
import zoneinfo

import pytest
from django.core import mail
from django.urls import resolve
from django.utils import timezone
from django.utils.formats import date_format

from accounts.enums import Role
from accounts.models import User
from reminders import selectors, services, sweep
from reminders.models import (
    OutboxMessage,
    OutboxStatus,
    ReminderAnchor,
    ReminderAudience,
    ReminderRule,
)
from tests.factories import MeetingFactory, UserFactory, secretariat_user
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE, agenda_queries

MEETING = "/secretariat/meetings/social-safety-nets/"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ROLES = ["anonymous", "focal_point", "delegate", "moderator", "secretariat"]
SECRETARIAT_ONLY = {"anonymous": 302, "focal_point": 403, "delegate": 403, "moderator": 403}
# url name -> (path, status of a GET by the secretariat; the others are SECRETARIAT_ONLY)
PAGES = {
    "reminders:reminder_rules": (MEETING + "reminders/", 200),
    "reminders:reminder_rule_create": (MEETING + "reminders/new/", 200),
    "reminders:reminder_rule_edit": (MEETING + "reminders/{rule}/", 200),
    "reminders:reminder_rule_deactivate": (MEETING + "reminders/{rule}/deactivate/", 405),
    "reminders:outbox": (MEETING + "outbox/", 200),
    "reminders:outbox_message": (MEETING + "outbox/{message}/", 200),
    "reminders:outbox_send_again": (MEETING + "outbox/{message}/send-again/", 405),
}


def sign_in(client, role):
    if role == "focal_point":
        client.force_login(User.objects.get(email="focal.pa@example.org"))
    elif role != "anonymous":
        roles = {"delegate": Role.DELEGATE, "moderator": Role.MODERATOR}
        client.force_login(
            secretariat_user() if role == "secretariat" else UserFactory(roles=[roles[role]])
        )


@pytest.fixture
def outbox(demo_rules):
    """The demo meeting's outbox after the day-before sweep, one message failed."""
    sweep.reminders_materialize(now=DAY_BEFORE)
    message = OutboxMessage.objects.get(recipient_email="moderator@example.org")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED, attempts=9, last_error="SMTPDataError: (451, b'Try later')"
    )
    return message


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_reaches_the_reminder_pages(client, outbox, demo_rules, role):
    sign_in(client, role)
    values = {"rule": demo_rules[0].pk, "message": outbox.pk}
    wrong = []

    for name, (path, secretariat_status) in PAGES.items():
        assert resolve(path.format(**values)).view_name == name
        wanted = {**SECRETARIAT_ONLY, "secretariat": secretariat_status}[role]
        response = client.get(path.format(**values))
        if response.status_code != wanted:
            wrong.append(f"{name}: {response.status_code}, expected {wanted}")

    assert wrong == []


@pytest.mark.parametrize("role", ["focal_point", "delegate", "moderator"])
def test_others_cannot_change_rules_or_send_again(client, outbox, demo_rules, role):
    sign_in(client, role)

    deactivate = client.post(MEETING + f"reminders/{demo_rules[0].pk}/deactivate/")
    again = client.post(MEETING + f"outbox/{outbox.pk}/send-again/")

    assert (deactivate.status_code, again.status_code) == (403, 403)
    assert ReminderRule.objects.get(pk=demo_rules[0].pk).is_active
    assert OutboxMessage.objects.get(pk=outbox.pk).status == OutboxStatus.FAILED


def test_the_secretariat_creates_a_rule(client, demo_meeting):
    sign_in(client, "secretariat")

    response = client.post(
        MEETING + "reminders/new/",
        {
            "name": "Focal points, a week before the deadline",
            "audience": ReminderAudience.FOCAL_POINTS_UNACCREDITED,
            "amount": "7",
            "unit": "days",
            "direction": "before",
            "anchor": ReminderAnchor.REGISTRATION_DEADLINE,
            "message": "Remember the credentials letter.",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == MEETING + "reminders/"
    rule = ReminderRule.objects.get(meeting=demo_meeting)
    assert (rule.offset_minutes, rule.audience, rule.is_active) == (
        -7 * 1440,
        ReminderAudience.FOCAL_POINTS_UNACCREDITED,
        True,
    )
    page = client.get(MEETING + "reminders/").content.decode()
    assert "7 days before: Registration deadline" in page
    assert "The meeting has no such date yet" in page


def test_a_slot_anchor_for_focal_points_is_refused_with_a_message(client, demo_meeting):
    sign_in(client, "secretariat")

    response = client.post(
        MEETING + "reminders/new/",
        {
            "name": "Wrong",
            "audience": ReminderAudience.FOCAL_POINTS_ALL,
            "amount": "1",
            "unit": "hours",
            "direction": "before",
            "anchor": ReminderAnchor.SLOT_START,
        },
    )

    assert response.status_code == 200
    assert "Only speakers can be reminded of the start of their slot" in response.content.decode()
    assert not ReminderRule.objects.exists()


def test_the_secretariat_edits_and_deactivates_a_rule(client, demo_rules):
    sign_in(client, "secretariat")
    rule = demo_rules[1]  # speakers, one hour before their slot
    form = client.get(MEETING + f"reminders/{rule.pk}/").content.decode()
    assert 'name="amount" value="1"' in form

    edited = client.post(
        MEETING + f"reminders/{rule.pk}/",
        {
            "name": "Speakers: two hours before",
            "audience": ReminderAudience.SPEAKERS_CONFIRMED,
            "amount": "2",
            "unit": "hours",
            "direction": "before",
            "anchor": ReminderAnchor.SLOT_START,
            "is_active": "on",
        },
    )
    deactivated = client.post(MEETING + f"reminders/{rule.pk}/deactivate/")

    assert (edited.status_code, deactivated.status_code) == (302, 302)
    rule.refresh_from_db()
    assert (rule.name, rule.offset_minutes, rule.is_active) == (
        "Speakers: two hours before",
        -120,
        False,
    )


def test_the_outbox_lists_and_filters_the_messages(client, outbox):
    sign_in(client, "secretariat")

    everything = client.get(MEETING + "outbox/").content.decode()
    failed = client.get(MEETING + "outbox/?status=failed").content.decode()

    assert everything.count('id="message-') == 7
    assert failed.count('id="message-') == 1
    assert "SMTPDataError: (451" in failed
    assert "Send again" in failed
    assert "speaker.pa@example.org" not in failed


def test_send_again_sends_a_failed_message(client, outbox, django_capture_on_commit_callbacks):
    sign_in(client, "secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEETING + f"outbox/{outbox.pk}/send-again/")

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["moderator@example.org"]
    outbox.refresh_from_db()
    assert (outbox.status, outbox.attempts) == (OutboxStatus.SENT, 10)


def test_send_again_refuses_a_message_that_is_not_failed(client, outbox):
    sign_in(client, "secretariat")
    sent = OutboxMessage.objects.exclude(pk=outbox.pk).first()

    response = client.post(MEETING + f"outbox/{sent.pk}/send-again/", follow=True)

    assert "Only a failed message can be sent again" in response.content.decode()
    assert OutboxMessage.objects.get(pk=sent.pk).status == OutboxStatus.PENDING


def add_messages(meeting, rule, count):
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            meeting=meeting,
            rule=rule,
            dedupe_key=f"size-{count}-{index}",
            anchor_key=f"slot:{index}",
            anchor_at=DAY_BEFORE + datetime.timedelta(days=1),
            due_at=DAY_BEFORE,
            recipient_email=f"person{index}@example.org",
            subject="Reminder",
            status=[OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.PENDING][index % 3],
            last_error="refused" if index % 3 == 1 else "",
        )
        for index in range(count)
    )


@pytest.mark.parametrize("count", [3, 40])
def test_the_outbox_runs_a_fixed_number_of_queries(
    client, demo_rules, count, django_assert_num_queries
):
    sign_in(client, "secretariat")
    add_messages(demo_rules[0].meeting, demo_rules[0], count)

    # Session, user, roles, meeting, counts by status and kind, page count, the page's
    # rows; for those without an address: the active rules and the agenda.
    with django_assert_num_queries(8 + agenda_queries(demo_rules[0].meeting)):
        response = client.get(MEETING + "outbox/")

    assert response.content.decode().count('id="message-') == count


@pytest.mark.parametrize("extra_rules", [0, 12])
def test_the_rule_list_runs_a_fixed_number_of_queries(
    client, demo_rules, extra_rules, django_assert_num_queries
):
    sign_in(client, "secretariat")
    meeting = demo_rules[0].meeting
    for index in range(extra_rules):
        ReminderRule.objects.create(
            meeting=meeting,
            name=f"Extra {index}",
            anchor=ReminderAnchor.MEETING_START,
            offset_minutes=-index,
            audience=ReminderAudience.MODERATOR,
        )
    add_messages(meeting, demo_rules[0], 5)

    # Session, user, roles, meeting, the rules with their counts; for the next send and
    # those without an address: the outbox's reminders, moderator accounts, the agenda.
    with django_assert_num_queries(7 + agenda_queries(meeting)):
        response = client.get(MEETING + "reminders/")

    assert response.content.decode().count('id="rule-') == 6 + extra_rules


def in_new_york(moment):
    """Return a time as the pages show it: the meeting's zone, the shared long format."""
    return date_format(timezone.localtime(moment, NEW_YORK), "DATETIME_FORMAT")


def test_the_outbox_shows_times_as_every_other_page_does(client, outbox):
    sign_in(client, "secretariat")

    page = client.get(MEETING + "outbox/").content.decode()

    # "Nov. 16, 2022, 10:00 a.m.", as the registration and the dashboard show times,
    # not "11/16/2022 10 a.m.".
    assert in_new_york(outbox.due_at) == "Nov. 16, 2022, 10 a.m."
    assert "Nov. 16, 2022, 10 a.m." in page
    assert "11/16/2022" not in page


def meeting_in_ten_days(meeting):
    meeting.date = timezone.localdate(timezone.now(), meeting.tzinfo) + datetime.timedelta(days=10)
    meeting.save()
    return meeting


def test_the_rule_list_says_when_each_rule_sends_next(client, demo_rules):
    sign_in(client, "secretariat")
    meeting = meeting_in_ten_days(demo_rules[0].meeting)
    services.reminder_rule_create(
        meeting=meeting,
        name="Moderator: three weeks before",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-21 * 1440,
        audience=ReminderAudience.MODERATOR,
    )

    page = client.get(MEETING + "reminders/").content.decode()

    day_before = in_new_york(meeting.starts_at - datetime.timedelta(days=1))
    hour_before = in_new_york(meeting.starts_at - datetime.timedelta(hours=1))
    assert page.count(f"Next: {day_before}") == 2  # the moderator's and the speakers'
    assert page.count(f"Next: {hour_before}") == 1
    # Made after its time: it sends nothing, as the page says.
    assert "Passed" in page
    assert "A rule never sends a reminder that was already due when the rule was created" in page


def test_the_rules_page_names_the_chair_who_has_no_address(client, demo_meeting):
    sign_in(client, "secretariat")
    services.reminder_rule_create(
        meeting=demo_meeting,
        name="Chair: one day before",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-1440,
        audience=ReminderAudience.CHAIR,
        now=RULES_MADE,
    )
    edit_url = selectors.person_edit_url(demo_meeting.chair_id)

    rules = client.get(MEETING + "reminders/").content.decode()
    outbox = client.get(MEETING + "outbox/").content.decode()

    assert edit_url
    for page in (rules, outbox):
        assert "Chair of CIDI" in page
        assert "Not sent: no email address" in page
        assert f'href="{edit_url}"' in page


def test_the_preview_shows_the_reminder_exactly_as_sent(
    client, demo_rules, django_capture_on_commit_callbacks
):
    sign_in(client, "secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        sweep.reminders_sweep(now=DAY_BEFORE)
    [sent] = [m for m in mail.outbox if m.to == ["speaker.pa@example.org"]]
    row = OutboxMessage.objects.get(recipient_email="speaker.pa@example.org")

    page = client.get(MEETING + f"outbox/{row.pk}/").content.decode()

    assert row.body == sent.body
    assert html.escape(sent.subject) in page
    assert html.escape(sent.body) in page
    assert "exactly as they were sent" in page


def test_a_reminder_not_sent_yet_is_previewed_from_the_agenda(client, demo_rules):
    sign_in(client, "secretariat")
    sweep.reminders_materialize(now=DAY_BEFORE)
    row = OutboxMessage.objects.get(recipient_email="moderator@example.org")

    page = client.get(MEETING + f"outbox/{row.pk}/").content.decode()

    assert "Not sent yet: rendered now from the agenda as it is." in page
    assert "La reunión comienza el 17 de noviembre de 2022 a las 10:00" in page


def test_another_meetings_message_is_not_found(client, outbox):
    sign_in(client, "secretariat")
    other = MeetingFactory()

    response = client.get(f"/secretariat/meetings/{other.slug}/outbox/{outbox.pk}/")

    assert response.status_code == 404
