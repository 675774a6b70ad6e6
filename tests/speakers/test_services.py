import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cidi_meeting.links import InvitationExpired, InvitationWithdrawn
from cidi_meeting.uploads import PDF
from speakers import services
from speakers.enums import InvitationResponse, SlotStatus
from speakers.models import Statement
from speakers.tokens import BadInvitationToken, invitation_token_make, invitation_token_read
from tests.factories import PersonFactory, SpeakerSlotFactory, secretariat_user
from tests.speakers.factories import PDF_BYTES, SpeakerInvitationFactory

pytestmark = pytest.mark.django_db


def test_invitation_send_invites_the_speaker_address_for_thirty_days():
    slot = SpeakerSlotFactory(person=PersonFactory(email="minister@example.org"))
    officer = secretariat_user()
    before = timezone.now()

    invitation = services.invitation_send(slot=slot, sent_by=officer)

    assert invitation.email == "minister@example.org"
    assert invitation.created_by == officer
    assert invitation.response == InvitationResponse.PENDING
    assert invitation.revoked_at is None
    assert invitation.sent_at is None
    valid_for = invitation.expires_at - before
    assert datetime.timedelta(days=30) <= valid_for < datetime.timedelta(days=30, minutes=1)


def test_invitation_send_revokes_the_slot_earlier_invitations_only():
    earlier = SpeakerInvitationFactory()
    other_slot = SpeakerInvitationFactory()

    latest = services.invitation_send(slot=earlier.slot)

    earlier.refresh_from_db()
    other_slot.refresh_from_db()
    latest.refresh_from_db()
    assert earlier.revoked_at is not None
    assert latest.revoked_at is None
    assert other_slot.revoked_at is None


def test_invitation_send_refuses_a_speaker_without_email():
    slot = SpeakerSlotFactory(person=PersonFactory(full_name="Ana Pérez", email=""))

    with pytest.raises(ValidationError) as refused:
        services.invitation_send(slot=slot)

    assert refused.value.messages == [
        "Ms. Ana Pérez has no email address; add one to the speaker's record first."
    ]
    assert not slot.invitations.exists()


def test_invitation_respond_confirms_the_slot_with_a_new_version_and_history():
    invitation = SpeakerInvitationFactory()
    slot = invitation.slot
    version = slot.version

    services.invitation_respond(invitation=invitation, response=InvitationResponse.CONFIRMED)

    invitation.refresh_from_db()
    slot.refresh_from_db()
    assert invitation.response == InvitationResponse.CONFIRMED
    assert invitation.responded_at is not None
    assert slot.status == SlotStatus.CONFIRMED
    assert slot.version == version + 1
    latest = slot.history.order_by("-history_date").first()
    assert (latest.status, latest.version) == (SlotStatus.CONFIRMED, version + 1)


def test_invitation_respond_declines_the_slot():
    invitation = SpeakerInvitationFactory()

    services.invitation_respond(invitation=invitation, response=InvitationResponse.DECLINED)

    invitation.slot.refresh_from_db()
    assert invitation.slot.status == SlotStatus.DECLINED


def test_invitation_respond_refuses_an_expired_invitation_and_changes_nothing():
    invitation = SpeakerInvitationFactory(expires_at=timezone.now() - datetime.timedelta(hours=1))

    with pytest.raises(InvitationExpired):
        services.invitation_respond(invitation=invitation, response=InvitationResponse.CONFIRMED)

    invitation.refresh_from_db()
    assert invitation.response == InvitationResponse.PENDING
    assert invitation.slot.status == SlotStatus.INVITED


def test_invitation_respond_refuses_a_revoked_invitation():
    invitation = SpeakerInvitationFactory(revoked_at=timezone.now())

    with pytest.raises(InvitationWithdrawn):
        services.invitation_respond(invitation=invitation, response=InvitationResponse.CONFIRMED)


def test_statement_upload_stores_the_file_under_a_generated_name():
    invitation = SpeakerInvitationFactory()
    uploaded = SimpleUploadedFile("../../Déclaration finale.pdf", PDF_BYTES)

    statement = services.statement_upload(invitation=invitation, uploaded=uploaded, kind=PDF)

    statement = Statement.objects.get(pk=statement.pk)
    assert statement.slot == invitation.slot
    assert statement.invitation == invitation
    assert statement.original_name == "Déclaration finale.pdf"
    assert (statement.kind, statement.size) == (PDF, len(PDF_BYTES))
    assert statement.file.name.startswith("statements/")
    assert statement.file.name.endswith(".pdf")
    assert "claration" not in statement.file.name
    with default_storage.open(statement.file.name, "rb") as stored:
        assert stored.read() == PDF_BYTES


def test_invitation_token_reads_back_and_refuses_any_change():
    invitation = SpeakerInvitationFactory(email="minister@example.org")
    token = invitation_token_make(invitation=invitation)

    assert invitation_token_read(token) == (invitation.pk, "minister@example.org")
    with pytest.raises(BadInvitationToken):
        invitation_token_read(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    with pytest.raises(BadInvitationToken):
        invitation_token_read("not-a-token")
