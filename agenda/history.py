"""The change history of a meeting's agenda: who changed what, and when."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from agenda import relations
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, Segment

# Models of the apps built on the agenda, by name (see agenda.relations).
MemberState = relations.member_state_model()
Organization = relations.organization_model()
Person = relations.person_model()
SpeakerSlot = relations.speaker_slot_model()


IGNORED_FIELDS = {"id", "version", "updated_at", "created_at"}
ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Foreign keys shown by the name of what they point to.
RELATED_MODELS = {
    "chair_id": Person,
    "lead_id": Person,
    "person_id": Person,
    "representing_state_id": MemberState,
    "representing_organization_id": Organization,
    "segment_id": Segment,
}


@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str
    label: str
    action: str
    changes: list = field(default_factory=list)


def _records(meeting):
    segment_ids = Segment.history.filter(meeting_id=meeting.pk).values("id")
    sources = [
        (_("Meeting"), Meeting.history.filter(id=meeting.pk)),
        (_("Expected outcome"), ExpectedOutcome.history.filter(meeting_id=meeting.pk)),
        (_("Part"), Segment.history.filter(meeting_id=meeting.pk)),
        (_("Speaker slot"), SpeakerSlot.history.filter(segment_id__in=segment_ids)),
        (_("Guiding question"), GuidingQuestion.history.filter(segment_id__in=segment_ids)),
    ]
    for kind, queryset in sources:
        yield kind, list(queryset.select_related("history_user").order_by("id", "history_date"))


def _display(record, field_obj, value, names):
    if value in (None, ""):
        return "—"
    if field_obj.attname in RELATED_MODELS:
        return names.get((RELATED_MODELS[field_obj.attname], value), f"#{value}")
    if field_obj.choices:
        return dict(field_obj.flatchoices).get(value, value)
    return str(value)


def _label(kind_model, record, names):
    if kind_model is SpeakerSlot:
        return names.get((Person, record.person_id), "") + (
            f" ({names[(MemberState, record.representing_state_id)]})"
            if (MemberState, record.representing_state_id) in names
            else f" ({names[(Organization, record.representing_organization_id)]})"
            if (Organization, record.representing_organization_id) in names
            else ""
        )
    text = getattr(record, "title", None) or getattr(record, "text", "")
    return text if len(text) <= 90 else text[:88] + "…"


def meeting_history(*, meeting, limit=300):
    """Return the newest ``limit`` changes to the meeting, with field-by-field differences.

    Runs a fixed number of queries: one per history table and one per kind of related
    name shown.
    """
    collected = list(_records(meeting))
    ids = {model: set() for model in {Person, MemberState, Organization, Segment}}
    for _kind, records in collected:
        for record in records:
            for attname, model in RELATED_MODELS.items():
                value = getattr(record, attname, None)
                if value is not None:
                    ids[model].add(value)
    names = {}
    for model, pks in ids.items():
        manager = model.history if model is Segment else model.objects
        for obj in manager.filter(id__in=pks).order_by("id"):
            names[(model, obj.id)] = getattr(obj, "display_name", None) or str(obj)
    models = {
        str(_("Meeting")): Meeting,
        str(_("Expected outcome")): ExpectedOutcome,
        str(_("Part")): Segment,
        str(_("Speaker slot")): SpeakerSlot,
        str(_("Guiding question")): GuidingQuestion,
    }
    entries = []
    for kind, records in collected:
        model = models[str(kind)]
        fields = [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]
        previous = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            if before is not None and record.history_type == "~":
                for field_obj in fields:
                    old = getattr(before, field_obj.attname, None)
                    new = getattr(record, field_obj.attname, None)
                    if old != new:
                        changes.append(
                            (
                                field_obj.verbose_name,
                                _display(before, field_obj, old, names),
                                _display(record, field_obj, new, names),
                            )
                        )
            previous[record.id] = record
            if record.history_type == "~" and before is not None and not changes:
                continue
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=record.history_user,
                    kind=kind,
                    label=_label(model, record, names),
                    action=ACTIONS[record.history_type],
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
