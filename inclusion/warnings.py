"""The agenda editor's gentle warning when no woman speaks in a part.

A note beside the part, never a refusal: declaring is voluntary, so a part may well have
women among speakers who chose not to say. Registered into ``agenda.publishing`` on
import (``InclusionConfig.ready()``).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from agenda import publishing
from agenda.enums import SegmentKind
from inclusion.enums import Gender
from inclusion.models import SelfDeclaration
from speakers.models import SpeakerSlot


def declared_genders(meeting):
    """Return ``{person id: gender}`` of the meeting's speakers who declared one.

    One query. A speaker record linked to a delegation member is one human: the record's
    own declaration counts first, the member's when the record has none.
    """
    speakers = SpeakerSlot.objects.filter(segment__meeting=meeting).values("person_id")
    rows = SelfDeclaration.objects.filter(
        Q(person_id__in=speakers) | Q(member__person_id__in=speakers)
    ).values_list("person_id", "member__person_id", "gender")
    own, through_member = {}, {}
    for person_id, member_person_id, gender in rows:
        if person_id is not None:
            own[person_id] = gender
        else:
            through_member[member_person_id] = gender
    return {person_id: gender for person_id, gender in (through_member | own).items() if gender}


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
