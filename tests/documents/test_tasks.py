"""The rendering runs in a real Celery worker consuming a real Redis broker."""

import pytest

from documents import services
from documents.models import DocumentStatus, RenderedDocument
from tests.documents.conftest import pdf_text
from tests.factories import UserFactory
from tests.test_worker import real_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_requested_document_is_rendered_by_the_worker(settings, demo_meeting):
    with real_worker(settings):
        document = services.document_request(
            meeting=demo_meeting,
            kind="run-of-show",
            language="es",
            paper="letter",
            orientation="landscape",
            user=UserFactory(),
        )

        def finished():
            document.refresh_from_db()
            return document.status in {DocumentStatus.READY, DocumentStatus.FAILED}

        assert wait_for(finished, seconds=60), f"still {document.status}"

    assert document.status == DocumentStatus.READY, document.error
    assert document.page_count >= 1
    text = pdf_text(document.file.read())
    assert "Panamá" in text
    assert "México" in text
    assert RenderedDocument.objects.count() == 1
