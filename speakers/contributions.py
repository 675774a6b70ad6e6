"""What the speakers app adds to pages of the apps below it (see ``agenda.panels``)."""

from accounts.roles import is_secretariat
from agenda.panels import Panel
from speakers.statements import statements_readable_by


def documents_panel_for(*, meeting, user):
    """Offer the concept note and the statements ``user`` may read, below the agenda.

    One query, whatever the agenda's size (``statements_readable_by``).
    Nothing to show (no concept note, no statement this user may read): no panel. The
    same for every viewer of a kind (registered ``shared``: the meeting page caches it).
    """
    statements = statements_readable_by(meeting=meeting, user=user)
    if not statements and not meeting.concept_note:
        return None
    documents = {
        "concept_note": bool(meeting.concept_note),
        "statements": statements,
        "overview": is_secretariat(user),
    }
    return Panel(
        template="speakers/includes/meeting_documents.html", context={"documents": documents}
    )
