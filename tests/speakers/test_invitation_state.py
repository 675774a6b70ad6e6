"""The editor's slot rows tell where each speaker stands, and Invite again asks first."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation, SpeakerSlot
from speakers.selectors import InvitationState, slot_invitation_state
from tests.agenda.test_views import count_page_queries
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    secretariat_user,
)
from tests.speakers.factories import SpeakerInvitationFactory

pytestmark = pytest.mark.django_db

# 9 p.m. on Dec. 4 in New York is already Dec. 5 in UTC.
SENT_AT = datetime.datetime(2026, 12, 5, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def secretariat_client(client):
    client.force_login(secretariat_user())
    return client


def new_slot(meeting=None, *, email="expert@example.org", **fields):
    """Return a slot as the slot form creates it: the status the model gives by default."""
    segment = SegmentFactory(meeting=meeting or MeetingFactory(date=datetime.date(2026, 12, 18)))
    defaults = {
        "segment": segment,
        "person": PersonFactory(full_name="Ana Pérez", email=email),
        "representing_state": None,
        "status": SpeakerSlot._meta.get_field("status").default,
    }
    return SpeakerSlotFactory(**(defaults | fields))


def editor_row(client, slot):
    """Return the HTML of the slot's row in the agenda editor."""
    response = client.get(slot.segment.meeting.get_editor_url())
    assert response.status_code == 200
    text = response.content.decode()
    start = text.index(f'id="slot-{slot.pk}"')
    return text[start : text.index("</li>", start)]


def invite_button(row):
    """Return the HTML of the row's Invite button."""
    return re.search(r'<button[^>]*id="slot-\d+-invite".*?</button>', row, re.S).group(0)


def badge(row):
    return re.search(r'data-testid="slot-invitation-state">([^<]*)<', row).group(1)


def invite_path(slot):
    return reverse("speakers:invitation_send", kwargs={"slot_pk": slot.pk})


# The state ------------------------------------------------------------------------------


def test_new_slot_is_not_invited_yet(secretariat_client):
    slot = new_slot()

    row = editor_row(secretariat_client, slot)

    assert badge(row) == "Not invited yet"
    assert ">Invited<" not in row


def test_new_slot_of_a_person_without_email_says_so(secretariat_client):
    slot = new_slot(email="")

    row = editor_row(secretariat_client, slot)

    assert badge(row) == "Not invited yet"
    # The Chair's slot: where to add the address is one click away.
    assert f'<a href="/secretariat/people/{slot.person_id}/">(no email address: add one)</a>' in row


def test_slot_shows_the_day_its_invitation_was_sent_in_the_meeting_zone(secretariat_client):
    slot = new_slot()
    SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    row = editor_row(secretariat_client, slot)

    assert badge(row) == "Invited on Dec. 4, 2026"


def test_slot_shows_the_latest_invitation_sent(secretariat_client):
    slot = new_slot()
    earlier = SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT - datetime.timedelta(days=2))
    SpeakerInvitation.objects.filter(pk=earlier.pk).update(
        created_at=SENT_AT - datetime.timedelta(days=2)
    )
    SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    assert badge(editor_row(secretariat_client, slot)) == "Invited on Dec. 4, 2026"


def test_slot_whose_invitation_is_queued_says_it_is_being_sent(secretariat_client):
    slot = new_slot()
    SpeakerInvitationFactory(slot=slot, sent_at=None)

    assert badge(editor_row(secretariat_client, slot)) == "Invitation being sent"


def test_slot_whose_link_expired_unanswered_says_so(secretariat_client):
    slot = new_slot()
    SpeakerInvitationFactory(
        slot=slot, sent_at=SENT_AT, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )

    row = editor_row(secretariat_client, slot)

    assert badge(row) == "Invited on Dec. 4, 2026"
    assert "(the link has expired)" in row


