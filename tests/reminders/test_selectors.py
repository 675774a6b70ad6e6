"""What the rules page reads: when each rule sends next, and whom it misses."""

import datetime

from reminders import selectors, services, sweep
from reminders.models import ReminderAnchor, ReminderAudience
from reminders.selectors import NextSend
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE, invitation_sent

# Two days before the demo meeting (Nov. 17, 2022, 10:00 in New York).
TWO_DAYS_BEFORE = datetime.datetime(2022, 11, 15, 12, tzinfo=datetime.UTC)
MEETING_START = datetime.datetime(2022, 11, 17, 15, tzinfo=datetime.UTC)


def rows_by_name(meeting, now):
    return {row.rule.name: row for row in selectors.reminder_rule_rows(meeting=meeting, now=now)}


def make_rule(meeting, name, anchor, audience, offset_minutes, *, now=RULES_MADE, **fields):
    return services.reminder_rule_create(
        meeting=meeting,
        name=name,
        anchor=anchor,
        offset_minutes=offset_minutes,
        audience=audience,
        now=now,
        **fields,
    )


def test_a_rule_sends_next_at_its_earliest_time_still_to_come(demo_rules):
    meeting = demo_rules[0].meeting

    rows = rows_by_name(meeting, TWO_DAYS_BEFORE)

    moderator = rows["Moderator: one day before the meeting"]
    speakers = rows["Speakers: one day before their slot"]
    assert (moderator.next_state, moderator.next_at) == (
        NextSend.AT,
        MEETING_START - datetime.timedelta(days=1),
    )
    # Panama's slot opens the meeting at 10:00.
    assert (speakers.next_state, speakers.next_at) == (
        NextSend.AT,
        MEETING_START - datetime.timedelta(days=1),
    )
    assert rows["Focal points: three days before the good-practice deadline"].next_state == (
        NextSend.NO_DATE
    )


def test_the_next_send_skips_what_was_sent(demo_rules, django_capture_on_commit_callbacks):
    meeting = demo_rules[0].meeting
    with django_capture_on_commit_callbacks(execute=True):
        sweep.reminders_sweep(now=DAY_BEFORE)

    rows = rows_by_name(meeting, DAY_BEFORE + datetime.timedelta(minutes=5))

    # Every "one day before" reminder went out; ECLAC's "one hour before" (10:35) is last.
    assert rows["Moderator: one day before the meeting"].next_state == NextSend.PASSED
    assert rows["Speakers: one day before their slot"].next_state == NextSend.PASSED
    hour_before = rows["Speakers: one hour before their slot"]
    assert (hour_before.next_state, hour_before.next_at) == (
        NextSend.AT,
        MEETING_START - datetime.timedelta(hours=1),
    )


def test_a_rule_made_after_its_time_has_passed(demo_meeting):
    make_rule(
        demo_meeting,
        "Moderator, late",
        ReminderAnchor.MEETING_START,
        ReminderAudience.MODERATOR,
        -1440,
        now=MEETING_START - datetime.timedelta(hours=2),
    )

    [row] = selectors.reminder_rule_rows(
        meeting=demo_meeting, now=MEETING_START - datetime.timedelta(hours=1)
    )

    assert (row.next_state, row.next_at) == (NextSend.PASSED, None)


def test_a_rule_with_nobody_left_to_remind_has_nothing_more_to_send(demo_meeting):
    demo_meeting.speaker_confirmation_deadline = datetime.datetime(
        2022, 11, 10, 22, tzinfo=datetime.UTC
    )
    demo_meeting.save()
    make_rule(
        demo_meeting,
        "Unconfirmed",
        ReminderAnchor.SPEAKER_CONFIRMATION_DEADLINE,
        ReminderAudience.SPEAKERS_UNCONFIRMED,
        -2880,
    )

    everyone_confirmed = selectors.reminder_rule_rows(
        meeting=demo_meeting, now=datetime.datetime(2022, 11, 1, tzinfo=datetime.UTC)
    )
    SpeakerSlot.objects.filter(segment__meeting=demo_meeting, representing_state__iso2="MX").update(
        status=SlotStatus.INVITED
    )
    invitation_sent(
        SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="MX")
    )
    one_invited = selectors.reminder_rule_rows(
        meeting=demo_meeting, now=datetime.datetime(2022, 11, 1, tzinfo=datetime.UTC)
    )

    assert everyone_confirmed[0].next_state == NextSend.NOTHING_MORE
    assert (one_invited[0].next_state, one_invited[0].next_at) == (
        NextSend.AT,
        datetime.datetime(2022, 11, 8, 22, tzinfo=datetime.UTC),
    )


def test_an_inactive_rule_sends_nothing(demo_meeting):
    make_rule(
        demo_meeting,
        "Off",
        ReminderAnchor.MEETING_START,
        ReminderAudience.MODERATOR,
        -60,
        is_active=False,
    )

    [row] = selectors.reminder_rule_rows(meeting=demo_meeting, now=TWO_DAYS_BEFORE)

    assert (row.next_state, row.unreachable) == (NextSend.INACTIVE, [])


def test_the_chair_without_an_address_is_named_with_a_link_to_the_record(demo_meeting):
    make_rule(demo_meeting, "Chair", ReminderAnchor.MEETING_START, ReminderAudience.CHAIR, -1440)

    [row] = selectors.reminder_rule_rows(meeting=demo_meeting, now=TWO_DAYS_BEFORE)

    chair = demo_meeting.chair
    assert row.unreachable == [
        selectors.UnreachableRow(name="Chair of CIDI", edit_url=selectors.person_edit_url(chair.pk))
    ]
    assert row.unreachable[0].edit_url.endswith(f"/{chair.pk}/") or (
        row.unreachable[0].edit_url.endswith(f"/{chair.pk}/change/")
    )
    # With nobody to send to, the rule has nothing more to send.
    assert row.next_state == NextSend.NOTHING_MORE


def test_the_person_edit_link_is_the_first_page_that_exists(monkeypatch):
    monkeypatch.setattr(
        selectors, "PERSON_EDIT_URL_NAMES", ["nowhere:person_edit", "admin:accounts_user_change"]
    )
    assert selectors.person_edit_url(3) == "/admin/accounts/user/3/change/"
    assert selectors.person_edit_url(None) == ""

    monkeypatch.setattr(selectors, "PERSON_EDIT_URL_NAMES", ["nowhere:person_edit"])
    assert selectors.person_edit_url(3) == ""


def test_the_outbox_names_each_person_without_an_address_once(demo_meeting):
    for name, offset in [("Chair, a day before", -1440), ("Chair, an hour before", -60)]:
        make_rule(demo_meeting, name, ReminderAnchor.MEETING_START, ReminderAudience.CHAIR, offset)
    slot = SpeakerSlot.objects.select_related("person").get(
        segment__meeting=demo_meeting, representing_state__iso2="UY"
    )
    slot.person.email = ""
    slot.person.save()
    make_rule(
        demo_meeting,
        "Speakers, a day before",
        ReminderAnchor.SLOT_START,
        ReminderAudience.SPEAKERS_CONFIRMED,
        -1440,
    )

    missed = selectors.outbox_unreachable(meeting=demo_meeting)

    assert [(person.name, person.rule_names) for person in missed] == [
        ("Chair of CIDI", ("Chair, a day before", "Chair, an hour before")),
        (slot.person.display_name, ("Speakers, a day before",)),
    ]
