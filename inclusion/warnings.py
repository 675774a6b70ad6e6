"""The agenda editor's gentle warning when no woman speaks in a part.

A note beside the part, never a refusal: declaring is voluntary, so a part may well have
women among speakers who chose not to say. Registered into ``agenda.publishing`` on
import (``InclusionConfig.ready()``).
"""

from django.utils.translation import gettext as _

from agenda import publishing
from agenda.enums import SegmentKind
from inclusion.enums import Gender
from inclusion.figures import compute


def declared_genders(meeting):
    """Return ``{person id: gender category}`` of the meeting's speakers (one query).

    Whose declaration speaks for a speaker is the figures' rule
    (``compute.declaration_of_person``): the record's own, else its delegation member's.
    """
    return {
        slot.person_id: compute.category_of(compute.declaration_of_person(slot.person))
        for slot in compute.meeting_slots(meeting)
        if slot.person_id is not None
    }


def no_woman_speaks(*, meeting, timing):
    """Return ``{part id: warning}`` for the parts where no speaker declared as a woman.

    Only parts with speaker slots count; a break has nobody to warn about.
    """
    parts = [
        part for part in timing.segments if part.slots and part.segment.kind != SegmentKind.BREAK
    ]
    genders = declared_genders(meeting)
    text = _("No speaker in this part has declared as a woman.")
    return {
        part.segment.pk: text
        for part in parts
        if not any(genders.get(item.slot.person_id) == Gender.WOMAN for item in part.slots)
    }


publishing.register_part_warnings(no_woman_speaks)