def test_confirmed_slot_is_confirmed(secretariat_client):
    slot = new_slot(status=SlotStatus.CONFIRMED)
    SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    assert badge(editor_row(secretariat_client, slot)) == "Confirmed"


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (SlotStatus.INVITED, InvitationState.NOT_INVITED),
        (SlotStatus.CONFIRMED, InvitationState.CONFIRMED),
        (SlotStatus.DECLINED, InvitationState.DECLINED),
        (SlotStatus.WITHDRAWN, InvitationState.WITHDRAWN),
    ],
)
def test_state_follows_the_answer_recorded_on_the_slot(status, state):
    assert slot_invitation_state(new_slot(status=status)).state == state


def test_editor_shows_the_states_without_a_query_per_slot(secretariat_client):
    def agenda_with(slot_count):
        meeting = MeetingFactory()
        segment = SegmentFactory(meeting=meeting)
        for number in range(slot_count):
            slot = new_slot(meeting, segment=segment, status=SlotStatus.INVITED)
            if number % 2:
                SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)
                SpeakerInvitationFactory(slot=slot, sent_at=None)
        return meeting

    small, large = agenda_with(2), agenda_with(14)

    assert count_page_queries(secretariat_client, small.get_editor_url()) == count_page_queries(
        secretariat_client, large.get_editor_url()
    )


# The button -----------------------------------------------------------------------------


def test_button_of_a_slot_never_invited_invites_without_asking(secretariat_client):
    button = invite_button(editor_row(secretariat_client, new_slot()))

    assert ">Invite<span" in button
    assert "hx-confirm" not in button
    assert "hx-post" not in button


def test_button_of_an_invited_slot_says_invite_again_and_asks(secretariat_client):
    slot = new_slot()
    SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    row = invite_button(editor_row(secretariat_client, slot))

    assert ">Invite again<span" in row
    assert (
        'hx-confirm="Ms. Ana Pérez was invited on Dec. 4, 2026. Send a new invitation? '
        'The link of the earlier one will stop working."'
    ) in row
    assert f'hx-post="{invite_path(slot)}"' in row
    assert """hx-vals='{"confirm": "yes"}'""" in row
    assert f'formaction="{invite_path(slot)}"' in row


def test_invite_again_without_javascript_asks_first_and_sends_nothing(
    secretariat_client, django_capture_on_commit_callbacks
):
    slot = new_slot()
    invitation = SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(invite_path(slot), {"slot": [slot.pk]})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Invite again?" in text
    assert "Ms. Ana Pérez was invited on Dec. 4, 2026. Send a new invitation?" in text
    assert 'name="confirm" value="yes"' in text
    assert f'action="{invite_path(slot)}"' in text
    assert f'href="{slot.segment.meeting.get_editor_url()}"' in text
    assert list(SpeakerInvitation.objects.filter(slot=slot)) == [invitation]
    assert mail.outbox == []


def test_invite_again_once_confirmed_replaces_the_invitation(
    secretariat_client, django_capture_on_commit_callbacks
):
    slot = new_slot()
    earlier = SpeakerInvitationFactory(slot=slot, sent_at=SENT_AT)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(invite_path(slot), {"confirm": "yes"})

    assert response.status_code == 302
    assert response["Location"] == slot.segment.meeting.get_editor_url()
    earlier.refresh_from_db()
    assert earlier.revoked_at is not None
    assert SpeakerInvitation.objects.filter(slot=slot, revoked_at__isnull=True).count() == 1
    assert [message.to for message in mail.outbox] == [["expert@example.org"]]


def test_first_invitation_is_sent_at_once_from_the_editor(
    secretariat_client, django_capture_on_commit_callbacks
):
    slot = new_slot()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(invite_path(slot), {"slot": [slot.pk]}, follow=True)

    assert response.redirect_chain == [(slot.segment.meeting.get_editor_url(), 302)]
    assert "Invitation for Ms. Ana Pérez sent to expert@example.org." in response.content.decode()
    assert SpeakerInvitation.objects.get(slot=slot).sent_at is not None
    assert badge(editor_row(secretariat_client, slot)).startswith("Invited on ")
    assert len(mail.outbox) == 1
