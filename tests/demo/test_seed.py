import datetime
import io
import zoneinfo

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from agenda.models import GuidingQuestion, Meeting, Segment
from delegations.models import Delegation
from demo.seed import demo_date_default
from live.models import ClockAction, ClockEvent
from reminders.models import OutboxMessage
from reminders.sweep import reminders_materialize
from speakers.models import Person, SpeakerSlot
from tests.conftest import DEMO_DATE, DEMO_PASSWORD

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_demo_meeting_matches_the_concept_note(demo_meeting):
    assert demo_meeting.document_code == "CIDRP03454E01"
    assert demo_meeting.is_published
    assert demo_meeting.expected_outcomes.count() == 4
    segments = list(demo_meeting.segments.order_by("order"))
    # The concept note: after the panel's questions, one interactive dialogue with the
    # delegations, led by the Chair of CIDI.
    assert [s.kind for s in segments] == [
        "high_level",
        "technical_panel",
        "delegations_dialogue",
    ]
    part_one = SpeakerSlot.objects.filter(segment=segments[0]).order_by("order")
    assert [s.representing_label for s in part_one] == ["Panama", "Barbados", "Uruguay"]
    assert {(s.speaking_minutes, s.qa_minutes) for s in part_one} == {(7, 0)}
    part_two = SpeakerSlot.objects.filter(segment=segments[1]).order_by("order")
    assert [s.representing_label for s in part_two] == ["Mexico", "Dominican Republic", "ECLAC"]
    assert {(s.speaking_minutes, s.qa_minutes) for s in part_two} == {(5, 2)}
    assert segments[1].lead.full_name == "Maricarmen Plata"
    dialogue = segments[2]
    assert (dialogue.lead, dialogue.lead_role) == (demo_meeting.chair, "chair")
    assert (dialogue.allotted_minutes, dialogue.accepts_floor_requests) == (60, True)
    assert dialogue.title == "Dialogue with the delegations, led by the Chair of CIDI"


def test_demo_guiding_questions_are_addressed_as_in_the_note(demo_meeting):
    part_two = Segment.objects.get(meeting=demo_meeting, order=2)
    questions = GuidingQuestion.objects.filter(segment=part_two).order_by("order")

    addressed = [sorted(s.representing_label for s in q.addressed_slots.all()) for q in questions]

    assert addressed == [[], ["ECLAC"], ["Dominican Republic", "Mexico"]]
    assert (
        GuidingQuestion.objects.filter(segment__meeting=demo_meeting, segment__order=1).count() == 2
    )


def test_seed_demo_is_idempotent(demo_meeting):
    counts = (Person.objects.count(), SpeakerSlot.objects.count(), GuidingQuestion.objects.count())

    call_command("seed_demo", force=True, date=DEMO_DATE, stdout=io.StringIO())

    assert counts == (
        Person.objects.count(),
        SpeakerSlot.objects.count(),
        GuidingQuestion.objects.count(),
    )
    demo_meeting.refresh_from_db()
    assert demo_meeting.date == datetime.date(2022, 11, 17)


@pytest.mark.parametrize(
    "email",
    [
        "secretariat@example.org",
        "moderator@example.org",
        "focal.pa@example.org",
        "focal.bb@example.org",
        "focal.uy@example.org",
        "focal.mx@example.org",
        "focal.do@example.org",
    ],
)
def test_demo_accounts_sign_in_with_the_demo_password(demo_meeting, email):
    assert authenticate(email=email, password=DEMO_PASSWORD) is not None


def test_demo_focal_points_are_linked_to_their_delegations(demo_meeting):
    links = Delegation.objects.filter(meeting=demo_meeting).values_list(
        "member_state__iso2", "focal_point__email"
    )

    assert sorted(links) == sorted(
        (iso2, f"focal.{iso2.lower()}@example.org") for iso2 in ["PA", "BB", "UY", "MX", "DO"]
    )


# A demo that is alive: the meeting lies ahead, with open registration and deadlines ----


def seed(*args, **options):
    call_command("seed_demo", *args, force=True, stdout=io.StringIO(), **options)
    return Meeting.objects.get(slug="social-safety-nets")


