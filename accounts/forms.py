from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language, Role
from accounts.models import User
from cidi_meeting.text import data_without_bidi_controls


class AccountCreateForm(forms.Form):
    """The secretariat creates an account; the person then chooses a password."""

    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Focal points are linked to their delegation from the delegation's page."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=Language.choices, initial=Language.EN
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create account and send invitation")))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class ProfileForm(forms.ModelForm):
    """A person's own name and language: the name others read, the language of emails."""

    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
        help_texts = {
            "full_name": _("As it should appear to the secretariat and on lists."),
            "preferred_language": _("The portal's emails to you are written in it."),
        }

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data_without_bidi_controls(data, ["full_name"]), *args, **kwargs)
        self.fields["full_name"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
