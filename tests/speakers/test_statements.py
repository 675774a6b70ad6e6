"""Statements the speakers send, where those who run the meeting and the public see them.

The editor's slot rows and slot form, the meeting page's documents, the secretariat's list
of statements and documents, and who may download a statement when.
"""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from agenda.enums import MeetingStatus
from speakers.models import SpeakerSlot, Statement
from speakers.tokens import invitation_token_make
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import MeetingFactory, UserFactory, secretariat_user, user_with_role
from tests.speakers.factories import PDF_BYTES, SpeakerInvitationFactory, StatementFactory
from tests.speakers.test_views import invitation_path, upload

# 10:30 in New York, the demo meeting's time zone.
UPLOADED_AT = datetime.datetime(2022, 11, 10, 15, 30, tzinfo=datetime.UTC)
ONE_AND_A_HALF_MB = 1_572_864


def page(response):
    return response.content.decode()


def editor_url(meeting, suffix=""):
    return f"/secretariat/meetings/{meeting.slug}/{suffix}"


def statements_url(meeting):
    return f"/secretariat/meetings/{meeting.slug}/statements/"


def download_url(statement):
    return reverse("speakers:statement_download", kwargs={"pk": statement.pk})


def slot_row(text, slot):
    """Return the editor's list item of ``slot``."""
    start = text.index(f'<li class="slot-item" id="slot-{slot.pk}"')
    ends = [text.find(tag, start + 1) for tag in ('<li class="slot-item"', "</ol>")]
    return text[start : min(end for end in ends if end >= 0)]


def section(text, heading_id):
    """Return the page's section labelled by the heading ``heading_id``."""
    start = text.index(f'aria-labelledby="{heading_id}"')
    return text[start : text.index("</section>", start)]


def demo_slot(meeting, iso2):
    return SpeakerSlot.objects.get(segment__meeting=meeting, representing_state__iso2=iso2)


def received(statement, at=UPLOADED_AT):
    Statement.objects.filter(pk=statement.pk).update(uploaded_at=at)
    statement.refresh_from_db()
    return statement


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(secretariat_user())
    return client


@pytest.fixture
def mexico_statement(demo_meeting):
    """Mexico's 1.5 MB statement, received on Nov. 10, 2022 at 10:30 in New York."""
    statement = StatementFactory(
        slot=demo_slot(demo_meeting, "MX"),
        original_name="Mexico statement.pdf",
        size=ONE_AND_A_HALF_MB,
    )
    return received(statement)


def deliver(statement):
    SpeakerSlot.objects.filter(pk=statement.slot_id).update(delivered_at=timezone.now())


# The agenda editor --------------------------------------------------------------------


def test_statement_uploaded_by_the_speaker_shows_in_the_editor(client, demo_meeting):
    slot = demo_slot(demo_meeting, "MX")
    invitation = SpeakerInvitationFactory(slot=slot, email="speaker.mx@example.org")
    upload(client, invitation, "Mexico statement.pdf", PDF_BYTES)
    statement = Statement.objects.get(slot=slot)
    client.force_login(secretariat_user())

    row = slot_row(page(client.get(editor_url(demo_meeting))), slot)

    assert f'<a href="{download_url(statement)}"' in row
    assert "Mexico statement.pdf</a>" in row


def test_editor_gives_the_statement_type_size_and_date_in_the_meeting_time_zone(
    secretariat_client, demo_meeting, mexico_statement
):
    text = page(secretariat_client.get(editor_url(demo_meeting)))

    row = slot_row(text, mexico_statement.slot)
    assert "PDF, 1.5\xa0MB, received Nov. 10, 2022, 10:30 a.m." in row
    assert "Mexico statement.pdf" not in slot_row(text, demo_slot(demo_meeting, "PA"))


def test_editor_gives_the_size_and_date_in_the_language_of_the_page(
    secretariat_client, demo_meeting, mexico_statement
):
    response = secretariat_client.get("/es" + editor_url(demo_meeting))

    row = slot_row(page(response), mexico_statement.slot)
    assert "1,5\xa0MB" in row
    assert "10 de noviembre de 2022 a las 10:30" in row


