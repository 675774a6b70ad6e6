"""A speaker invited to a meeting of several days is told the day and session of the slot."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from agenda.models import MeetingSession
from speakers import services
from speakers.enums import SlotStatus
from speakers.tokens import invitation_token_make
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2027, 3, 10)
DAY_TWO = datetime.date(2027, 3, 11)


def second_day_slot():
    meeting = MeetingFactory(date=DAY_ONE, end_date=DAY_TWO, slug="remdes")
    MeetingSession.objects.create(
        meeting=meeting, title="Opening plenary", date=DAY_ONE, start_time=datetime.time(9, 0)
    )
    working_group = MeetingSession.objects.create(
        meeting=meeting,
        title="Working group 2",
        date=DAY_TWO,
        start_time=datetime.time(14, 30),
        room="Room B",
    )
    return SpeakerSlotFactory(
        segment=SegmentFactory(meeting=meeting, session=working_group, title="Care economy"),
        person=PersonFactory(email="expert@example.org", preferred_language="en"),
        representing_state=None,
        status=SlotStatus.INVITED,
    )


def test_the_invitation_gives_the_day_session_and_room_of_the_slot(
    client, django_capture_on_commit_callbacks
):
    slot = second_day_slot()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(slot=slot)

    [message] = mail.outbox
    assert "Date: March 11, 2027" in message.body
    assert "Session: Working group 2, Room B" in message.body
    assert "Your time: 14:30–14:37" in message.body
    token = invitation_token_make(invitation=invitation)
    page = client.get(reverse("speakers:invitation", kwargs={"token": token})).content.decode()
    assert "March 11, 2027" in page
    assert "Working group 2 · Room B" in page
