"""Forms of the delegations' registration and of the secretariat's accreditation."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agenda.enums import Precedence
from cidi_meeting.text import SafeTextMixin
from cidi_meeting.versioning import VersionedFormMixin
from delegations.models import DelegationMember, MemberState, Organization


def _helper(label, *, form_tag=False):
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.add_input(Submit("save", label))
    return helper


NEEDS_MAX_LENGTH = 2000


class MemberForm(SafeTextMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = DelegationMember
        fields = [
            "protocol_title",
            "full_name",
            "position",
            "role",
            "email",
            "preferred_language",
            "attendance",
            "needs",
        ]
        widgets = {"needs": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"full_name": {"required": _("Give the member's full name.")}}

    def __init__(self, data=None, *args, delegation=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["needs"].max_length = NEEDS_MAX_LENGTH
        self.fields["needs"].validators.append(MaxLengthValidator(NEEDS_MAX_LENGTH))
        self.fields["needs"].widget.attrs["maxlength"] = str(NEEDS_MAX_LENGTH)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
            if delegation is not None:
                # Barbados' minister speaks English: default to the member state's language.
                self.fields["preferred_language"].initial = delegation.language
        self.helper = _helper(_("Save member"))


class MemberAccountForm(forms.Form):
    """The address of the portal account the secretariat links to a member."""

    email = forms.EmailField(
        label=_("Address of the portal account"),
        max_length=254,
        help_text=_("The account must have confirmed this address."),
    )


class CredentialsForm(forms.Form):
    letter = forms.FileField(
        label=_("Credentials letter (note verbale)"),
        help_text=_(
            "A PDF of up to 10 MB. It is seen only by your delegation and the secretariat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Upload the letter"))


class ChangeRequestForm(forms.Form):
    """What the focal point of an accredited delegation asks the secretariat to change."""

    change = forms.CharField(
        label=_("What should change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: a new head of delegation, a member who no longer attends, a new "
            "credentials letter. The secretariat reviews the request."
        ),
        error_messages={"required": _("Say what should change.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Request a change"))


class VersionForm(VersionedFormMixin, forms.Form):
    """Only a version: for actions such as submitting for accreditation."""


def _in_zone(day, time, zone):
    return datetime.datetime.combine(day, time, tzinfo=zone)


# Dates typed for a meeting fall near it: this keeps out typos such as 0001-01-01, which
# would put a delegation first in precedence, and 9999-12-31, beyond what can be stored.
A_YEAR = datetime.timedelta(days=365)


def credentials_window(meeting):
    """Return the first and last day credentials for ``meeting`` can be presented on.

    Invitations go out months ahead, and credentials may be presented at the meeting
    itself (a session that runs past midnight ends the day after), or be recorded late,
    but never on a day still to come.
    """
    today = timezone.localdate(timezone=meeting.tzinfo)
    return meeting.date - A_YEAR, max(meeting.date + datetime.timedelta(days=1), today)


def deadline_window(meeting):
    """Return the first and last day a deadline of ``meeting`` can fall on."""
    return meeting.date - A_YEAR, meeting.date + A_YEAR


class AccreditForm(VersionedFormMixin, forms.Form):
    presented_on = forms.DateField(
        label=_("Credentials presented on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    presented_at = forms.TimeField(
        label=_("at (meeting's time zone)"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = delegation.meeting
        self.zone = delegation.meeting.tzinfo
        when = delegation.credentials_presented_at
        if when:
            local = when.astimezone(self.zone)
            self.fields["presented_on"].initial = local.date().isoformat()
            self.fields["presented_at"].initial = local.time().strftime("%H:%M")
        self.fields["version"].initial = delegation.version

    def clean_presented_on(self):
        day = self.cleaned_data["presented_on"]
        earliest, latest = credentials_window(self.meeting)
        if not earliest <= day <= latest:
            raise forms.ValidationError(
                _(
                    "Credentials are presented between %(earliest)s and %(latest)s: not "
                    "earlier than a year before the meeting, never on a day to come. Check "
                    "the date."
                )
                % {"earliest": date_format(earliest), "latest": date_format(latest)},
                code="outside_window",
            )
        return day

    def presented(self):
        return _in_zone(
            self.cleaned_data["presented_on"], self.cleaned_data["presented_at"], self.zone
        )


class ReturnForm(VersionedFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What must the delegation correct?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = delegation.version


class QuotaForm(VersionedFormMixin, forms.Form):
    quota = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100)

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quota"].initial = delegation.quota
        self.fields["version"].initial = delegation.version


# The meeting's deadlines: (field prefix, model field, label of the day field).
DEADLINES = [
    ("deadline", "registration_deadline", _("Registration deadline: day")),
    ("practice_deadline", "practice_deadline", _("Good-practice deadline: day")),
    (
        "confirmation_deadline",
        "speaker_confirmation_deadline",
        _("Speaker-confirmation deadline: day"),
    ),
]
SETTINGS_FIELDS = ("precedence", "quota_member_state", "quota_observer", "quota_organization")


class RegistrationSettingsForm(VersionedFormMixin, forms.Form):
    """The meeting's deadlines (in its time zone), order of precedence and seat quotas."""

    precedence = forms.ChoiceField(label=_("Order of precedence"), choices=Precedence.choices)
    quota_member_state = forms.IntegerField(
        label=_("Seats per member state delegation"), min_value=1, max_value=100
    )
    quota_observer = forms.IntegerField(
        label=_("Seats per observer delegation"), min_value=1, max_value=100
    )
    quota_organization = forms.IntegerField(
        label=_("Seats per organization"), min_value=1, max_value=100
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.zone = meeting.tzinfo
        self.fields["version"].initial = meeting.version
        for name in SETTINGS_FIELDS:
            self.fields[name].initial = getattr(meeting, name)
        for prefix, model_field, label in DEADLINES:
            self.fields[f"{prefix}_date"] = forms.DateField(
                label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[f"{prefix}_time"] = forms.TimeField(
                label=_("time (meeting's time zone)"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            when = getattr(meeting, model_field)
            if when:
                local = when.astimezone(self.zone)
                self.fields[f"{prefix}_date"].initial = local.date().isoformat()
                self.fields[f"{prefix}_time"].initial = local.time().strftime("%H:%M")
        self.helper = _helper(_("Save settings"))

    def clean(self):
        cleaned = super().clean()
        earliest, latest = deadline_window(self.meeting)
        for prefix, model_field, _label in DEADLINES:
            day, time = cleaned.get(f"{prefix}_date"), cleaned.get(f"{prefix}_time")
            if day and not earliest <= day <= latest:
                self.add_error(
                    f"{prefix}_date",
                    _(
                        "A deadline falls within a year of the meeting: between %(earliest)s "
                        "and %(latest)s. Check the date."
                    )
                    % {"earliest": date_format(earliest), "latest": date_format(latest)},
                )
                cleaned[model_field] = None
                continue
            if day and not time:
                time = datetime.time(23, 59)
            if time and not day:
                self.add_error(f"{prefix}_date", _("Give the day of the deadline too."))
            cleaned[model_field] = _in_zone(day, time, self.zone) if day else None
        return cleaned

    def settings_data(self):
        data = {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}
        for _prefix, model_field, _label in DEADLINES:
            data[model_field] = self.cleaned_data[model_field]
        return data


class DelegationAddForm(forms.Form):
    """Add a member state's or an organization's delegation to the meeting."""

    member_state = forms.ModelChoiceField(label=_("Member state"), queryset=None, required=False)
    organization = forms.ModelChoiceField(
        label=_("or organization / observer"), queryset=None, required=False
    )

    def __init__(self, *args, meeting, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["member_state"].queryset = MemberState.objects.exclude(
            delegations__meeting=meeting
        ).order_by("name_en")
        self.fields["organization"].queryset = Organization.objects.exclude(
            delegations__meeting=meeting
        ).order_by("acronym")
        self.helper = _helper(_("Add the delegation"))

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("member_state")) == bool(cleaned.get("organization")):
            raise forms.ValidationError(_("Choose either a member state or an organization."))
        return cleaned
