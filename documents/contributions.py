"""What the documents app adds to pages of the apps below it (see ``agenda.panels``)."""

from agenda.panels import Panel
from documents.views import documents_panel


def documents_panel_for(*, meeting, user):
    """Show the documents ``user`` may generate, below the meeting's agenda."""
    documents = documents_panel(meeting=meeting, user=user)
    if not documents:
        return None
    return Panel(template="documents/includes/panel.html", context={"documents": documents})
