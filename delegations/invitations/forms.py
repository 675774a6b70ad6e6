"""Forms of the secretariat's invitation pages; each hands its cleaned data to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from delegations.invitations.services import DEFAULT_LANGUAGE


def language_field():
    """Return the field choosing the language of the email to addresses without account."""
    return forms.ChoiceField(
        label=_("Language of the email"),
        choices=Language.choices,
        initial=DEFAULT_LANGUAGE,
        required=False,
        help_text=_(
            "Used for addresses without an account; an account holder receives the email "
            "in the language of their account."
        ),
    )


class InvitationResendForm(forms.Form):
    """Re-send an invitation, optionally in another language."""

    language = language_field()

    def clean_language(self):
        return self.cleaned_data["language"] or DEFAULT_LANGUAGE


class InvitationForm(InvitationResendForm):
    """Invite the focal point of one delegation."""

    email = forms.EmailField(label=_("Email address of the focal point"))

    field_order = ["email", "language"]


class BulkInvitationForm(InvitationResendForm):
    """One address per member state still to invite; empty rows are left out."""

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = states
        for state in states:
            self.fields[self.field_name(state)] = forms.EmailField(
                label=state.display_name,
                required=False,
                initial=state.suggested_email,
            )

    @staticmethod
    def field_name(state):
        return "email_" + state.iso2.lower()

    @property
    def rows(self):
        """Return ``(member state, bound email field)`` pairs in the page's order."""
        return [(state, self[self.field_name(state)]) for state in self.states]

    def addresses(self):
        """Return ``{member state: address}`` for the rows filled in."""
        return {
            state: self.cleaned_data[self.field_name(state)]
            for state in self.states
            if self.cleaned_data.get(self.field_name(state))
        }

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not self.addresses():
            raise forms.ValidationError(
                _("Fill in the address of at least one focal point."), code="empty"
            )
        return cleaned_data
