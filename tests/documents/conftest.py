import io

import pytest
from pypdf import PdfReader

from documents import services


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep each test's rendered documents in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_reader(data):
    return PdfReader(io.BytesIO(data))


def pdf_text(data):
    """Return the text of every page of a PDF, pages joined by a line break."""
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)


def render(meeting, kind, *, language="en", paper="a4", orientation=None):
    """Render a document synchronously; return the PDF (bytes, pages) and its version."""
    return services.document_render_now(
        meeting=meeting, kind=kind, language=language, paper=paper, orientation=orientation
    )


def in_order(text, words):
    """Return the positions of ``words`` found one after the other in ``text``."""
    positions, start = [], 0
    for word in words:
        found = text.find(word, start)
        positions.append(found)
        if found >= 0:
            start = found + len(word)
    return positions


@pytest.fixture
def builds(monkeypatch):
    """Record each build of a document's content: ``(kind, language)`` per call."""
    from django.utils.translation import get_language

    from documents import registry

    calls = []
    real = registry.document_content

    def counting(*, meeting, kind, **options):
        calls.append((kind, get_language()))
        return real(meeting=meeting, kind=kind, **options)

    monkeypatch.setattr(registry, "document_content", counting)
    return calls
