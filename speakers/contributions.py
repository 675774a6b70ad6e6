"""What the speakers app adds to pages of the apps below it (see ``agenda.panels``)."""

from agenda.panels import Panel
from speakers.statements import statements_readable_by


def documents_panel_for(*, meeting, user):
    """Offer the concept note and the statements ``user`` may read, below the agenda.

    ``meeting`` is the page's, from ``meeting_get_for_agenda`` (statements prefetched).
    Nothing to show (no concept note, no statement this user may read): no panel.
    """
    statements = statements_readable_by(meeting=meeting, user=user)
    if not statements and not meeting.concept_note:
        return None
    documents = {"concept_note": bool(meeting.concept_note), "statements": statements}
    return Panel(
        template="speakers/includes/meeting_documents.html", context={"documents": documents}
    )
