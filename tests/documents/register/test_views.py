import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from agenda.enums import MeetingStatus
from delegations.models import DelegationMember
from documents.models import OfficialDocument
from documents.register.enums import OfficialDocumentAccess, OfficialDocumentType
from tests.delegations.factories import DelegationFactory
from tests.documents.register.factories import official_document
from tests.factories import MeetingFactory, UserFactory
from tests.speakers.factories import PDF_BYTES, docx_bytes

pytestmark = pytest.mark.django_db

RESTRICTED = OfficialDocumentAccess.RESTRICTED


def public_url(meeting):
    return f"/meetings/{meeting.slug}/register/"


def file_url(document, language="en"):
    return f"/meetings/{document.meeting.slug}/register/{document.pk}/{language}/"


def add_url(meeting):
    return f"/secretariat/meetings/{meeting.slug}/register/new/"


def form_data(**changes):
    data = {
        "symbol": "CIDI/doc. 3/22",
        "title": "Draft declaration of Panama",
        "document_type": OfficialDocumentType.DRAFT_DECLARATION,
        "version": "1",
        "access": OfficialDocumentAccess.PUBLISHED,
        "order": "3",
    }
    data.update(changes)
    return data


def focal_point_of(meeting):
    user = UserFactory()
    DelegationFactory(meeting=meeting, focal_point=user)
    return user


def linked_member_of(meeting):
    user = UserFactory()
    delegation = DelegationFactory(meeting=meeting)
    DelegationMember.objects.create(
        delegation=delegation, full_name="Ana Pérez", role="head", account=user
    )
    return user


@pytest.fixture
def register():
    """A published meeting with a published and a restricted document."""
    meeting = MeetingFactory()
    published = official_document(meeting, "CIDI/doc. 1/22", title="Concept note", order=1)
    restricted = official_document(
        meeting,
        "CIDI/INF. 1/22",
        title="Logistics for delegations",
        document_type=OfficialDocumentType.INFORMATION,
        access=RESTRICTED,
        order=2,
    )
    return meeting, published, restricted


# The secretariat's form -----------------------------------------------------------------


def test_the_secretariat_adds_a_document_with_files_in_two_languages(secretariat_client):
    meeting = MeetingFactory()
    data = form_data(
        file_en=SimpleUploadedFile("Declaration.pdf", PDF_BYTES),
        file_es=SimpleUploadedFile("Declaración.docx", docx_bytes()),
    )

    response = secretariat_client.post(add_url(meeting), data)

    assert response.status_code == 302
    document = OfficialDocument.objects.get(meeting=meeting)
    assert (document.symbol, document.title_en, document.document_type) == (
        "CIDI/doc. 3/22",
        "Draft declaration of Panama",
        "draft-declaration",
    )
    assert sorted(document.files.values_list("language", "kind")) == [
        ("en", "pdf"),
        ("es", "docx"),
    ]


