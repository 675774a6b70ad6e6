"""The four meeting documents: their templates, default layout and who may have them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.roles import can_run_meetings
from agenda.document_models import DocumentKind, Orientation

# Bump when a template or the print stylesheet changes what a document looks like, so
# that documents rendered with the old templates are not reused.
TEMPLATE_VERSION = "documents-1"


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    template_name: str
    default_orientation: str
    description: str
    # Offered to everyone who may see the meeting, not only to those who run it.
    is_public: bool = False

    @property
    def label(self):
        return DocumentKind(self.kind).label

    def is_allowed_to(self, user):
        """Return True when ``user`` may request and download this document."""
        return self.is_public or can_run_meetings(user)


SPECS = {
    spec.kind: spec
    for spec in [
        DocumentSpec(
            kind=DocumentKind.RUN_OF_SHOW,
            template_name="documents/run_of_show.html",
            default_orientation=Orientation.LANDSCAPE,
            description=_(
                "The moderator's and chair's script: clock times, speakers, cues and "
                "guiding questions."
            ),
        ),
        DocumentSpec(
            kind=DocumentKind.PARTICIPANTS,
            template_name="documents/participants.html",
            default_orientation=Orientation.PORTRAIT,
            description=_("Delegations in the order of precedence, members in protocol order."),
        ),
        DocumentSpec(
            kind=DocumentKind.GOOD_PRACTICES,
            template_name="documents/good_practices.html",
            default_orientation=Orientation.PORTRAIT,
            description=_("The meeting's published good practices, with a table of contents."),
            is_public=True,
        ),
        DocumentSpec(
            kind=DocumentKind.SUMMARY,
            template_name="documents/summary.html",
            default_orientation=Orientation.PORTRAIT,
            description=_(
                "Expected outcomes with priorities and conclusions, supporting practices "
                "and cooperation, participation figures and charts."
            ),
        ),
    ]
}


def spec_for(kind):
    """Return the spec of ``kind``; raise ``KeyError`` for an unknown kind."""
    return SPECS[kind]


def specs_allowed_to(user):
    """Return the specs ``user`` may request, in the panel's order."""
    return [spec for spec in SPECS.values() if spec.is_allowed_to(user)]
