"""Invite all the speakers not invited yet, in one action, asking before re-sending."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.enums import Role
from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation
from speakers.selectors import invite_all_plan
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    secretariat_user,
    user_with_role,
)
from tests.speakers.factories import SpeakerInvitationFactory

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def panel():
    """A meeting whose panel has a speaker of each kind, in this order on the agenda.

    Panama's minister and the expert were never invited; the chair has no address;
    Barbados was invited on Dec. 4; Uruguay has confirmed.
    """
    meeting = MeetingFactory(title="CIDI dialogue on digital education")
    opening, panel = (
        SegmentFactory(meeting=meeting, order=1),
        SegmentFactory(meeting=meeting, order=2),
    )

    def slot(segment, order, name, email, *, state=None, status=SlotStatus.INVITED):
        return SpeakerSlotFactory(
            segment=segment,
            order=order,
            person=PersonFactory(full_name=name, email=email),
            representing_state=state,
            status=status,
        )

    from delegations.models import MemberState

    states = {
        state.iso2: state for state in MemberState.objects.filter(iso2__in=["PA", "BB", "UY"])
    }
    slots = {
        "chair": slot(opening, 1, "Chair of CIDI", ""),
        "panama": slot(panel, 1, "Minister of Panama", "minister@example.org", state=states["PA"]),
        "expert": slot(panel, 2, "Expert", "expert@example.org"),
        "barbados": slot(
            panel, 3, "Minister of Barbados", "barbados@example.org", state=states["BB"]
        ),
        "uruguay": slot(
            panel,
            4,
            "Minister of Uruguay",
            "uy@example.org",
            state=states["UY"],
            status=SlotStatus.CONFIRMED,
        ),
    }
    SpeakerInvitationFactory(slot=slots["barbados"], sent_at=SENT_AT)
    return meeting, slots


def invite_all_path(meeting):
    return reverse("speakers:invite_all", kwargs={"slug": meeting.slug})


def test_plan_splits_the_speakers_by_what_inviting_all_does(panel):
    meeting, slots = panel

    plan = invite_all_plan(meeting=meeting)

    assert plan.to_invite == [slots["panama"], slots["expert"]]
    assert plan.without_email == [slots["chair"]]
    assert [slot for slot, _state in plan.already_invited] == [slots["barbados"]]
    assert plan.settled_count == 1


def test_page_lists_who_is_invited_who_has_no_email_and_who_was_invited(client, panel):
    meeting, slots = panel
    client.force_login(secretariat_user())

    response = client.get(invite_all_path(meeting))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Invite all speakers not yet invited" in text
    for key in ("panama", "expert"):
        assert f'name="invite" value="{slots[key].pk}" id="invite-{slots[key].pk}" checked' in text
    barbados = slots["barbados"].pk
    assert f'name="invite_again" value="{barbados}" id="invite-again-{barbados}">' in text
    assert "invited on Dec. 4, 2026 at barbados@example.org" in text
    assert "Speakers without an email address" in text
    assert "Chair of CIDI" in text
    assert "1 speaker has already answered or withdrawn and is left out." in text
    assert "Minister of Uruguay" not in text
    assert SpeakerInvitation.objects.count() == 1


def test_invite_all_sends_to_those_never_invited_only(
    client, panel, django_capture_on_commit_callbacks
):
    meeting, slots = panel
    client.force_login(secretariat_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_all_path(meeting),
            {"invite": [slots["panama"].pk, slots["expert"].pk]},
            follow=True,
        )

    assert response.redirect_chain == [(meeting.get_editor_url(), 302)]
    assert "2 invitations are on their way." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "expert@example.org",
        "minister@example.org",
    ]
    assert slots["barbados"].invitations.count() == 1
    assert not slots["chair"].invitations.exists()


def test_invite_all_invites_again_only_those_ticked(
    client, panel, django_capture_on_commit_callbacks
):
    meeting, slots = panel
    client.force_login(secretariat_user())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            invite_all_path(meeting),
            {"invite": [slots["panama"].pk], "invite_again": [slots["barbados"].pk]},
        )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "barbados@example.org",
        "minister@example.org",
    ]
    assert slots["barbados"].invitations.filter(revoked_at__isnull=True).count() == 1
    assert not slots["expert"].invitations.exists()


def test_invite_all_with_nobody_ticked_says_so_and_sends_nothing(client, panel):
    meeting, _slots = panel
    client.force_login(secretariat_user())

    response = client.post(invite_all_path(meeting), {})

    assert response.status_code == 200
    assert "Choose at least one speaker to invite." in response.content.decode()
    assert SpeakerInvitation.objects.count() == 1


def test_invite_all_refuses_a_list_that_changed_meanwhile(client, panel):
    meeting, slots = panel
    client.force_login(secretariat_user())
    # Someone invited the expert after the page was opened.
    SpeakerInvitationFactory(slot=slots["expert"], sent_at=SENT_AT)

    response = client.post(
        invite_all_path(meeting), {"invite": [slots["panama"].pk, slots["expert"].pk]}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "The list of speakers changed since the page was opened" in text
    assert slots["expert"].invitations.count() == 1
    assert not slots["panama"].invitations.exists()


def test_invite_all_says_when_there_is_nobody_to_invite(client):
    meeting = MeetingFactory()
    SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting), status=SlotStatus.CONFIRMED)
    client.force_login(secretariat_user())

    text = client.get(invite_all_path(meeting)).content.decode()

    assert "There is nobody to invite" in text
    assert "Send the invitations" not in text


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.FOCAL_POINT])
def test_invite_all_is_for_the_secretariat_only(client, panel, role):
    meeting, slots = panel
    client.force_login(user_with_role(role))

    assert client.get(invite_all_path(meeting)).status_code == 403
    assert (
        client.post(invite_all_path(meeting), {"invite": [slots["panama"].pk]}).status_code == 403
    )
    assert SpeakerInvitation.objects.count() == 1


def test_editor_offers_invite_all(client, panel):
    meeting, _slots = panel
    client.force_login(secretariat_user())

    text = client.get(meeting.get_editor_url()).content.decode()

    assert f'href="{invite_all_path(meeting)}"' in text
    assert "Invite all speakers" in text