def test_a_document_without_any_file_is_refused_and_what_was_typed_kept(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.post(add_url(meeting), form_data())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Attach the document&#x27;s file in at least one language." in page
    assert 'value="CIDI/doc. 3/22"' in page
    assert 'value="Draft declaration of Panama"' in page
    assert OfficialDocument.objects.count() == 0


def test_the_refusal_speaks_the_secretariats_language(secretariat_client):
    meeting = MeetingFactory()

    with translation.override("es"):
        response = secretariat_client.post("/es" + add_url(meeting), form_data())

    assert response.status_code == 200
    assert "Adjunte el archivo del documento al menos en un idioma." in response.content.decode()
    assert OfficialDocument.objects.count() == 0


def test_a_text_file_named_pdf_is_refused_by_its_content(secretariat_client):
    meeting = MeetingFactory()
    fake = SimpleUploadedFile("Declaration.pdf", b"This is plain text, not a PDF at all.")

    response = secretariat_client.post(add_url(meeting), form_data(file_en=fake))

    assert response.status_code == 200
    assert response.context["form"].errors["file_en"] == [
        "This file is not a PDF, Word (DOCX) document (its content was checked)."
    ]
    # The refusal of the file says why; no second message about a missing file.
    assert response.context["form"].non_field_errors() == []
    assert 'value="Draft declaration of Panama"' in response.content.decode()
    assert OfficialDocument.objects.count() == 0


def test_a_symbol_taken_in_the_meeting_is_refused(secretariat_client, register):
    meeting, _published, _restricted = register
    data = form_data(symbol="CIDI/doc. 1/22", file_en=SimpleUploadedFile("a.pdf", PDF_BYTES))

    response = secretariat_client.post(add_url(meeting), data)

    assert response.context["form"].errors["symbol"] == [
        "This meeting already has a document CIDI/doc. 1/22."
    ]
    assert OfficialDocument.objects.filter(meeting=meeting).count() == 2


def test_editing_removes_a_file_and_refuses_removing_the_last(secretariat_client, register):
    meeting, published, _restricted = register
    edit = f"/secretariat/meetings/{meeting.slug}/register/{published.pk}/"
    data = form_data(symbol=published.symbol, remove_en="on")

    refused = secretariat_client.post(edit, data)
    replaced = secretariat_client.post(
        edit,
        form_data(
            symbol=published.symbol,
            version="2",
            remove_en="on",
            file_pt=SimpleUploadedFile("pt.pdf", PDF_BYTES),
        ),
    )

    assert refused.status_code == 200
    assert "Attach the document&#x27;s file in at least one language." in (refused.content.decode())
    assert replaced.status_code == 302
    published.refresh_from_db()
    assert list(published.files.values_list("language", flat=True)) == ["pt"]
    assert published.version == 2


def test_deleting_a_document(secretariat_client, register):
    meeting, published, _restricted = register

    response = secretariat_client.post(
        f"/secretariat/meetings/{meeting.slug}/register/{published.pk}/delete/"
    )

    assert response.status_code == 302
    assert list(OfficialDocument.objects.values_list("symbol", flat=True)) == ["CIDI/INF. 1/22"]


def test_a_document_of_another_meeting_is_not_found(secretariat_client, register):
    _meeting, published, _restricted = register
    other = MeetingFactory()

    response = secretariat_client.get(
        f"/secretariat/meetings/{other.slug}/register/{published.pk}/"
    )

    assert response.status_code == 404


# The public page and the files ------------------------------------------------------------


def symbols_on(client, meeting):
    response = client.get(public_url(meeting))
    assert response.status_code == 200
    return [document.symbol for document in response.context["documents"]]


def test_visitors_see_the_published_documents_only(client, register):
    meeting, published, restricted = register

    page = client.get(public_url(meeting)).content.decode()

    assert symbols_on(client, meeting) == ["CIDI/doc. 1/22"]
    assert "Restricted to delegations" not in page
    assert file_url(published) in page
    assert file_url(restricted) not in page


def test_a_user_outside_the_delegations_sees_the_published_only(client, register):
    meeting, _published, _restricted = register
    DelegationFactory(meeting=MeetingFactory(), focal_point=(user := UserFactory()))
    client.force_login(user)

    assert symbols_on(client, meeting) == ["CIDI/doc. 1/22"]


@pytest.mark.parametrize("member", [focal_point_of, linked_member_of])
def test_delegation_members_see_the_restricted_documents_marked(client, register, member):
    meeting, _published, _restricted = register
    client.force_login(member(meeting))

    response = client.get(public_url(meeting))

    assert symbols_on(client, meeting) == ["CIDI/doc. 1/22", "CIDI/INF. 1/22"]
    assert response.content.decode().count("Restricted to delegations") == 1
    assert response["Cache-Control"] == "private, no-store"


def test_the_secretariat_sees_the_restricted_documents(secretariat_client, register):
    meeting, _published, _restricted = register

    assert symbols_on(secretariat_client, meeting) == ["CIDI/doc. 1/22", "CIDI/INF. 1/22"]


def test_a_restricted_file_is_not_found_for_others_and_served_to_members(client, register):
    meeting, published, restricted = register

    anonymous = client.get(file_url(restricted))
    public = client.get(file_url(published))
    client.force_login(focal_point_of(meeting))
    member = client.get(file_url(restricted))

    assert (anonymous.status_code, public.status_code, member.status_code) == (404, 200, 200)
    assert member["Content-Disposition"] == 'attachment; filename="CIDI-INF.-1-22-en.pdf"'
    assert member["Content-Type"] == "application/pdf"
    assert member["Cache-Control"] == "private, no-store"
    assert b"".join(member.streaming_content) == PDF_BYTES


def test_a_language_without_a_file_is_not_found(client, register):
    _meeting, published, _restricted = register

    assert client.get(file_url(published, "fr")).status_code == 404


def test_a_draft_meetings_documents_are_for_the_secretariat_only(client, register):
    from tests.factories import secretariat_user

    meeting, published, _restricted = register
    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    member = Client()
    member.force_login(focal_point_of(meeting))
    secretariat = Client()
    secretariat.force_login(secretariat_user())

    assert client.get(public_url(meeting)).status_code == 404
    assert client.get(file_url(published)).status_code == 404
    assert member.get(public_url(meeting)).status_code == 404
    assert secretariat.get(public_url(meeting)).status_code == 200
    assert secretariat.get(file_url(published)).status_code == 200


def test_the_title_shows_in_the_readers_language(client, register):
    meeting, published, _restricted = register
    OfficialDocument.objects.filter(pk=published.pk).update(title_es="Nota conceptual")

    page = client.get("/es" + public_url(meeting)).content.decode()

    assert "Nota conceptual" in page


def test_the_meeting_page_links_its_documents(client, register):
    meeting, _published, _restricted = register

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert public_url(meeting) in page


def test_the_meeting_page_has_no_link_without_documents(client):
    meeting = MeetingFactory()

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert public_url(meeting) not in page


# The concept note ---------------------------------------------------------------------


def concept_note(client, meeting, prefix=""):
    return client.get(f"{prefix}/meetings/{meeting.slug}/concept-note/")


def test_the_concept_note_url_serves_the_register_in_the_readers_language(client):
    meeting = MeetingFactory()
    official_document(meeting, languages=("en", "es"))

    english = concept_note(client, meeting)
    spanish = concept_note(client, meeting, "/es")
    french = concept_note(client, meeting, "/fr")

    assert [english.status_code, spanish.status_code, french.status_code] == [200, 200, 200]
    assert [
        english["Content-Disposition"],
        spanish["Content-Disposition"],
        french["Content-Disposition"],
    ] == [
        'attachment; filename="CIDI-doc.-1-22-en.pdf"',
        'attachment; filename="CIDI-doc.-1-22-es.pdf"',
        'attachment; filename="CIDI-doc.-1-22-en.pdf"',
    ]


def test_the_concept_note_url_falls_back_to_any_language(client):
    meeting = MeetingFactory()
    official_document(meeting, languages=("pt",))

    response = concept_note(client, meeting, "/fr")

    assert response["Content-Disposition"] == 'attachment; filename="CIDI-doc.-1-22-pt.pdf"'


def test_the_concept_note_url_falls_back_to_the_meetings_file(client):
    from django.core.files.base import ContentFile

    meeting = MeetingFactory()
    meeting.concept_note.save("note.pdf", ContentFile(PDF_BYTES))

    response = concept_note(client, meeting)

    assert response["Content-Disposition"] == (
        f'attachment; filename="{meeting.slug}-concept-note.pdf"'
    )


def test_a_restricted_concept_note_is_for_delegations_only(client):
    meeting = MeetingFactory()
    official_document(meeting, access=RESTRICTED)

    anonymous = concept_note(client, meeting)
    client.force_login(focal_point_of(meeting))
    member = concept_note(client, meeting)

    assert (anonymous.status_code, member.status_code) == (404, 200)


def test_without_any_concept_note_the_url_is_not_found(client):
    assert concept_note(client, MeetingFactory()).status_code == 404


# Queries ------------------------------------------------------------------------------


def fill(meeting, count):
    for number in range(count):
        official_document(
            meeting,
            f"CIDI/INF. {number + 1}/22",
            title=f"Information {number + 1}",
            document_type=OfficialDocumentType.INFORMATION,
            access=RESTRICTED if number % 2 else OfficialDocumentAccess.PUBLISHED,
            languages=("en", "es", "fr", "pt")[: 1 + number % 4],
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "member", "secretariat"])
def test_the_public_page_runs_the_same_queries_for_few_and_many_documents(
    client, who, django_assert_num_queries
):
    small, large = MeetingFactory(), MeetingFactory()
    fill(small, 2)
    fill(large, 12)
    if who == "member":
        user = UserFactory()
        DelegationFactory(meeting=small, focal_point=user)
        DelegationFactory(meeting=large, focal_point=user)
        client.force_login(user)
    elif who == "secretariat":
        from tests.factories import secretariat_user

        client.force_login(secretariat_user())
    client.get(public_url(small))  # the session and the user, read once

    expected = {"anonymous": 3, "member": 7, "secretariat": 6}[who]
    with django_assert_num_queries(expected):
        client.get(public_url(small))
    with django_assert_num_queries(expected):
        client.get(public_url(large))


def test_the_secretariat_list_runs_the_same_queries_for_few_and_many_documents(
    secretariat_client, django_assert_num_queries
):
    small, large = MeetingFactory(), MeetingFactory()
    fill(small, 2)
    fill(large, 12)

    sizes = [
        count_queries(secretariat_client, f"/secretariat/meetings/{m.slug}/register/")
        for m in (small, large)
    ]

    assert sizes[0] == sizes[1]
    with django_assert_num_queries(sizes[0]):
        secretariat_client.get(f"/secretariat/meetings/{large.slug}/register/")


def test_the_secretariat_finds_an_empty_register_from_the_meeting_page(secretariat_client):
    meeting = MeetingFactory()

    page = secretariat_client.get(meeting.get_absolute_url()).content.decode()
    documents = secretariat_client.get(public_url(meeting)).content.decode()

    assert public_url(meeting) in page
    assert f"/secretariat/meetings/{meeting.slug}/register/" in documents
