"""A speaker is asked to answer by the meeting's deadline, never by the link's expiry."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from speakers import services
from speakers.enums import SlotStatus
from speakers.tokens import invitation_token_make
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# The officer invites on Dec. 4, 2026, for a meeting on Dec. 18: thirty days from the
# invitation is Jan. 3, 2027, after the meeting.
INVITED_AT = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=datetime.UTC)
CONFIRMATION_DEADLINE = datetime.datetime(2026, 12, 11, 17, 0, tzinfo=NEW_YORK)


@pytest.fixture
def invited_at(monkeypatch):
    """Stop the clock at the moment of the invitation."""
    monkeypatch.setattr(timezone, "now", lambda: INVITED_AT)
    return INVITED_AT


def december_slot(*, deadline=CONFIRMATION_DEADLINE, date=datetime.date(2026, 12, 18), **person):
    meeting = MeetingFactory(
        title="CIDI dialogue on digital education",
        date=date,
        start_time=datetime.time(10, 0),
        time_zone="America/New_York",
        speaker_confirmation_deadline=deadline,
    )
    person = PersonFactory(email="expert@example.org", preferred_language="en", **person)
    return SpeakerSlotFactory(
        segment=SegmentFactory(meeting=meeting, title="Expert panel"),
        person=person,
        representing_state=None,
        status=SlotStatus.INVITED,
    )


def invitation_page(client, invitation):
    token = invitation_token_make(invitation=invitation)
    response = client.get(reverse("speakers:invitation", kwargs={"token": token}))
    assert response.status_code == 200
    return response.content.decode()


def sent_email(slot, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(slot=slot)
    [message] = mail.outbox
    return invitation, message


# The link's expiry ----------------------------------------------------------------------


def test_invitation_link_stays_open_until_the_confirmation_deadline(invited_at):
    far_deadline = datetime.datetime(2027, 3, 1, 18, 0, tzinfo=NEW_YORK)
    slot = december_slot(deadline=far_deadline, date=datetime.date(2027, 3, 10))

    invitation = services.invitation_send(slot=slot)

    assert invitation.expires_at >= far_deadline


def test_invitation_link_stays_open_until_the_meeting_has_ended(invited_at):
    slot = december_slot(deadline=None, date=datetime.date(2027, 3, 10))

    invitation = services.invitation_send(slot=slot)

    assert invitation.expires_at >= datetime.datetime(2027, 3, 11, 0, 0, tzinfo=NEW_YORK)


def test_invitation_link_of_a_near_meeting_is_still_open_thirty_days(invited_at):
    invitation = services.invitation_send(slot=december_slot())

    assert invitation.expires_at == INVITED_AT + datetime.timedelta(days=30)


# The speaker's page ---------------------------------------------------------------------


def test_invitation_page_asks_for_an_answer_by_the_confirmation_deadline(client, invited_at):
    invitation = services.invitation_send(slot=december_slot())

    text = invitation_page(client, invitation)

    assert "Please answer by Dec. 11, 2026, 5 p.m. (Eastern Time, New York)." in text
    assert "Jan. 3, 2027" not in text


def test_invitation_page_names_no_date_when_the_meeting_sets_no_deadline(client, invited_at):
    invitation = services.invitation_send(slot=december_slot(deadline=None))

    text = invitation_page(client, invitation)

    assert "Please answer by" not in text
    assert "Jan. 3, 2027" not in text


def test_invitation_page_says_when_the_deadline_has_passed(client, monkeypatch, invited_at):
    invitation = services.invitation_send(slot=december_slot())
    monkeypatch.setattr(timezone, "now", lambda: CONFIRMATION_DEADLINE + datetime.timedelta(days=1))

    text = invitation_page(client, invitation)

    assert (
        "The deadline to answer was Dec. 11, 2026, 5 p.m. (Eastern Time, New York); "
        "please answer as soon as you can."
    ) in text
    assert "Please answer by" not in text


def test_invitation_page_asks_nothing_by_a_date_once_answered(client, invited_at):
    invitation = services.invitation_send(slot=december_slot())
    client.post(
        reverse(
            "speakers:invitation", kwargs={"token": invitation_token_make(invitation=invitation)}
        ),
        {"answer": "confirmed"},
    )

    text = invitation_page(client, invitation)

    assert "You confirmed your participation on Dec. 4, 2026." in text
    assert "Please answer by" not in text


# The email ------------------------------------------------------------------------------


def test_invitation_email_states_the_confirmation_deadline(
    invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_email(december_slot(), django_capture_on_commit_callbacks)

    assert "Please answer by Dec. 11, 2026, 5 p.m. (Eastern Time, New York)." in message.body
    assert "Jan. 3, 2027" not in message.body


def test_invitation_email_in_spanish_states_the_deadline_in_the_meeting_zone(
    invited_at, django_capture_on_commit_callbacks
):
    slot = december_slot()
    slot.person.preferred_language = "es"
    slot.person.save()

    _invitation, message = sent_email(slot, django_capture_on_commit_callbacks)

    assert "11 de diciembre de 2026 a las 17:00 (hora oriental, Nueva York)" in message.body


def test_invitation_email_without_deadline_names_no_date(
    invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_email(
        december_slot(deadline=None), django_capture_on_commit_callbacks
    )

    assert "Please answer by" not in message.body
    assert "Jan. 3, 2027" not in message.body


# A panelist who represents nobody -------------------------------------------------------


def test_page_and_email_of_a_panelist_representing_nobody_name_no_empty_state(
    client, invited_at, django_capture_on_commit_callbacks
):
    slot = december_slot(full_name="Ana Pérez", protocol_title="Dr.")
    question = slot.segment.guiding_questions.create(text="How can schools go digital?")
    slot.guiding_questions.add(question)

    invitation, message = sent_email(slot, django_capture_on_commit_callbacks)
    text = invitation_page(client, invitation)

    for shown in (text, message.body):
        assert "How can schools go digital?" in shown
        assert ": Dr. Ana Pérez" not in shown
        assert ": How can" not in shown
    assert "Dear Dr. Ana Pérez" in text
    assert "Representing" not in text
