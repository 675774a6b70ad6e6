import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from speakers.enums import InvitationResponse, SlotStatus
from speakers.models import SpeakerInvitation, SpeakerSlot, Statement
from speakers.tokens import invitation_token_make
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import MeetingFactory, UserFactory, secretariat_user, user_with_role
from tests.speakers.factories import (
    PDF_BYTES,
    PNG_BYTES,
    SpeakerInvitationFactory,
    StatementFactory,
    docx_bytes,
)


def invitation_path(invitation):
    return reverse(
        "speakers:invitation", kwargs={"token": invitation_token_make(invitation=invitation)}
    )


def slot_ics_path(invitation):
    return reverse(
        "speakers:slot_ics", kwargs={"token": invitation_token_make(invitation=invitation)}
    )


def page(response):
    return response.content.decode()


@pytest.fixture
def panel_invitation(demo_meeting):
    """An open invitation to Mexico's slot of the demo's technical panel (10:21, 5 + 2 min)."""
    demo_meeting.connection_link = "https://meet.example.org/cidi-social-safety-nets"
    demo_meeting.save()
    slot = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="MX")
    slot.status = SlotStatus.INVITED
    slot.save()
    return SpeakerInvitationFactory(slot=slot, email="Speaker.MX@example.org")


# Sending --------------------------------------------------------------------------------


def send(client, invitation, **options):
    """Press the secretariat's Invite again button for the invitation's slot, and confirm."""
    client.force_login(secretariat_user())
    path = reverse("speakers:invitation_send", kwargs={"slot_pk": invitation.slot.pk})
    return client.post(
        path,
        {"next": "/secretariat/meetings/", "confirm": "yes"} | options.pop("data", {}),
        **options,
    )


@pytest.mark.django_db
def test_secretariat_sends_an_invitation_and_returns_to_the_page_it_came_from(client):
    invitation = SpeakerInvitationFactory()

    response = send(client, invitation, follow=True)

    assert response.redirect_chain[0] == ("/secretariat/meetings/", 302)
    latest = SpeakerInvitation.objects.filter(slot=invitation.slot).first()
    assert latest.pk != invitation.pk
    assert latest.email == invitation.email
    assert f"sent to {invitation.email}" in page(response)


@pytest.mark.django_db
def test_invitation_send_ignores_an_outside_next_address(client):
    invitation = SpeakerInvitationFactory()

    response = send(client, invitation, data={"next": "https://evil.example.com/"})

    assert response.status_code == 302
    assert response["Location"] == invitation.slot.segment.meeting.get_editor_url()


