"""Duplicating a meeting as the start of the next one."""

import datetime

import pytest

from agenda.enums import MeetingStatus
from agenda.models import Meeting
from reminders.models import ReminderRule
from speakers.models import SpeakerSlot, Statement
from tests.agenda.test_editor import editor_url
from tests.factories import secretariat_user


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


def test_a_duplicate_keeps_the_agenda_and_starts_over_what_belongs_to_one_meeting(
    secretariat_client, demo_meeting
):
    SpeakerSlot.objects.filter(segment__meeting=demo_meeting).update(
        status="confirmed", actual_start=datetime.datetime(2022, 11, 17, 15, tzinfo=datetime.UTC)
    )
    deadline = datetime.datetime(2022, 11, 10, 23, 59, tzinfo=datetime.UTC)
    Meeting.objects.filter(pk=demo_meeting.pk).update(registration_deadline=deadline)
    rules = demo_meeting.reminder_rules.count()

    response = secretariat_client.post(
        editor_url(demo_meeting, "duplicate/"),
        {
            "title": "CIDI dialogue on digital education",
            "slug": "cidi-digital-education-2023",
            "date": "2023-03-16",
        },
    )

    copy = Meeting.objects.get(slug="cidi-digital-education-2023")
    assert response.url == copy.get_editor_url()
    assert copy.status == MeetingStatus.DRAFT
    assert (copy.title_en, copy.title_es) == ("CIDI dialogue on digital education", "")
    assert copy.date == datetime.date(2023, 3, 16)
    assert copy.start_time == demo_meeting.start_time
    assert copy.time_zone == demo_meeting.time_zone
    days = (copy.date - demo_meeting.date).days
    assert copy.registration_deadline == deadline + datetime.timedelta(days=days)
    assert [s.title_es for s in copy.segments.order_by("order")] == [
        s.title_es for s in demo_meeting.segments.order_by("order")
    ]
    slots = SpeakerSlot.objects.filter(segment__meeting=copy)
    assert slots.count() == SpeakerSlot.objects.filter(segment__meeting=demo_meeting).count()
    assert {slot.status for slot in slots} == {"invited"}
    assert not slots.filter(actual_start__isnull=False).exists()
    assert not Statement.objects.filter(slot__in=slots).exists()
    assert copy.reminder_rules.count() == rules > 0
    addressed = [
        (q.text_en, sorted(s.label for s in q.addressed_slots.all()))
        for segment in copy.segments.all()
        for q in segment.guiding_questions.all()
    ]
    original = [
        (q.text_en, sorted(s.label for s in q.addressed_slots.all()))
        for segment in demo_meeting.segments.all()
        for q in segment.guiding_questions.all()
    ]
    assert addressed == original


def test_a_duplicate_needs_a_free_web_address(secretariat_client, demo_meeting):
    response = secretariat_client.post(
        editor_url(demo_meeting, "duplicate/"),
        {"title": "Again", "slug": demo_meeting.slug, "date": "2023-03-16"},
    )

    assert response.status_code == 200
    assert "Another meeting already has this web address" in response.content.decode()
    assert ReminderRule.objects.filter(meeting__title="Again").count() == 0


def test_the_duplicate_form_suggests_a_date_and_address(secretariat_client, demo_meeting):
    page = secretariat_client.get(editor_url(demo_meeting, "duplicate/")).content.decode()

    next_week = demo_meeting.date + datetime.timedelta(days=7)
    assert f'value="{next_week:%Y-%m-%d}"' in page
    assert f"-{next_week:%Y-%m-%d}" in page
