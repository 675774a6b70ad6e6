"""What the register adds to the agenda's pages: a link to the meeting's documents on its
page (``agenda.panels``) and the concept note of ``/meetings/<slug>/concept-note/``
(``agenda.views.concept_note_sources``)."""

from accounts.roles import is_secretariat
from agenda import panels
from agenda import views as agenda_views
from agenda.panels import Panel
from documents.register import selectors


def register_link_for(*, meeting, user):
    """Link the meeting's documents page when ``user`` reads some of its documents (the
    secretariat always: the page leads to the register's management).

    One query for visitors, two for those signed in (delegation membership). Not shared:
    what is counted depends on the viewer.
    """
    count = selectors.register_count_for(meeting=meeting, user=user)
    if not count and not is_secretariat(user):
        return None
    return Panel(
        template="documents/register/meeting_link.html",
        context={"count": count},
        place="actions",
    )


def concept_note_from_register(*, request, meeting):
    # Imported here: the views import the forms and the whole page machinery, which the
    # app registry must not load while it is being filled (``connect`` runs in ``ready``).
    from documents.register.views import concept_note_response  # noqa: PLC0415

    return concept_note_response(request=request, meeting=meeting)


def connect():
    """Register the link and the concept-note source (idempotent)."""
    panels.register(register_link_for)
    agenda_views.concept_note_source_register(concept_note_from_register)
