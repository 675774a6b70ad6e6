from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from speakers import services, tasks
from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation, SpeakerSlot
from tests.factories import PersonFactory, SpeakerSlotFactory
from tests.speakers.factories import SpeakerInvitationFactory
from tests.test_worker import real_worker, wait_for


def panel_slot(meeting, iso2, *, email, language):
    slot = SpeakerSlot.objects.select_related("person").get(
        segment__meeting=meeting, representing_state__iso2=iso2
    )
    slot.person.email = email
    slot.person.preferred_language = language
    slot.person.save()
    slot.status = SlotStatus.INVITED
    slot.save()
    return slot


def test_invitation_email_is_queued_and_sent_in_the_speaker_language(
    client, demo_meeting, django_capture_on_commit_callbacks
):
    slot = panel_slot(demo_meeting, "MX", email="bienestar@example.org", language="es")

    with django_capture_on_commit_callbacks(execute=False) as queued:
        invitation = services.invitation_send(slot=slot)
    assert len(queued) == 1
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()

    [message] = mail.outbox
    assert message.to == ["bienestar@example.org"]
    assert message.extra_headers["Content-Language"] == "es"
    assert message.subject.startswith("[CIDI] ")
    assert "17 de noviembre de 2022" in message.body
    assert "10:21\N{EN DASH}10:28 (hora oriental, Nueva York)" in message.body
    assert "5 + 2 min" in message.body
    assert "¿De qué manera considera que la OEA podría contribuir" in message.body
    link = next(line for line in message.body.splitlines() if "/speakers/invitation/" in line)
    # The speaker's page opens in the speaker's language.
    assert link.startswith("http://127.0.0.1:8000/es/speakers/invitation/")
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    # The emailed link opens the speaker's page.
    assert client.get(urlsplit(link).path).status_code == 200


def test_invitation_email_goes_out_in_english_to_an_english_speaker(
    demo_meeting, django_capture_on_commit_callbacks
):
    slot = panel_slot(demo_meeting, "BB", email="elder.affairs@example.org", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(slot=slot)

    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"
    assert "Invitation to speak: Strengthening social safety nets" in message.subject
    assert "Nov. 17, 2022" in message.body
    assert "10:07\N{EN DASH}10:14 (Eastern Time, New York)" in message.body
    assert "7 min" in message.body


@pytest.mark.django_db
def test_revoked_invitation_is_not_sent():
    invitation = SpeakerInvitationFactory(revoked_at=timezone.now())

    assert tasks.invitation_email_send.delay(invitation.pk).get() is False

    assert mail.outbox == []


@pytest.mark.django_db
def test_invitation_already_sent_is_not_sent_twice():
    invitation = SpeakerInvitationFactory()

    assert tasks.invitation_email_send.delay(invitation.pk).get() is True
    assert tasks.invitation_email_send.delay(invitation.pk).get() is False

    assert len(mail.outbox) == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_invitation_email_goes_through_the_worker_to_the_smtp_server(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    slot = SpeakerSlotFactory(
        status=SlotStatus.INVITED,
        person=PersonFactory(email="ministre@example.org", preferred_language="fr"),
    )

    with real_worker(settings):
        invitation = services.invitation_send(slot=slot)

        assert wait_for(lambda: smtp_server.messages), "no email reached the SMTP server"
        assert wait_for(lambda: SpeakerInvitation.objects.get(pk=invitation.pk).sent_at)

    [message] = smtp_server.messages
    assert message["to"] == ["ministre@example.org"]
    assert "Content-Language: fr" in message["data"]
    assert "17 novembre 2022" in message["data"]
