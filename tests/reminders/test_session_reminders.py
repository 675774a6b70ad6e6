"""A speaker's reminder in a meeting with sessions: the day, time and room of their session."""

import datetime

import icalendar
import pytest
from django.core import mail

from reminders import sweep
from reminders.recipients import MeetingAudiences
from reminders.services import reminder_rules_default
from speakers.enums import Attendance
from speakers.models import Person, SpeakerSlot
from tests.agenda.session_meeting import GROUP_LINK, MEETING_LINK, session_meeting
from tests.reminders.conftest import RULES_MADE

pytestmark = pytest.mark.django_db

# The evening before day two (14:30 in New York): each speaker of day two has come due
# for the reminder of one day before; those of day one have spoken already.
EVE_OF_DAY_TWO = datetime.datetime(2022, 11, 17, 19, 30, tzinfo=datetime.UTC)


@pytest.fixture
def built():
    built = session_meeting(slots=1)
    for session in built.sessions:
        slot = SpeakerSlot.objects.get(segment__session=session)
        Person.objects.filter(pk=slot.person_id).update(email=address(session))
    reminder_rules_default(meeting=built.meeting, now=RULES_MADE)
    return built


def address(session):
    return f"{session.room.replace(' ', '').lower()}.{session.pk}@example.org"


def send_due(capture):
    with capture(execute=True):
        sweep.reminders_sweep(now=EVE_OF_DAY_TWO)
    return {message.to[0]: message for message in mail.outbox}


def test_a_speaker_of_day_two_is_told_the_day_time_and_room_of_their_session(
    built, django_capture_on_commit_callbacks
):
    sent = send_due(django_capture_on_commit_callbacks)

    group = sent[address(built.group_b)]
    assert group.subject == "[CIDI] Reminder: you speak on Nov. 18, 2022 – " + built.meeting.title
    assert "You speak on Nov. 18, 2022 at 14:00 (Eastern Time, New York)." in group.body
    assert (
        "Session: Working group 2, Nov. 18, 2022, 14:00–16:00 (Eastern Time, New York)"
        in group.body
    )
    assert "Room: Room B" in group.body
    assert "Your time: Nov. 18, 2022, 14:00–14:07 (Eastern Time, New York)" in group.body
    plenary = sent[address(built.plenary)]
    assert (
        "Session: Second plenary, Nov. 18, 2022, 09:30–12:00 (Eastern Time, New York)"
        in plenary.body
    )
    assert "Room: Hall of the Americas" in plenary.body
    # Day one's speakers have spoken: their reminders are too late.
    assert address(built.opening) not in sent


def test_a_speakers_calendar_file_is_in_their_sessions_room_on_its_day(
    built, django_capture_on_commit_callbacks
):
    sent = send_due(django_capture_on_commit_callbacks)

    [(_name, content, _type)] = sent[address(built.group_a)].attachments
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2022, 11, 18, 19, tzinfo=datetime.UTC)
    assert str(event["location"]) == "Room A, OAS headquarters"


def test_a_remote_speaker_gets_their_sessions_connection_link(
    built, django_capture_on_commit_callbacks
):
    SpeakerSlot.objects.filter(segment__meeting=built.meeting).update(attendance=Attendance.REMOTE)

    sent = send_due(django_capture_on_commit_callbacks)

    assert f"Connection link: {GROUP_LINK}" in sent[address(built.group_b)].body
    # A session without a link of its own gives the meeting's.
    assert f"Connection link: {MEETING_LINK}" in sent[address(built.group_a)].body
    assert GROUP_LINK not in sent[address(built.group_a)].body


def test_the_chairs_of_sessions_are_among_the_chairs(built):
    audiences = MeetingAudiences(built.meeting)

    assert [person.display_name for person in audiences.chair_people()] == ["Ms. Ana Pérez"]
