"""Requesting documents: caching by content, versions, failures, the worker's service."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from kombu.exceptions import OperationalError

from documents import render, services
from documents.models import DocumentStatus, RenderedDocument
from documents.tasks import render_document
from speakers.models import SpeakerSlot
from tests.factories import UserFactory

RUN_OF_SHOW = {"kind": "run-of-show", "language": "en", "paper": "a4", "orientation": "landscape"}


@pytest.fixture
def renders(monkeypatch):
    """Count the PDFs WeasyPrint lays out."""
    calls = []
    real = render.html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(render, "html_to_pdf", counting)
    return calls


@pytest.fixture
def request_document(demo_meeting, django_capture_on_commit_callbacks):
    """Request a document as the web view does; run what is queued on commit."""

    def request(meeting=demo_meeting, *, execute=True, **options):
        with django_capture_on_commit_callbacks(execute=execute):
            document = services.document_request(
                meeting=meeting, user=UserFactory(), **{**RUN_OF_SHOW, **options}
            )
        document.refresh_from_db()
        return document

    return request


def panama_slot(meeting):
    return SpeakerSlot.objects.get(segment__meeting=meeting, representing_state__iso2="PA")


def test_a_request_renders_a_ready_pdf_under_a_generated_name(request_document, renders):
    document = request_document()

    assert document.status == DocumentStatus.READY
    assert document.version == 1
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf")
    assert len(document.file.name) == len("documents/") + 32 + len(".pdf")
    assert default_storage.open(document.file.name).read(5) == b"%PDF-"
    assert document.size == default_storage.size(document.file.name)
    assert document.page_count == 5
    assert document.error == ""
    assert document.started_at <= document.finished_at
    assert len(renders) == 1


def test_the_same_content_is_rendered_once_and_keeps_its_version(request_document, renders):
    first = request_document()
    second = request_document()

    assert second.pk == first.pk
    assert second.version == 1
    assert second.file.name == first.file.name
    assert len(renders) == 1
    assert RenderedDocument.objects.count() == 1


def test_a_changed_slot_bumps_the_version_and_the_old_content_keeps_its_own(
    demo_meeting, request_document, renders
):
    first = request_document()
    slot = panama_slot(demo_meeting)
    slot.speaking_minutes = 8
    slot.save()

    changed = request_document()
    slot.speaking_minutes = 7
    slot.save()
    reverted = request_document()

    assert changed.pk != first.pk
    assert changed.version == 2
    assert changed.fingerprint != first.fingerprint
    assert "8 min" in renders[-1]
    assert reverted.pk == first.pk
    assert reverted.version == 1
    assert len(renders) == 2


def test_each_kind_of_document_counts_its_own_versions(request_document):
    run_of_show = request_document()
    participants = request_document(kind="participants", orientation="portrait")

    assert (run_of_show.version, participants.version) == (1, 1)


def test_the_fingerprint_covers_content_options_and_templates(demo_meeting, monkeypatch):
    content = services.document_content(meeting=demo_meeting, kind="run-of-show", language="en")
    fingerprint = services.document_fingerprint(content=content, **RUN_OF_SHOW)

    assert services.document_fingerprint(content=content, **RUN_OF_SHOW) == fingerprint
    assert (
        services.document_fingerprint(content=content, **{**RUN_OF_SHOW, "paper": "letter"})
        != fingerprint
    )
    monkeypatch.setattr(services, "TEMPLATE_VERSION", "next")
    assert services.document_fingerprint(content=content, **RUN_OF_SHOW) != fingerprint


def test_a_failed_render_records_the_reason_and_a_new_request_renders_it_again(
    request_document, monkeypatch, caplog
):
    real = render.html_to_pdf

    def broken(html):
        raise RuntimeError("the fonts are missing")

    monkeypatch.setattr(render, "html_to_pdf", broken)
    failed = request_document()

    assert failed.status == DocumentStatus.FAILED
    assert failed.error == "The PDF could not be produced: the fonts are missing"
    assert not failed.file
    assert "Rendering document" in caplog.text
    assert "RuntimeError: the fonts are missing" in caplog.text

    monkeypatch.setattr(render, "html_to_pdf", real)
    again = request_document()

    assert again.pk == failed.pk
    assert again.status == DocumentStatus.READY
    assert again.version == 1
    assert again.error == ""


def test_a_ready_document_whose_file_is_lost_is_rendered_again(request_document, renders):
    first = request_document()
    default_storage.delete(first.file.name)

    again = request_document()

    assert again.pk == first.pk
    assert again.status == DocumentStatus.READY
    assert default_storage.exists(again.file.name)
    assert len(renders) == 2


def test_a_pending_document_is_reused_and_a_stale_one_queued_again(request_document, renders):
    queued = request_document(execute=False)

    assert queued.status == DocumentStatus.QUEUED
    assert request_document(execute=False).pk == queued.pk
    assert renders == []

    RenderedDocument.objects.filter(pk=queued.pk).update(
        created_at=timezone.now() - services.STALE_AFTER - datetime.timedelta(seconds=1)
    )
    requeued = request_document()

    assert requeued.pk == queued.pk
    assert requeued.status == DocumentStatus.READY
    assert len(renders) == 1


def test_content_that_changed_while_queued_fails_with_a_reason(demo_meeting, request_document):
    queued = request_document(execute=False)
    slot = panama_slot(demo_meeting)
    slot.qa_minutes = 3
    slot.save()

    render_document(queued.pk)
    queued.refresh_from_db()

    assert queued.status == DocumentStatus.FAILED
    assert queued.error == "The meeting changed while this document waited; generate it again."


def test_the_worker_builds_the_content_once_to_check_and_render_it(
    request_document, renders, builds
):
    queued = request_document(execute=False)
    builds.clear()

    render_document(queued.pk)
    queued.refresh_from_db()

    assert builds == [("run-of-show", "en")]
    assert queued.status == DocumentStatus.READY
    assert len(renders) == 1


def test_a_document_no_longer_waiting_is_not_rendered_twice(request_document, renders):
    document = request_document()

    assert render_document(document.pk) is None
    assert len(renders) == 1


def test_an_unreachable_broker_fails_the_document_with_a_reason(request_document, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    # Queued for workers (not run in-process), through a broker that refuses.
    monkeypatch.setitem(render_document.app.conf, "task_always_eager", False)
    monkeypatch.setattr(render_document, "apply_async", unreachable)
    document = request_document()

    assert document.status == DocumentStatus.FAILED
    assert document.error == "The rendering service could not be reached; try again in a moment."


def test_unknown_options_are_refused(demo_meeting):
    with pytest.raises(ValueError, match="paper"):
        services.document_request(meeting=demo_meeting, user=None, **{**RUN_OF_SHOW, "paper": "a3"})


def test_the_same_content_in_another_language_or_paper_keeps_the_version(request_document):
    english = request_document()
    spanish = request_document(language="es")
    letter = request_document(language="es", paper="letter", orientation="portrait")

    assert english.pk != spanish.pk != letter.pk
    assert (english.version, spanish.version, letter.version) == (1, 1, 1)