@pytest.mark.django_db
def test_editor_runs_the_same_queries_with_statements_on_every_slot(secretariat_client):
    without, small, large = MeetingFactory(), MeetingFactory(), MeetingFactory()
    build_agenda(without, segments=2, slots_per_segment=3)
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=4, slots_per_segment=8)
    for slot in SpeakerSlot.objects.filter(segment__meeting__in=[small, large]):
        StatementFactory.create_batch(2, slot=slot)

    counts = [
        count_page_queries(secretariat_client, editor_url(m)) for m in (without, small, large)
    ]

    assert counts[0] == counts[1] == counts[2]


# The slot form ----------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True])
def test_slot_form_lists_the_slot_statements(
    secretariat_client, demo_meeting, mexico_statement, htmx
):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = secretariat_client.get(
        editor_url(demo_meeting, f"slots/{mexico_statement.slot_id}/"), **headers
    )

    statements = section(page(response), "slot-statements-heading")
    assert f'<a href="{download_url(mexico_statement)}"' in statements
    assert "PDF, 1.5\xa0MB, received Nov. 10, 2022, 10:30 a.m." in statements


def test_slot_form_says_when_no_statement_was_received(secretariat_client, demo_meeting):
    slot = demo_slot(demo_meeting, "PA")

    response = secretariat_client.get(editor_url(demo_meeting, f"slots/{slot.pk}/"))

    statements = section(page(response), "slot-statements-heading")
    assert "No statement received yet." in statements


# The meeting page ----------------------------------------------------------------------


def test_meeting_page_hides_a_statement_until_it_is_delivered(
    client, demo_meeting, mexico_statement
):
    before = page(client.get(demo_meeting.get_absolute_url()))
    deliver(mexico_statement)
    after = section(page(client.get(demo_meeting.get_absolute_url())), "statements-heading")

    assert "Mexico statement.pdf" not in before
    assert download_url(mexico_statement) not in before
    assert f'<a href="{download_url(mexico_statement)}">Mexico statement.pdf</a>' in after
    assert "Mexico" in after
    assert "Not public until delivered" not in after


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MODERATOR])
def test_meeting_page_shows_those_who_run_it_every_statement_marked(
    client, demo_meeting, mexico_statement, role
):
    client.force_login(user_with_role(role))

    documents = section(page(client.get(demo_meeting.get_absolute_url())), "statements-heading")

    assert f'<a href="{download_url(mexico_statement)}">Mexico statement.pdf</a>' in documents
    assert "Not public until delivered" in documents


