"""Which parts of a meeting's content exist in which language, and a form to fill them in.

The secretariat sees, for every translated field of the meeting (title, background,
purpose, venue, parts, guiding questions, expected outcomes, cue notes, speakers' names
and positions), which of the four languages it has, and edits all four side by side. A
field left empty in a language falls back (see ``MODELTRANSLATION_FALLBACK_LANGUAGES``).
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import translator

from accounts.decorators import secretariat_required
from agenda import relations
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, Segment
from cidi_meeting.text import SafeTextMixin
from cidi_meeting.versioning import EditConflict, VersionedFormMixin, VersionedModel, save_versioned

# Models of the apps built on the agenda, by name (see agenda.relations).
Person = relations.person_model()
SpeakerSlot = relations.speaker_slot_model()


LANGUAGES = [code for code, _name in settings.LANGUAGES]

# URL name of each kind of record -> (model, label)
KINDS = {
    "meeting": (Meeting, gettext_lazy("Meeting")),
    "part": (Segment, gettext_lazy("Part")),
    "question": (GuidingQuestion, gettext_lazy("Guiding question")),
    "outcome": (ExpectedOutcome, gettext_lazy("Expected outcome")),
    "slot": (SpeakerSlot, gettext_lazy("Speaker slot")),
    "person": (Person, gettext_lazy("Speaker")),
}


def translated_fields(model):
    return list(translator.get_options_for_model(model).fields)


def field_value(record, field, language):
    return (getattr(record, f"{field}_{language}") or "").strip()


@dataclass
class FieldCoverage:
    kind: str
    record: object
    field: str
    label: str
    present: dict  # language -> bool
    text: str = ""  # in the reader's language, or the version it falls back to

    @property
    def missing(self):
        return [language for language, present in self.present.items() if not present]


def meeting_records(meeting):
    """Yield (kind, record) for every record of the meeting with translated content."""
    segments = list(meeting.segments.prefetch_related("guiding_questions"))
    slots = list(
        SpeakerSlot.objects.filter(segment__meeting=meeting).select_related("person", "segment")
    )
    people = {slot.person_id: slot.person for slot in slots}
    for person in Person.objects.filter(
        pk__in={meeting.chair_id, *(segment.lead_id for segment in segments)} - {None}
    ):
        people.setdefault(person.pk, person)
    yield "meeting", meeting
    for outcome in meeting.expected_outcomes.all():
        yield "outcome", outcome
    for segment in segments:
        yield "part", segment
        for question in segment.guiding_questions.all():
            yield "question", question
    for slot in slots:
        yield "slot", slot
    for person in sorted(people.values(), key=lambda person: person.pk):
        yield "person", person


def meeting_coverage(meeting):
    """Return each translated field with content in some language, and what it lacks."""
    rows = []
    for kind, record in meeting_records(meeting):
        model = type(record)
        for field in translated_fields(model):
            present = {
                language: bool(field_value(record, field, language)) for language in LANGUAGES
            }
            if not any(present.values()):
                continue
            rows.append(
                FieldCoverage(
                    kind=kind,
                    record=record,
                    field=field,
                    label=str(model._meta.get_field(field).verbose_name),
                    present=present,
                    text=str(getattr(record, field) or ""),
                )
            )
    return rows


def coverage_totals(rows):
    """Return, per language, how many of the fields it has."""
    return [
        {
            "language": language,
            "done": sum(row.present[language] for row in rows),
            "total": len(rows),
        }
        for language in LANGUAGES
    ]


def translations_form_class(model):
    """Return a form with every language's version of each translated field of ``model``."""
    names = [f"{field}_{language}" for field in translated_fields(model) for language in LANGUAGES]
    bases = (
        (SafeTextMixin, VersionedFormMixin, forms.ModelForm)
        if issubclass(model, VersionedModel)
        else (SafeTextMixin, forms.ModelForm)
    )
    meta = type("Meta", (), {"model": model, "fields": names})

    def clean(self):
        cleaned = super(form_class, self).clean()
        for field in translated_fields(model):
            if model._meta.get_field(field).blank:
                continue
            versions = [cleaned.get(f"{field}_{language}") for language in LANGUAGES]
            if not any((value or "").strip() for value in versions):
                self.add_error(
                    f"{field}_{LANGUAGES[0]}",
                    _("Give this text in at least one language."),
                )
        return cleaned

    def __init__(self, *args, **kwargs):
        super(form_class, self).__init__(*args, **kwargs)
        # Each input holds one language: spelling checkers and screen readers follow it.
        for field in translated_fields(model):
            for language in LANGUAGES:
                self.fields[f"{field}_{language}"].widget.attrs["lang"] = language

    form_class = type(
        f"{model.__name__}TranslationsForm",
        bases,
        {"Meta": meta, "clean": clean, "__init__": __init__},
    )
    return form_class


@secretariat_required
def content_languages(request, slug):
    """List the meeting's translated fields with the languages each has."""
    meeting = get_object_or_404(Meeting, slug=slug)
    rows = meeting_coverage(meeting)
    return render(
        request,
        "agenda/editor/content_languages.html",
        {
            "meeting": meeting,
            "rows": rows,
            "totals": coverage_totals(rows),
            "languages": LANGUAGES,
            "kinds": {kind: label for kind, (_model, label) in KINDS.items()},
        },
    )


def _record_of(meeting, kind, pk):
    if kind not in KINDS:
        raise Http404("No such kind of content.")
    records = {(k, record.pk): record for k, record in meeting_records(meeting)}
    record = records.get((kind, pk))
    if record is None:
        raise Http404("No such record in this meeting.")
    return record


@secretariat_required
def content_languages_edit(request, slug, kind, pk):
    """Edit one record's translated fields in the four languages side by side."""
    meeting = get_object_or_404(Meeting, slug=slug)
    record = _record_of(meeting, kind, pk)
    form_class = translations_form_class(type(record))
    initial = {"version": record.version} if isinstance(record, VersionedModel) else {}
    form = form_class(request.POST or None, instance=record, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    if isinstance(record, VersionedModel):
                        save_versioned(
                            form.instance,
                            expected_version=form.cleaned_data["version"],
                            update_fields=[name for name in form.fields if name != "version"],
                        )
                    else:
                        form.save()
            except EditConflict as conflict:
                messages.error(
                    request,
                    _(
                        "Someone changed this text while you were editing it. Your version "
                        "is still in the form: compare it with the current one and save again."
                    ),
                )
                form.set_current_version(conflict.instance.version)
                status = 409
            else:
                messages.success(request, _("Translations saved."))
                return redirect("agenda:content_languages", slug=meeting.slug)
        else:
            status = 400
    fields = [
        {
            "name": field,
            "label": type(record)._meta.get_field(field).verbose_name,
            "inputs": [form[f"{field}_{language}"] for language in LANGUAGES],
        }
        for field in translated_fields(type(record))
    ]
    return render(
        request,
        "agenda/editor/content_languages_edit.html",
        {
            "meeting": meeting,
            "record": record,
            "kind_label": KINDS[kind][1],
            "form": form,
            "fields": fields,
        },
        status=status,
    )
