"""Forms of offers and needs, and of the secretariat's follow-up of matches."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cidi_meeting.text import SafeTextMixin
from cidi_meeting.versioning import VersionedFormMixin
from outcomes.enums import CooperationKind
from outcomes.models import CooperationItem, CooperationMatch, GoodPractice

SUBMIT_LABELS = {
    CooperationKind.OFFER: _("Post the offer"),
    CooperationKind.NEED: _("Post the need"),
}


# Checked in the form (the column has no limit): a description is read on a page and in
# the documents, where megabytes of text would break the layout.
DESCRIPTION_MAX_LENGTH = 5000


def _helper(label):
    helper = FormHelper()
    helper.form_tag = False
    helper.add_input(Submit("save", label))
    return helper


def _offered(field, chosen):
    """Limit a taxonomy field to the terms offered in forms, and those already chosen."""
    field.queryset = field.queryset.model.objects.filter(Q(is_active=True) | Q(pk__in=chosen))


class CooperationItemForm(SafeTextMixin, VersionedFormMixin, forms.ModelForm):
    """An offer or a need; the related practice is one of the delegation's own."""

    class Meta:
        model = CooperationItem
        fields = [
            "title",
            "description",
            "modality",
            "theme",
            "instrument",
            "target_groups",
            "practice",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "description": _(
                "What exactly is offered or needed, by whom and when. Paragraphs, lists, "
                "bold, italic and links are kept."
            ),
            "instrument": _("Optional; naming one helps the secretariat find a match."),
            "target_groups": _("The groups the cooperation would serve."),
            "practice": _("Optional: one of your delegation's good practices it builds on."),
        }
        error_messages = {"title": {"required": _("Give a short title.")}}

    def __init__(self, *args, delegation, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["maxlength"] = str(DESCRIPTION_MAX_LENGTH)
        item = self.instance
        _offered(self.fields["theme"], [item.theme_id])
        _offered(self.fields["instrument"], [item.instrument_id])
        _offered(self.fields["target_groups"], item.target_groups.values("pk") if item.pk else [])
        self.fields["practice"].queryset = GoodPractice.objects.filter(
            delegation=delegation
        ).order_by("title")
        if item.pk:
            self.fields["version"].initial = item.version
            self.helper = _helper(_("Save changes"))
        else:
            self.fields["version"].required = False
            self.helper = _helper(SUBMIT_LABELS[kind])

    def clean_description(self):
        description = self.cleaned_data["description"]
        if len(description) > DESCRIPTION_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Keep the description to %(limit)s characters or fewer; it has %(count)s. "
                    "Attach a longer text to a good practice instead."
                )
                % {
                    "limit": number_format(DESCRIPTION_MAX_LENGTH, force_grouping=True),
                    "count": number_format(len(description), force_grouping=True),
                }
            )
        return description


class MatchStartForm(forms.Form):
    """The pair of a proposal the secretariat starts following up."""

    offer = forms.IntegerField(widget=forms.HiddenInput)
    need = forms.IntegerField(widget=forms.HiddenInput)


class MatchFollowUpForm(SafeTextMixin, VersionedFormMixin, forms.ModelForm):
    """The status, dates and notes of a followed match."""

    class Meta:
        model = CooperationMatch
        fields = ["status", "agreed_on", "started_on", "completed_on", "notes"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("agreed_on", "started_on", "completed_on")
        } | {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "status": _("Left empty, the date of each status reached is set to today."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"match-{kwargs['instance'].pk}", **kwargs)
        self.fields["version"].initial = self.instance.version
        self.helper = _helper(_("Save the follow-up"))
