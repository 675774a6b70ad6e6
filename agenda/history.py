"""The change history of a meeting's agenda: who changed what, and when.

Each save of a record is compared with the one before it, field by field, as the values
read on the page: a change nobody could see (an empty text that became another kind of
empty, a mirror of a translated text) is left out, and so is a save left with none. A text
entered per language is listed per language ("Title (ES)"). Dates and times read in the
meeting's time zone.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agenda import relations
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, Segment
from cidi_meeting.labels import clock
from cidi_meeting.translated_forms import translated_field_names

# Models of the apps built on the agenda, by name (see agenda.relations).
MemberState = relations.member_state_model()
Organization = relations.organization_model()
Person = relations.person_model()
SpeakerSlot = relations.speaker_slot_model()


IGNORED_FIELDS = {"id", "version", "updated_at", "created_at"}
# What happened, as one phrase per kind of record: in Spanish, French and Portuguese the
# word for "changed" agrees with the record's gender ("Reunión modificada").
SUMMARIES = {
    (Meeting, "+"): _("Meeting created"),
    (Meeting, "~"): _("Meeting changed"),
    (Meeting, "-"): _("Meeting deleted"),
    (ExpectedOutcome, "+"): _("Expected outcome created"),
    (ExpectedOutcome, "~"): _("Expected outcome changed"),
    (ExpectedOutcome, "-"): _("Expected outcome deleted"),
    (Segment, "+"): _("Part created"),
    (Segment, "~"): _("Part changed"),
    (Segment, "-"): _("Part deleted"),
    (SpeakerSlot, "+"): _("Speaker slot created"),
    (SpeakerSlot, "~"): _("Speaker slot changed"),
    (SpeakerSlot, "-"): _("Speaker slot deleted"),
    (GuidingQuestion, "+"): _("Guiding question created"),
    (GuidingQuestion, "~"): _("Guiding question changed"),
    (GuidingQuestion, "-"): _("Guiding question deleted"),
}
# Foreign keys shown by the name of what they point to.
RELATED_MODELS = {
    "chair_id": Person,
    "lead_id": Person,
    "person_id": Person,
    "representing_state_id": MemberState,
    "representing_organization_id": Organization,
    "segment_id": Segment,
}
# Labels of fields whose model still names them otherwise.
LABELS = {"segment_id": _("part")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str
    label: str
    summary: str
    changes: list = field(default_factory=list)


def _records(meeting):
    segment_ids = Segment.history.filter(meeting_id=meeting.pk).values("id")
    sources = [
        (Meeting, _("Meeting"), Meeting.history.filter(id=meeting.pk)),
        (
            ExpectedOutcome,
            _("Expected outcome"),
            ExpectedOutcome.history.filter(meeting_id=meeting.pk),
        ),
        (Segment, _("Part"), Segment.history.filter(meeting_id=meeting.pk)),
        (SpeakerSlot, _("Speaker slot"), SpeakerSlot.history.filter(segment_id__in=segment_ids)),
        (
            GuidingQuestion,
            _("Guiding question"),
            GuidingQuestion.history.filter(segment_id__in=segment_ids),
        ),
    ]
    for model, kind, queryset in sources:
        records = queryset.select_related("history_user").order_by("id", "history_date")
        yield model, kind, list(records)


def _display(field_obj, value, names, tz):
    """Return ``value`` of ``field_obj`` as the page shows it."""
    if value in (None, ""):
        shown = "—"
    elif field_obj.attname in RELATED_MODELS:
        shown = names.get((RELATED_MODELS[field_obj.attname], value), f"#{value}")
    elif field_obj.choices:
        shown = dict(field_obj.flatchoices).get(value, value)
    elif isinstance(value, bool):
        shown = _("yes") if value else _("no")
    elif isinstance(value, datetime.datetime):
        shown = date_format(timezone.localtime(value, tz), "DATETIME_FORMAT")
    elif isinstance(value, datetime.date):
        shown = date_format(value, "DATE_FORMAT")
    elif isinstance(value, datetime.time):
        shown = clock(value)
    else:
        shown = value
    return str(shown)


def _shown_fields(model):
    """Return (field, label) for the fields of ``model`` the history compares.

    A translated field's own column (``title``) only mirrors one of its languages; each
    language's column (``title_es``) is listed instead, labelled with the language.
    """
    mirrors = set(translated_field_names(model))
    shown = []
    for field_obj in model._meta.concrete_fields:
        if field_obj.name in IGNORED_FIELDS or field_obj.name in mirrors:
            continue
        language = getattr(field_obj, "language", None)
        translated = getattr(field_obj, "translated_field", None)
        if language and translated is not None:
            label = format_lazy("{} ({})", translated.verbose_name, language.upper())
        else:
            label = LABELS.get(field_obj.attname, field_obj.verbose_name)
        shown.append((field_obj, label))
    return shown


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
    for _model, _kind, records in collected:
        for record in records:
            for attname, model in RELATED_MODELS.items():
                value = getattr(record, attname, None)
                if value is not None:
                    ids[model].add(value)
    names = {}
    for model, pks in ids.items():
        manager = model.history if model is Segment else model.objects
        # The newest version of a part names it (its history holds every version).
        ordering = ("id", "history_date") if model is Segment else ("id",)
        for obj in manager.filter(id__in=pks).order_by(*ordering):
            names[(model, obj.id)] = getattr(obj, "display_name", None) or str(obj)
    tz = meeting.tzinfo
    entries = []
    for model, kind, records in collected:
        fields = _shown_fields(model)
        previous = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            if before is not None and record.history_type == "~":
                for field_obj, label in fields:
                    old = _display(field_obj, getattr(before, field_obj.attname, None), names, tz)
                    new = _display(field_obj, getattr(record, field_obj.attname, None), names, tz)
                    if old != new:
                        changes.append((label, old, new))
            previous[record.id] = record
            if record.history_type == "~" and before is not None and not changes:
                continue
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=record.history_user,
                    kind=kind,
                    label=_label(model, record, names),
                    summary=SUMMARIES[(model, record.history_type)],
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
