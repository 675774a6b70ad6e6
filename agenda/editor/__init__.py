"""The secretariat's agenda editor: meetings, sessions, parts, speaker slots and questions.

Server-rendered pages enhanced with htmx: an edit form opens in a side panel; after
every change the agenda is rendered again, so the clock times on the page follow. The
same URLs work without JavaScript (full pages and redirects).
"""

from agenda.editor.meetings import (
    meeting_create,
    meeting_duplicate,
    meeting_edit,
    meeting_editor,
    meeting_history,
    meeting_list,
    meeting_publish,
    meeting_unpublish,
)
from agenda.editor.parts import (
    question_add,
    question_delete,
    question_edit,
    segment_add,
    segment_delete,
    segment_edit,
    segment_move,
)
from agenda.editor.sessions import session_add, session_delete, session_edit
from agenda.editor.slots import (
    person_add,
    slot_add,
    slot_delete,
    slot_edit,
    slot_move,
    slots_reorder,
)

__all__ = [
    "meeting_create",
    "meeting_duplicate",
    "meeting_edit",
    "meeting_editor",
    "meeting_history",
    "meeting_list",
    "meeting_publish",
    "meeting_unpublish",
    "person_add",
    "question_add",
    "question_delete",
    "question_edit",
    "segment_add",
    "segment_delete",
    "segment_edit",
    "segment_move",
    "session_add",
    "session_delete",
    "session_edit",
    "slot_add",
    "slot_delete",
    "slot_edit",
    "slot_move",
    "slots_reorder",
]