@pytest.mark.django_db
def test_invitation_send_answers_htmx_with_a_client_redirect(client):
    invitation = SpeakerInvitationFactory()

    response = send(client, invitation, headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == "/secretariat/meetings/"


@pytest.mark.django_db
def test_invitation_send_says_why_a_speaker_without_email_cannot_be_invited(client):
    invitation = SpeakerInvitationFactory(slot__person__email="", email="old@example.org")

    response = send(client, invitation, follow=True)

    assert "has no email address" in page(response)
    assert SpeakerInvitation.objects.filter(slot=invitation.slot).count() == 1


@pytest.mark.django_db
def test_invitation_send_is_refused_to_the_moderator_and_to_get(client):
    invitation = SpeakerInvitationFactory()
    path = reverse("speakers:invitation_send", kwargs={"slot_pk": invitation.slot.pk})

    client.force_login(user_with_role(Role.MODERATOR))
    assert client.post(path).status_code == 403
    client.force_login(secretariat_user())
    assert client.get(path).status_code == 405
    assert SpeakerInvitation.objects.filter(slot=invitation.slot).count() == 1


# Answering ------------------------------------------------------------------------------


def test_speaker_sees_the_slot_and_confirms_through_the_link(client, panel_invitation):
    path = invitation_path(panel_invitation)

    shown = client.get(path)

    text = page(shown)
    assert shown.status_code == 200
    assert "Strengthening social safety nets" in text
    assert "Nov. 17, 2022" in text
    assert "Part Two: Technical panel" in text
    assert "10:21</time>\N{EN DASH}<time" in text
    assert "10:28" in text
    assert "Eastern Time, New York" in text
    assert "5 + 2 min" in text
    assert "https://meet.example.org/cidi-social-safety-nets" in text
    assert "most important challenges and priority areas" in text  # for all the panel
    assert "How do you think the OAS could contribute" in text  # for Mexico and the DR
    assert "what role have social safety nets played" not in text  # for ECLAC only
    assert 'name="csrfmiddlewaretoken"' in text
    assert shown["Cache-Control"].startswith("max-age=0")

    confirmed = client.post(path, {"answer": "confirmed"}, follow=True)

    assert confirmed.redirect_chain == [(path, 302)]
    assert "your participation is confirmed" in page(confirmed)
    assert reverse("speakers:slot_ics", kwargs={"token": path.split("/")[-2]}) in page(confirmed)
    panel_invitation.refresh_from_db()
    assert panel_invitation.response == InvitationResponse.CONFIRMED
    assert SpeakerSlot.objects.get(pk=panel_invitation.slot_id).status == SlotStatus.CONFIRMED


def test_speaker_signed_in_under_the_invited_address_in_other_case_may_answer(
    client, panel_invitation
):
    client.force_login(UserFactory(email="speaker.mx@example.org"))

    response = client.post(invitation_path(panel_invitation), {"answer": "confirmed"})

    assert response.status_code == 302
    panel_invitation.refresh_from_db()
    assert panel_invitation.response == InvitationResponse.CONFIRMED


def test_speaker_declines_and_the_slot_leaves_the_clock(client, panel_invitation):
    path = invitation_path(panel_invitation)

    response = client.post(path, {"answer": "declined"}, follow=True)

    text = page(response)
    assert "you have declined" in text
    assert "Not on the agenda while the invitation is declined." in text
    assert 'id="statement-form"' not in text
    assert SpeakerSlot.objects.get(pk=panel_invitation.slot_id).status == SlotStatus.DECLINED


def test_forwarded_link_used_under_another_account_is_refused(client, panel_invitation):
    client.force_login(UserFactory(email="colleague@example.org"))
    path = invitation_path(panel_invitation)

    shown = client.get(path)
    answered = client.post(path, {"answer": "declined"})

    assert shown.status_code == 403
    assert "This invitation is addressed to someone else" in page(shown)
    assert "You are signed in as colleague@example.org" in page(shown)
    assert "Traceback" not in page(shown)
    assert answered.status_code == 403
    panel_invitation.refresh_from_db()
    assert panel_invitation.response == InvitationResponse.PENDING


def test_expired_link_is_refused_with_its_date(client, panel_invitation):
    panel_invitation.expires_at = timezone.make_aware(datetime.datetime(2022, 11, 10, 12))
    panel_invitation.save()

    response = client.get(invitation_path(panel_invitation))

    assert response.status_code == 410
    assert "This invitation has expired" in page(response)
    assert "It could be answered until Nov. 10, 2022." in page(response)


def test_replaced_link_is_refused(client, panel_invitation):
    panel_invitation.revoked_at = timezone.now()
    panel_invitation.save()

    response = client.post(invitation_path(panel_invitation), {"answer": "confirmed"})

    assert response.status_code == 410
    assert "This invitation is no longer valid" in page(response)
    panel_invitation.refresh_from_db()
    assert panel_invitation.response == InvitationResponse.PENDING


@pytest.mark.parametrize("change", ["tamper", "truncate", "garbage"])
def test_altered_link_is_refused(client, panel_invitation, change):
    token = invitation_token_make(invitation=panel_invitation)
    altered = {
        "tamper": token.replace(token[3], "x" if token[3] != "x" else "y", 1),
        "truncate": token[:-6],
        "garbage": "hello",
    }[change]

    response = client.get(reverse("speakers:invitation", kwargs={"token": altered}))

    assert response.status_code == 400
    assert "This invitation link is not valid" in page(response)
    assert "Traceback" not in page(response)


# Statements -----------------------------------------------------------------------------


def upload(client, invitation, name, content):
    return client.post(
        invitation_path(invitation),
        {"action": "upload", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_speaker_uploads_a_pdf_statement(client, panel_invitation):
    response = upload(client, panel_invitation, "Mexico statement.pdf", PDF_BYTES)

    statement = Statement.objects.get(slot=panel_invitation.slot)
    assert "Mexico statement.pdf was received." in page(response)
    assert (statement.kind, statement.size) == ("pdf", len(PDF_BYTES))
    assert statement.original_name == "Mexico statement.pdf"
    assert statement.file.name != "statements/Mexico statement.pdf"


def test_speaker_uploads_a_word_statement(client, panel_invitation):
    content = docx_bytes()

    upload(client, panel_invitation, "Intervención de México.docx", content)

    statement = Statement.objects.get(slot=panel_invitation.slot)
    assert (statement.kind, statement.size) == ("docx", len(content))
    assert statement.original_name == "Intervención de México.docx"
    assert statement.file.name.endswith(".docx")


def test_an_image_renamed_pdf_is_refused_and_the_answer_is_kept(client, panel_invitation):
    client.post(invitation_path(panel_invitation), {"answer": "confirmed"})

    response = upload(client, panel_invitation, "statement.pdf", PNG_BYTES)

    text = page(response)
    assert response.status_code == 200
    assert 'role="alert"' in text
    assert "This file is not a PDF, Word (DOCX), PowerPoint (PPTX) document" in text
    assert not Statement.objects.exists()
    panel_invitation.refresh_from_db()
    assert panel_invitation.response == InvitationResponse.CONFIRMED


def test_an_oversized_statement_is_refused(client, panel_invitation):
    StatementFactory(slot=panel_invitation.slot, original_name="earlier.pdf")
    content = PDF_BYTES + b"0" * (21 * 1024 * 1024)

    response = upload(client, panel_invitation, "huge.pdf", content)

    assert "The file is 21.0\xa0MB; the limit is 20.0\xa0MB." in page(response)
    assert [s.original_name for s in Statement.objects.all()] == ["earlier.pdf"]
    assert "earlier.pdf" in page(response)


def download(client, statement):
    return client.get(reverse("speakers:statement_download", kwargs={"pk": statement.pk}))


@pytest.mark.django_db
def test_statement_is_hidden_from_the_public_until_delivered(client):
    statement = StatementFactory(original_name="Déclaration du Panama.pdf")

    assert download(client, statement).status_code == 404
    statement.slot.delivered_at = timezone.now()
    statement.slot.save()
    response = download(client, statement)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''D%C3%A9claration%20du%20Panama.pdf"
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.SECRETARIAT])
def test_moderator_and_secretariat_read_statements_before_delivery(client, role):
    statement = StatementFactory()
    client.force_login(user_with_role(role))

    assert download(client, statement).status_code == 200


@pytest.mark.django_db
def test_statement_of_a_focal_point_is_not_revealed_before_delivery(client):
    statement = StatementFactory()
    client.force_login(user_with_role(Role.FOCAL_POINT))

    assert download(client, statement).status_code == 404


# The speaker's calendar -----------------------------------------------------------------


def test_confirmed_speaker_downloads_the_slot_calendar(client, panel_invitation):
    client.post(invitation_path(panel_invitation), {"answer": "confirmed"})

    response = client.get(slot_ics_path(panel_invitation))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.events
    assert event.start.isoformat() == "2022-11-17T10:21:00-05:00"
    assert event.end.isoformat() == "2022-11-17T10:28:00-05:00"
    assert str(event["uid"]) == f"slot-{panel_invitation.slot_id}@social-safety-nets.cidi-meeting"
    assert "https://meet.example.org/cidi-social-safety-nets" in str(event["description"])


def test_slot_calendar_waits_for_the_confirmation(client, panel_invitation):
    assert client.get(slot_ics_path(panel_invitation)).status_code == 404


def test_slot_calendar_refuses_a_forwarded_link(client, panel_invitation):
    client.post(invitation_path(panel_invitation), {"answer": "confirmed"})
    client.force_login(UserFactory(email="colleague@example.org"))

    assert client.get(slot_ics_path(panel_invitation)).status_code == 403


@pytest.mark.django_db
def test_invitation_page_runs_the_same_queries_for_small_and_large_agendas(client):
    invitations = []
    for size in [1, 12]:
        meeting = MeetingFactory()
        build_agenda(meeting, segments=size // 2 + 1, slots_per_segment=size)
        slot = SpeakerSlot.objects.filter(segment__meeting=meeting).last()
        invitation = SpeakerInvitationFactory(slot=slot, email="speaker@example.org")
        StatementFactory.create_batch(size, slot=slot, invitation=invitation)
        invitations.append(invitation)
    small, large = (invitation_path(invitation) for invitation in invitations)

    assert count_page_queries(client, small) == count_page_queries(client, large)
