"""The registry of document kinds: each kind's template, layout, audience and builder.

Each module of ``documents.kinds`` registers the spec of one document when imported;
``DocumentsConfig.ready`` imports them all. The rest of the app (services, views, the
``render_document`` command) reads the kinds from here only. To add a document, see
docs/architecture.md ("A new PDF kind").
"""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.roles import can_run_meetings
from documents.models import DocumentKind

# Bump when a template or the print stylesheet changes what a document looks like, so
# that documents rendered with the old templates are not reused.
TEMPLATE_VERSION = "documents-2"


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    template_name: str
    default_orientation: str
    description: str
    # ``build(meeting)`` returns the plain data the template shows.
    build: Callable
    # Offered to everyone who may see the meeting, not only to those who run it.
    is_public: bool = False
    # May be asked for one session of a meeting with sessions (``build(meeting, session=)``).
    has_sessions: bool = False

    @property
    def label(self):
        return DocumentKind(self.kind).label

    def is_allowed_to(self, user):
        """Return True when ``user`` may request and download this document."""
        return self.is_public or can_run_meetings(user)


# Kind -> spec, in the order of ``DocumentKind`` (the panel's order).
SPECS = {}


def register(spec):
    """Add ``spec`` to the registry, keeping the kinds in ``DocumentKind``'s order."""
    SPECS[spec.kind] = spec
    ordered = sorted(SPECS.values(), key=lambda item: DocumentKind.values.index(item.kind))
    SPECS.clear()
    SPECS.update((item.kind, item) for item in ordered)
    return spec


def spec_for(kind):
    """Return the spec of ``kind``; raise ``KeyError`` for an unknown kind."""
    return SPECS[kind]


def specs_allowed_to(user):
    """Return the specs ``user`` may request, in the panel's order."""
    return [spec for spec in SPECS.values() if spec.is_allowed_to(user)]


def document_content(*, meeting, kind, session_key=0):
    """Return the data the document of ``kind`` shows (call inside the wanted language).

    ``session_key`` limits it to one session (0: the whole meeting).
    """
    if session_key:
        return spec_for(kind).build(meeting, session=session_key)
    return spec_for(kind).build(meeting)
