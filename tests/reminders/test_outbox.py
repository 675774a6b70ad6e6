"""Every email of a meeting in its outbox: recorded with its kind, sent once, status kept."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from cidi_meeting import mail as cidi_mail
from cidi_meeting.mail import MailKind, queue_message, send_message
from delegations import services as delegation_services
from delegations.enums import DelegationStatus
from delegations.invitations import services as focal_services
from delegations.models import Delegation
from delegations.tasks import invitation_email_send as focal_invitation_task
from reminders.models import OutboxMessage, OutboxStatus
from speakers import services as speaker_services
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot
from speakers.tasks import invitation_email_send as speaker_invitation_task
from tests.factories import secretariat_user

MEETING = "/secretariat/meetings/social-safety-nets/"


def email(to="someone@example.org", subject="[CIDI] Hello", body="Dear someone,\n\nHello.\n"):
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email="cidi@example.org",
        to=[to],
        headers={"Content-Language": "fr"},
    )
    message.attach_alternative("<p>Hello.</p>", "text/html")
    return message


def test_a_meeting_email_is_recorded_in_its_outbox_and_sent(
    demo_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.REGISTRATION)

    row = OutboxMessage.objects.get()
    [sent] = mail.outbox
    assert (row.meeting, row.kind, row.status, row.attempts) == (
        demo_meeting,
        MailKind.REGISTRATION,
        OutboxStatus.SENT,
        1,
    )
    assert (row.recipient_email, row.language, row.rule) == ("someone@example.org", "fr", None)
    assert (row.subject, row.body) == (sent.subject, sent.body) == ("[CIDI] Hello", email().body)
    assert sent.alternatives[0].content == "<p>Hello.</p>"
    assert sent.extra_headers["Content-Language"] == "fr"


def test_nothing_is_recorded_before_the_transaction_commits(
    demo_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        queue_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.GOOD_PRACTICE)

    # Written with the caller's transaction; sent once it commits.
    assert OutboxMessage.objects.get().status == OutboxStatus.SENDING
    assert mail.outbox == []
    assert len(queued) == 1


def test_an_email_without_a_meeting_goes_the_plain_way(
    demo_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(email(), kind=MailKind.ACCOUNT)

    assert OutboxMessage.objects.count() == 0
    assert [message.to for message in mail.outbox] == [["someone@example.org"]]


def test_without_a_recorder_the_email_goes_the_plain_way(
    demo_meeting, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(cidi_mail, "_recorders", [])

    with django_capture_on_commit_callbacks(execute=True):
        queue_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.REGISTRATION)
    send_message(email(to="other@example.org"), meeting_id=demo_meeting.pk)

    assert OutboxMessage.objects.count() == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other@example.org",
        "someone@example.org",
    ]


def test_an_email_sent_twice_under_one_key_is_sent_once(demo_meeting):
    for _attempt in range(2):
        send_message(
            email(), meeting_id=demo_meeting.pk, kind=MailKind.SPEAKER_INVITATION, key="41"
        )

    row = OutboxMessage.objects.get()
    assert (row.dedupe_key, row.status, row.attempts) == (
        "speaker_invitation:41",
        OutboxStatus.SENT,
        1,
    )
    assert len(mail.outbox) == 1


def test_a_transient_refusal_is_raised_for_the_task_and_the_retry_sends_once(
    demo_meeting, settings
):
    settings.EMAIL_BACKEND = "tests.reminders.test_outbox.TransientlyRefusing"
    TransientlyRefusing.refusals, TransientlyRefusing.sent = 1, 0

    with pytest.raises(smtplib.SMTPDataError):
        send_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.SPEAKER_INVITATION, key="7")
    waiting = OutboxMessage.objects.get()
    send_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.SPEAKER_INVITATION, key="7")

    row = OutboxMessage.objects.get()
    assert (waiting.status, waiting.last_error) == (
        OutboxStatus.SENDING,
        "SMTPDataError: (451, 'Try again later')",
    )
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)
    assert TransientlyRefusing.sent == 1


class TransientlyRefusing(BaseEmailBackend):
    """A mail backend that refuses the first ``refusals`` messages with a 451."""

    refusals = 0
    sent = 0

    def send_messages(self, messages):
        if TransientlyRefusing.refusals:
            TransientlyRefusing.refusals -= 1
            raise smtplib.SMTPDataError(451, "Try again later")
        TransientlyRefusing.sent += len(messages)
        return len(messages)


class PermanentlyRefusing(TransientlyRefusing):
    def send_messages(self, messages):
        if TransientlyRefusing.refusals:
            TransientlyRefusing.refusals -= 1
            raise smtplib.SMTPRecipientsRefused({"someone@example.org": (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_email_is_failed_with_the_reason_and_can_be_sent_again(
    demo_meeting, settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reminders.test_outbox.PermanentlyRefusing"
    TransientlyRefusing.refusals, TransientlyRefusing.sent = 1, 0
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(email(), meeting_id=demo_meeting.pk, kind=MailKind.REGISTRATION)
    failed = OutboxMessage.objects.get()
    client.force_login(secretariat_user())

    page = client.get(MEETING + "outbox/?status=failed").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(MEETING + f"outbox/{failed.pk}/send-again/")

    assert failed.status == OutboxStatus.FAILED
    assert "SMTPRecipientsRefused" in failed.last_error
    assert f'id="message-{failed.pk}"' in page
    assert "Registration and accreditation" in page
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, TransientlyRefusing.sent) == (OutboxStatus.SENT, 2, 1)


def panel_slot(meeting, iso2):
    slot = SpeakerSlot.objects.select_related("person", "segment").get(
        segment__meeting=meeting, representing_state__iso2=iso2
    )
    slot.status = SlotStatus.INVITED
    slot.save()
    return slot


def test_a_speaker_invitation_is_in_the_outbox_once(
    demo_meeting, django_capture_on_commit_callbacks
):
    slot = panel_slot(demo_meeting, "MX")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = speaker_services.invitation_send(slot=slot)
    speaker_invitation_task.delay(invitation.pk).get()  # delivered twice: nothing more

    row = OutboxMessage.objects.get()
    [sent] = mail.outbox
    assert (row.kind, row.status, row.recipient_email) == (
        MailKind.SPEAKER_INVITATION,
        OutboxStatus.SENT,
        "speaker.mx@example.org",
    )
    assert (row.subject, row.body) == (sent.subject, sent.body)
    assert row.dedupe_key == f"speaker_invitation:{invitation.pk}"


def test_a_focal_point_invitation_is_in_the_outbox(
    demo_meeting, django_capture_on_commit_callbacks
):
    delegation = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = focal_services.invitation_send(
            delegation=delegation, email="new.focal@example.org"
        )
    focal_invitation_task.delay(invitation.pk, "es").get()

    row = OutboxMessage.objects.get()
    assert (row.kind, row.status, row.recipient_email, row.language) == (
        MailKind.FOCAL_POINT_INVITATION,
        OutboxStatus.SENT,
        "new.focal@example.org",
        "es",
    )
    assert len(mail.outbox) == 1


def test_an_accreditation_notice_is_in_the_outbox(demo_meeting, django_capture_on_commit_callbacks):
    delegation = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="UY")
    delegation.status = DelegationStatus.SUBMITTED
    delegation.save()

    with django_capture_on_commit_callbacks(execute=True):
        delegation_services.delegation_accredit(
            delegation=delegation,
            credentials_presented_at=timezone.now(),
            expected_version=delegation.version,
        )

    row = OutboxMessage.objects.get()
    assert (row.kind, row.status, row.recipient_email) == (
        MailKind.REGISTRATION,
        OutboxStatus.SENT,
        "focal.uy@example.org",
    )