@pytest.mark.parametrize(
    ("today", "meeting_day"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 12, 22)),  # a Tuesday: Tuesday
        (datetime.date(2026, 12, 3), datetime.date(2026, 12, 24)),  # a Thursday: Thursday
        (datetime.date(2026, 12, 4), datetime.date(2026, 12, 29)),  # a Friday: Tuesday
        (datetime.date(2026, 12, 5), datetime.date(2026, 12, 29)),  # a Saturday: Tuesday
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 29)),  # a Monday: Tuesday
    ],
)
def test_default_demo_date_is_the_first_tuesday_to_thursday_three_weeks_ahead(today, meeting_day):
    assert demo_date_default(today=today) == meeting_day


def test_seed_demo_places_the_meeting_weeks_ahead_by_default(demo_meeting):
    meeting = seed()

    today = timezone.localdate(timezone=NEW_YORK)
    assert meeting.date == demo_date_default(today=today)
    assert meeting.date.weekday() in {1, 2, 3}
    assert meeting.is_published and meeting.is_registration_open
    now = timezone.now()
    assert now < meeting.practice_deadline < meeting.speaker_confirmation_deadline
    assert meeting.speaker_confirmation_deadline < meeting.registration_deadline
    assert meeting.registration_deadline < meeting.starts_at
    assert meeting.end_time == datetime.time(11, 42)


def test_seed_demo_reminders_come_due_in_the_coming_days(demo_meeting):
    meeting = seed()
    now = timezone.now()

    reminders_materialize(now=now + datetime.timedelta(days=7), meeting=meeting)

    due = OutboxMessage.objects.filter(rule__meeting=meeting)
    assert due.count() >= 5
    assert all(now < message.due_at <= now + datetime.timedelta(days=7) for message in due)


def test_seed_demo_takes_a_fixed_date(demo_meeting):
    meeting = seed("--date", "2031-03-12")

    assert meeting.date == datetime.date(2031, 3, 12)
    assert meeting.starts_at.isoformat() == "2031-03-12T10:00:00-04:00"
    deadlines = [
        meeting.practice_deadline,
        meeting.speaker_confirmation_deadline,
        meeting.registration_deadline,
    ]
    assert [deadline.astimezone(NEW_YORK).isoformat() for deadline in deadlines] == [
        "2031-02-23T18:00:00-05:00",
        "2031-02-26T18:00:00-05:00",
        "2031-03-02T18:00:00-05:00",
    ]


def test_seed_demo_refuses_a_date_it_cannot_read(demo_meeting):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        seed("--date", "12/03/2031")


def test_pinned_demo_sets_no_deadline_that_has_passed(demo_meeting):
    assert demo_meeting.date == DEMO_DATE
    assert demo_meeting.registration_deadline is None
    assert demo_meeting.practice_deadline is None
    assert demo_meeting.speaker_confirmation_deadline is None
    assert demo_meeting.is_registration_open


def test_demo_planned_end_follows_the_concept_notes_programme(demo_meeting):
    # 3 remarks of 7 minutes, 3 panelists of 5 + 2, two dialogues of 30: 102 minutes.
    assert demo_meeting.end_time == datetime.time(11, 42)


def test_moving_the_demo_moves_what_was_recorded_with_its_date(demo_meeting):
    held = datetime.datetime(2022, 11, 17, 10, 1, tzinfo=NEW_YORK)
    slot = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).first()
    SpeakerSlot.objects.filter(pk=slot.pk).update(
        actual_start=held, actual_end=held + datetime.timedelta(minutes=7)
    )
    ClockEvent.objects.create(meeting=demo_meeting, slot=slot, action=ClockAction.START, at=held)
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    panama.credentials_presented_at = held - datetime.timedelta(days=3)
    panama.save()

    seed(date=datetime.date(2022, 11, 24))

    week = datetime.timedelta(days=7)
    slot.refresh_from_db()
    panama.refresh_from_db()
    assert (slot.actual_start, slot.actual_end) == (
        held + week,
        held + week + datetime.timedelta(minutes=7),
    )
    assert ClockEvent.objects.get(meeting=demo_meeting).at == held + week
    assert panama.credentials_presented_at == held - datetime.timedelta(days=3) + week


@pytest.mark.django_db(transaction=True)
def test_the_demo_says_where_the_inclusion_figures_and_the_api_are(client):
    out = io.StringIO()
    call_command("seed_demo", force=True, date=DEMO_DATE, stdout=out)
    said = out.getvalue()

    assert "Inclusion figures: /secretariat/meetings/social-safety-nets/inclusion/" in said
    assert "Public API: /api/v1/docs/" in said
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/meetings/social-safety-nets/").status_code == 200
