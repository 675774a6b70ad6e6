"""Forms of the directory; each hands its cleaned data to a service."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cidi_meeting.text import SafeTextMixin
from cidi_meeting.timezones import time_zone_choices
from cidi_meeting.translated_forms import TranslatedFieldsMixin
from delegations.models import MemberState, Organization
from speakers.enums import GrammaticalGender
from speakers.models import Person


def _helper(layout):
    """Return a helper that draws the fields only: the page draws the form and its button."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = layout
    return helper


class AccountByEmailField(forms.ModelChoiceField):
    """An account chosen by its email address, typed (with suggestions) rather than picked
    from a list of every account."""

    default_error_messages = {
        "invalid_choice": _("No account has this email address: check it, or create the account."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            queryset=User.objects.filter(is_active=True),
            to_field_name="email",
            widget=forms.EmailInput(attrs={"list": "account-emails", "autocomplete": "off"}),
            **kwargs,
        )

    def prepare_value(self, value):
        return value.email if isinstance(value, User) else value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        account = self.queryset.filter(email__iexact=value).first()
        if account is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return account


class PersonForm(SafeTextMixin, TranslatedFieldsMixin, forms.ModelForm):
    """Every field of a person, the linked account included.

    The translated fields (full name, protocol title, position) are named by their base
    names, as in every form of the portal.
    """

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Where the person is, for reminders (e.g. America/Panama)."),
    )
    user = AccountByEmailField(
        label=_("Account"),
        required=False,
        help_text=_(
            "The email address of the person's account on the portal, if they have one "
            "(a chair who runs the console needs one)."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "protocol_title",
            "grammatical_gender",
            "full_name",
            "position",
            "member_state",
            "organization",
            "email",
            "preferred_language",
            "time_zone",
            "user",
        ]
        help_texts = {
            "email": _("Where invitations and reminders are sent."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.time_zone if self.instance.pk else ""
        self.fields["time_zone"].choices = [("", "—"), *time_zone_choices(current)]
        if self.instance.pk and self.instance.user_id:
            self.initial["user"] = self.instance.user.email
        self.fields["member_state"].queryset = member_states_by_name()
        self.fields["member_state"].label_from_instance = lambda state: state.display_name
        self.fields["organization"].queryset = Organization.objects.order_by("acronym")
        self.fields["organization"].label_from_instance = organization_label
        self.fields["grammatical_gender"].choices = [
            ("", _("Neutral wording")),
            *GrammaticalGender.choices,
        ]
        self.helper = _helper(
            Layout(
                # How the person is announced: title, name, and the gender of role names.
                Row(
                    Column("protocol_title", css_class="col-md-3"),
                    Column("full_name", css_class="col-md-5"),
                    Column("grammatical_gender", css_class="col-md-4"),
                ),
                "position",
                Row(
                    Column("member_state", css_class="col-md-6"),
                    Column("organization", css_class="col-md-6"),
                ),
                Row(Column("email", css_class="col-md-6"), Column("user", css_class="col-md-6")),
                Row(
                    Column("preferred_language", css_class="col-md-6"),
                    Column("time_zone", css_class="col-md-6"),
                ),
            )
        )

    def account_emails(self):
        """Return the addresses the account field suggests (one query)."""
        return list(self.fields["user"].queryset.order_by("email").values_list("email", flat=True))


# The column of a member state's name that each language reads (OAS usage in Spanish).
STATE_NAME_COLUMNS = {"es": "name_es_oas", "fr": "name_fr", "pt": "name_pt"}


def member_states_by_name():
    """Return the member states in the alphabetical order of the active language."""
    column = STATE_NAME_COLUMNS.get((get_language() or "en")[:2])
    if column is None:
        return MemberState.objects.order_by("name_en")
    return MemberState.objects.order_by(
        Coalesce(NullIf(column, Value("")), "name_en", output_field=CharField())
    )


def organization_label(organization):
    """Return "ECLAC — Economic Commission for Latin America…" in the active language."""
    return f"{organization.display_acronym} — {organization.display_name}"


class OrganizationForm(SafeTextMixin, forms.ModelForm):
    """An organization's acronym and name in each official language, and its kind."""

    class Meta:
        model = Organization
        fields = [
            "acronym",
            "name_en",
            "acronym_es",
            "name_es",
            "acronym_fr",
            "name_fr",
            "acronym_pt",
            "name_pt",
            "kind",
        ]
        labels = {"acronym": _("Acronym in English")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Layout(
                *(
                    Row(
                        Column(acronym, css_class="col-md-3"),
                        Column(name, css_class="col-md-9"),
                    )
                    for acronym, name in [
                        ("acronym", "name_en"),
                        ("acronym_es", "name_es"),
                        ("acronym_fr", "name_fr"),
                        ("acronym_pt", "name_pt"),
                    ]
                ),
                "kind",
            )
        )

    def clean_acronym(self):
        acronym = self.cleaned_data["acronym"].strip()
        taken = Organization.objects.filter(acronym__iexact=acronym).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(acronym)s is already the acronym of an organization."),
                params={"acronym": acronym},
            )
        return acronym


class PersonMergeForm(forms.Form):
    """The record to merge into the one being looked at (which is kept)."""

    duplicate = forms.ModelChoiceField(
        label=_("Duplicate record"),
        queryset=Person.objects.none(),
        help_text=_(
            "Its slots, parts and meetings move to the record you keep; then it is deleted."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = (
            Person.objects.exclude(pk=person.pk)
            .select_related("member_state", "organization")
            .order_by("full_name", "pk")
        )
        self.fields["duplicate"].label_from_instance = lambda other: other.choice_label
