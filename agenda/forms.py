"""Forms of the secretariat's agenda editor; each hands its cleaned data to a service."""

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from agenda import relations
from agenda.models import GuidingQuestion, Meeting, Segment
from cidi_meeting.uploads import DOCX, PDF, validate_document
from cidi_meeting.versioning import VersionedFormMixin

# Models of the apps built on the agenda, by name (see agenda.relations).
Person = relations.person_model()
SpeakerSlot = relations.speaker_slot_model()


CONCEPT_NOTE_MAX_BYTES = 10 * 1024 * 1024
COMMON_TIME_ZONES = sorted(
    zone
    for zone in zoneinfo.available_timezones()
    if zone.startswith(("America/", "Europe/", "Atlantic/", "Pacific/")) or zone == "UTC"
)


def _helper(submit_label):
    helper = FormHelper()
    helper.form_tag = False
    helper.add_input(Submit("save", submit_label))
    return helper


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    expected_outcomes = forms.CharField(
        label=_("Expected outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One outcome per line, in order."),
    )
    connection_link = forms.URLField(
        label=_("Connection link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered participants."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(zone, zone) for zone in COMMON_TIME_ZONES],
        initial="America/New_York",
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "slug",
            "body",
            "kind",
            "status",
            "document_code",
            "date",
            "start_time",
            "time_zone",
            "venue",
            "format",
            "connection_link",
            "chair",
            "purpose",
            "background",
            "concept_note",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["expected_outcomes"].initial = "\n".join(
                outcome.text for outcome in self.instance.expected_outcomes.all()
            )
        else:
            self.fields["version"].required = False
        self.fields["chair"].queryset = Person.objects.order_by("full_name")
        self.helper = _helper(_("Save meeting"))

    def clean_concept_note(self):
        upload = self.cleaned_data.get("concept_note")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload, allowed=[PDF, DOCX], max_bytes=CONCEPT_NOTE_MAX_BYTES)
        return upload


class SegmentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Segment
        fields = [
            "title",
            "kind",
            "lead",
            "lead_role",
            "allotted_minutes",
            "buffer_minutes",
            "accepts_floor_requests",
            "floor_minutes",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "allotted_minutes": {
                "min_value": _("An allotment must be at least one minute; leave it empty for none.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Person.objects.order_by("full_name")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
        self.helper = _helper(_("Save part"))


class SlotForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SpeakerSlot
        fields = [
            "segment",
            "person",
            "role",
            "representing_state",
            "representing_organization",
            "speaking_minutes",
            "qa_minutes",
            "status",
            "floor_language",
            "attendance",
            "cue_notes",
            "guiding_questions",
        ]
        widgets = {
            "cue_notes": forms.Textarea(attrs={"rows": 2}),
            "guiding_questions": forms.CheckboxSelectMultiple,
        }
        labels = {"segment": _("Part")}
        error_messages = {
            "person": {"required": _("Choose who speaks in this slot (add the person first).")},
            "speaking_minutes": {
                "min_value": _("Speaking time must be at least one minute."),
                "required": _("Give the speaking time in minutes."),
            },
            "qa_minutes": {"min_value": _("Question time cannot be negative.")},
        }

    def __init__(self, *args, meeting, segment=None, **kwargs):
        super().__init__(*args, **kwargs)
        segment = segment or self.instance.segment
        self.fields["segment"].queryset = meeting.segments.order_by("order")
        self.fields["segment"].initial = segment.pk
        self.fields["person"].queryset = Person.objects.select_related(
            "member_state", "organization"
        ).order_by("full_name")
        self.fields["speaking_minutes"].min_value = 1
        self.fields["speaking_minutes"].widget.attrs["min"] = 1
        self.fields["qa_minutes"].widget.attrs["min"] = 0
        self.fields["guiding_questions"].queryset = GuidingQuestion.objects.filter(segment=segment)
        self.fields["guiding_questions"].required = False
        self.fields["guiding_questions"].label = _("Questions addressed to this slot only")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
        self.helper = _helper(_("Save slot"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("representing_state") and cleaned.get("representing_organization"):
            raise forms.ValidationError(
                _("A slot represents a member state or an organization, not both.")
            )
        return cleaned


class QuestionForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    addressed_slots = forms.ModelMultipleChoiceField(
        label=_("Addressed only to"),
        queryset=SpeakerSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to ask every speaker of the part."),
    )

    def __init__(self, *args, segment, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_slots"].queryset = segment.slots.select_related(
            "representing_state", "representing_organization", "person"
        )
        if instance is not None:
            self.fields["version"].initial = instance.version
            self.fields["text"].initial = instance.text
            self.fields["addressed_slots"].initial = list(
                instance.addressed_slots.values_list("pk", flat=True)
            )
        else:
            self.fields["version"].required = False
        self.helper = _helper(_("Save question"))


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "protocol_title",
            "full_name",
            "position",
            "member_state",
            "organization",
            "email",
            "preferred_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save person"))
