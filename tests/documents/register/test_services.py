import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from documents.models import OfficialDocument, OfficialDocumentFile
from documents.register.services import official_document_delete, official_document_save
from tests.documents.register.factories import official_document, pdf_upload
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_document_is_saved_with_its_files_under_generated_names():
    meeting = MeetingFactory()

    document = official_document(meeting, languages=("en", "es"))

    files = list(document.files.order_by("language"))
    assert [(item.language, item.kind, item.size) for item in files] == [
        ("en", "pdf", len(pdf_upload().read())),
        ("es", "pdf", len(pdf_upload().read())),
    ]
    assert all(item.file.name.startswith("official-documents/") for item in files)
    assert not any("en.pdf" in item.file.name for item in files)
    assert (document.symbol, document.version, document.title) == (
        "CIDI/doc. 1/22",
        1,
        "Concept note",
    )


def test_a_document_without_a_file_in_any_language_is_refused_and_nothing_saved():
    meeting = MeetingFactory()

    with pytest.raises(ValidationError) as refused:
        official_document_save(
            meeting=meeting,
            data={"symbol": "CIDI/doc. 2/22", "title": "Report", "document_type": "report"},
        )

    assert refused.value.messages == ["Attach the document's file in at least one language."]
    assert OfficialDocument.objects.count() == 0


def test_removing_the_last_file_is_refused_and_the_file_kept():
    document = official_document(MeetingFactory())

    with pytest.raises(ValidationError):
        official_document_save(meeting=document.meeting, document=document, data={}, remove={"en"})

    assert list(document.files.values_list("language", flat=True)) == ["en"]


def test_replacing_a_file_deletes_the_old_one_after_the_commit(
    django_capture_on_commit_callbacks,
):
    document = official_document(MeetingFactory())
    old = document.files.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        official_document_save(
            meeting=document.meeting,
            document=document,
            data={"version": 2},
            files={"en": pdf_upload("new.pdf")},
            remove={"en"},  # a new file wins over its removal
        )

    new = document.files.get().file.name
    assert new != old
    assert (default_storage.exists(old), default_storage.exists(new)) == (False, True)
    document.refresh_from_db()
    assert document.version == 2


def test_a_file_removed_while_another_language_is_added(django_capture_on_commit_callbacks):
    document = official_document(MeetingFactory(), languages=("en",))
    old = document.files.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        official_document_save(
            meeting=document.meeting,
            document=document,
            data={},
            files={"fr": pdf_upload("fr.pdf")},
            remove={"en"},
        )

    assert list(document.files.values_list("language", flat=True)) == ["fr"]
    assert not default_storage.exists(old)


def test_deleting_a_document_deletes_its_files(django_capture_on_commit_callbacks):
    document = official_document(MeetingFactory(), languages=("en", "pt"))
    names = [item.file.name for item in document.files.all()]

    with django_capture_on_commit_callbacks(execute=True):
        official_document_delete(document=document)

    assert OfficialDocument.objects.count() == OfficialDocumentFile.objects.count() == 0
    assert [default_storage.exists(name) for name in names] == [False, False]


def test_the_same_symbol_twice_in_one_meeting_is_refused_but_not_in_another():
    meeting, other = MeetingFactory(), MeetingFactory()
    official_document(meeting)

    with pytest.raises(ValidationError) as refused:
        official_document(meeting)
    official_document(other)

    assert refused.value.messages == [
        "Official document with this Meeting and Symbol already exists."
    ]
    assert OfficialDocument.objects.filter(symbol="CIDI/doc. 1/22").count() == 2


def test_the_title_is_kept_per_language():
    document = official_document(MeetingFactory(), title="Concept note")
    OfficialDocument.objects.filter(pk=document.pk).update(title_es="Nota conceptual")
    document.refresh_from_db()

    from django.utils import translation

    with translation.override("es"):
        spanish = document.title
    with translation.override("fr"):
        french = document.title

    assert (spanish, french) == ("Nota conceptual", "Concept note")
