"""Forms of good practices and meeting outcomes; they hand cleaned data to services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from cidi_meeting.text import SafeTextMixin
from cidi_meeting.uploads import DOCX, PDF, validate_document
from cidi_meeting.versioning import VersionedFormMixin
from outcomes.enums import PracticeStatus
from outcomes.models import (
    CooperationMatch,
    GoodPractice,
    Instrument,
    OutcomeRecord,
    SdgTarget,
    TargetGroup,
)
from outcomes.services import ATTACHMENT_MAX_BYTES, PRACTICE_M2M
from speakers.models import SpeakerSlot


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several PDF or DOCX files, each checked by its content as ``attachment_add`` does."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        single_clean = super().clean  # not in the comprehension: it has no ``self``
        cleaned = [single_clean(file, initial) for file in files]
        errors = []
        for uploaded in cleaned:
            try:
                validate_document(uploaded, allowed=[PDF, DOCX], max_bytes=ATTACHMENT_MAX_BYTES)
            except forms.ValidationError as error:
                errors.extend(
                    forms.ValidationError(
                        _("%(name)s: %(reason)s"),
                        params={"name": uploaded.name, "reason": message},
                    )
                    for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class PracticeForm(SafeTextMixin, VersionedFormMixin, forms.ModelForm):
    """The practice with its new attachments, saved together in one submission."""

    attachments = MultipleDocumentField(
        label=_("Add attachments"),
        required=False,
        help_text=_(
            "PDF or Word (DOCX) documents of up to 10 MB each; you can choose several. "
            "They are attached when you save."
        ),
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "programme_name",
            "language",
            "instruments",
            "target_groups",
            "sdg_targets",
            "period_start",
            "period_end",
            "beneficiaries",
            "population_share",
            "women_beneficiaries",
            "budget_amount",
            "budget_currency",
            "description",
            "results",
            "lessons",
            "transforms_gender_relations",
            "addresses_gbv_risks",
            "supports_care",
            "sexual_reproductive_health",
            "gender_notes",
            "contact_name",
            "contact_email",
            "links",
        ]
        widgets = {
            "instruments": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "sdg_targets": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "gender_notes": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"title": {"required": _("Give the practice a title.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instruments"].queryset = Instrument.objects.filter(is_active=True)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(is_active=True)
        self.fields["sdg_targets"].queryset = SdgTarget.objects.all()
        self.fields["sdg_targets"].label_from_instance = lambda target: (
            f"{target.code} {target.text}"
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The template loads the editor's files: styles in the head, scripts at the end.
        self.helper.include_media = False
        self.helper.layout = Layout(
            Fieldset(_("The programme"), "title", "programme_name", "language", "version"),
            Fieldset(_("Classification"), "instruments", "target_groups", "sdg_targets"),
            Fieldset(
                _("Period, coverage and budget"),
                "period_start",
                "period_end",
                "beneficiaries",
                "population_share",
                "women_beneficiaries",
                "budget_amount",
                "budget_currency",
            ),
            Fieldset(_("Description"), "description", "results", "lessons"),
            Fieldset(
                _("Gender-responsive features"),
                "transforms_gender_relations",
                "addresses_gbv_risks",
                "supports_care",
                "sexual_reproductive_health",
                "gender_notes",
            ),
            Fieldset(_("Contact and links"), "contact_name", "contact_email", "links"),
        )

    def clean_links(self):
        links = self.cleaned_data.get("links", "")
        validate = URLValidator(schemes=["http", "https"])
        for line in links.splitlines():
            if line.strip():
                try:
                    validate(line.strip())
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("“%(link)s” is not a web address (http:// or https://)."),
                        params={"link": line.strip()[:80]},
                    ) from None
        return links

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The programme cannot end before it starts."))
        women, everyone = cleaned.get("women_beneficiaries"), cleaned.get("beneficiaries")
        if women is not None and everyone is not None and women > everyone:
            self.add_error(
                "women_beneficiaries",
                _(
                    "There cannot be more women among the beneficiaries (%(women)s) than "
                    "beneficiaries (%(beneficiaries)s). Check both numbers."
                )
                % {"women": women, "beneficiaries": everyone},
            )
        return cleaned

    @property
    def files_lost(self):
        """Return whether files were chosen for a submission that is shown again."""
        return bool(self.files and self.files.getlist("attachments"))

    def split(self):
        """Return (plain fields, many-to-many fields) of the cleaned data."""
        skipped = {"version", "attachments", *PRACTICE_M2M}
        data = {k: v for k, v in self.cleaned_data.items() if k not in skipped}
        return data, {name: self.cleaned_data[name] for name in PRACTICE_M2M}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Attachment"), help_text=_("A PDF or Word (DOCX) document of up to 10 MB.")
    )


class ReviewForm(SafeTextMixin, VersionedFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments for the delegation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the practice."),
    )


class OutcomeRecordForm(SafeTextMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = OutcomeRecord
        fields = [
            "priorities",
            "conclusions",
            "chair_summary",
            "practices",
            "matches",
            "interventions",
        ]
        widgets = {
            "priorities": forms.Textarea(attrs={"rows": 4}),
            "conclusions": forms.Textarea(attrs={"rows": 4}),
            "chair_summary": forms.Textarea(attrs={"rows": 4}),
            "practices": forms.CheckboxSelectMultiple,
            "matches": forms.CheckboxSelectMultiple,
            "interventions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, meeting, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        self.fields["practices"].queryset = GoodPractice.objects.filter(
            meeting=meeting, status=PracticeStatus.PUBLISHED
        ).select_related("delegation__member_state", "delegation__organization")
        self.fields["matches"].queryset = CooperationMatch.objects.filter(
            offer__meeting=meeting
        ).select_related("offer", "need")
        self.fields["interventions"].queryset = SpeakerSlot.objects.filter(
            segment__meeting=meeting
        ).select_related("person", "representing_state", "representing_organization")
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The template loads the editor's files: styles in the head, scripts at the end.
        self.helper.include_media = False