def test_meeting_page_lists_the_concept_note_among_the_documents(
    client, demo_meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    demo_meeting.concept_note.save("note.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))

    documents = section(page(client.get(demo_meeting.get_absolute_url())), "statements-heading")

    assert reverse("agenda:concept_note", kwargs={"slug": demo_meeting.slug}) in documents
    assert "Statements are published here once the speakers have delivered them." in documents


def test_meeting_page_without_documents_has_no_documents_section(client, demo_meeting):
    assert 'id="statements-heading"' not in page(client.get(demo_meeting.get_absolute_url()))


@pytest.mark.django_db
def test_meeting_page_runs_the_same_queries_with_delivered_statements(client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=4, slots_per_segment=8)
    for slot in SpeakerSlot.objects.filter(segment__meeting__in=[small, large]):
        StatementFactory(slot=slot)
    SpeakerSlot.objects.update(delivered_at=timezone.now())

    assert count_page_queries(client, small.get_absolute_url()) == count_page_queries(
        client, large.get_absolute_url()
    )


# The secretariat's statements and documents -----------------------------------------------


def test_statements_page_gives_every_slot_its_statement_status(
    secretariat_client, demo_meeting, mexico_statement
):
    response = secretariat_client.get(statements_url(demo_meeting))

    text = page(response)
    rows = re.findall(r'<tr data-slot="(\d+)"[^>]*>(.*?)</tr>', text, flags=re.DOTALL)
    status = {int(pk): "Received" in row for pk, row in rows}
    mexico = dict(rows)[str(mexico_statement.slot_id)]
    assert response.status_code == 200
    assert len(rows) == 6
    assert [pk for pk, has in status.items() if has] == [mexico_statement.slot_id]
    assert sum("Missing" in row for _pk, row in rows) == 5
    assert f'<a href="{download_url(mexico_statement)}">Mexico statement.pdf</a>' in mexico
    assert "Nov. 10, 2022, 10:30 a.m." in mexico
    assert "Not public until delivered" in mexico
    assert "1 of 6 speakers have sent a statement." in text


def test_statements_page_says_when_a_statement_became_public(
    secretariat_client, demo_meeting, mexico_statement
):
    deliver(mexico_statement)

    text = page(secretariat_client.get(statements_url(demo_meeting)))

    assert "Public since the speaker delivered it" in text
    assert "Not public until delivered" not in text


def test_statements_page_offers_the_concept_note_or_says_it_is_missing(
    secretariat_client, demo_meeting, settings, tmp_path
):
    missing = page(secretariat_client.get(statements_url(demo_meeting)))
    settings.MEDIA_ROOT = tmp_path
    demo_meeting.concept_note.save("note.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))

    present = page(secretariat_client.get(statements_url(demo_meeting)))

    note_url = reverse("agenda:concept_note", kwargs={"slug": demo_meeting.slug})
    assert "No concept note yet." in missing
    assert note_url not in missing
    assert note_url in present


def test_statements_page_of_a_draft_meeting(secretariat_client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)
    build_agenda(draft, segments=1, slots_per_segment=2)

    response = secretariat_client.get(statements_url(draft))

    assert response.status_code == 200
    assert "0 of 2 speakers have sent a statement." in page(response)


def test_statements_page_is_for_the_secretariat(client, demo_meeting):
    anonymous = client.get(statements_url(demo_meeting))
    client.force_login(user_with_role(Role.MODERATOR))

    assert anonymous.status_code == 302
    assert client.get(statements_url(demo_meeting)).status_code == 403


def test_statements_page_of_an_unknown_meeting_is_not_found(secretariat_client):
    assert secretariat_client.get("/secretariat/meetings/nowhere/statements/").status_code == 404


def test_editor_links_to_the_statements_page(secretariat_client, demo_meeting):
    text = page(secretariat_client.get(editor_url(demo_meeting)))

    assert f'href="{statements_url(demo_meeting)}"' in text


@pytest.mark.django_db
def test_statements_page_runs_the_same_queries_for_small_and_large_agendas(secretariat_client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=5, slots_per_segment=9)
    for slot in SpeakerSlot.objects.filter(segment__meeting=large)[:20]:
        StatementFactory.create_batch(2, slot=slot)

    assert count_page_queries(secretariat_client, statements_url(small)) == count_page_queries(
        secretariat_client, statements_url(large)
    )


# Who downloads a statement when ----------------------------------------------------------


def test_a_delivered_statement_of_a_draft_meeting_stays_hidden_from_the_public(client, db):
    statement = StatementFactory(slot__segment__meeting__status=MeetingStatus.DRAFT)
    deliver(statement)

    assert client.get(download_url(statement)).status_code == 404


def speaker_download_url(invitation, statement):
    return reverse(
        "speakers:invitation_statement",
        kwargs={"token": invitation_token_make(invitation=invitation), "pk": statement.pk},
    )


def test_speaker_downloads_their_statement_before_it_is_delivered(client, db):
    invitation = SpeakerInvitationFactory()
    statement = StatementFactory(
        slot=invitation.slot, invitation=invitation, original_name="Déclaration.pdf"
    )

    response = client.get(speaker_download_url(invitation, statement))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''D%C3%A9claration.pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_invitation_does_not_open_another_slot_statement(client, db):
    invitation = SpeakerInvitationFactory()
    other = StatementFactory()

    assert client.get(speaker_download_url(invitation, other)).status_code == 404


def test_a_forwarded_invitation_does_not_open_the_statement(client, db):
    invitation = SpeakerInvitationFactory()
    statement = StatementFactory(slot=invitation.slot, invitation=invitation)
    client.force_login(UserFactory(email="colleague@example.org"))

    assert client.get(speaker_download_url(invitation, statement)).status_code == 403


def test_invitation_page_links_the_speaker_statements(client, db):
    invitation = SpeakerInvitationFactory()
    statement = StatementFactory(slot=invitation.slot, invitation=invitation)

    text = page(client.get(invitation_path(invitation)))

    links = re.findall(rf'href="(/speakers/invitation/[^"/]+/statements/{statement.pk}/)"', text)
    assert len(links) == 1
    assert client.get(links[0]).status_code == 200
