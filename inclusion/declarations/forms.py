"""The form of a person's own declaration: every question may be left unanswered."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from inclusion.enums import Gender, Group

# Leaving the question unanswered is a choice of its own, so that an answer given once can
# be taken back: a group of radio buttons cannot be emptied otherwise.
NO_ANSWER = ("", _("No answer"))


class SelfDeclarationForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[NO_ANSWER, *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "“Prefer not to say” is counted among the answers given; “No answer” "
            "records nothing about your gender."
        ),
        error_messages={"invalid_choice": _("Choose one of the answers offered.")},
    )
    groups = forms.MultipleChoiceField(
        label=_("Groups you belong to"),
        choices=Group.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every group you belong to, or none."),
        error_messages={"invalid_choice": _("Choose only among the groups offered.")},
    )

    def __init__(self, *args, declaration=None, **kwargs):
        if declaration is None:
            kwargs.setdefault("initial", {"gender": "", "groups": []})
        else:
            kwargs.setdefault(
                "initial", {"gender": declaration.gender, "groups": declaration.groups}
            )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The page writes the form tag and its two buttons (save, delete).
        self.helper.form_tag = False
        self.helper.disable_csrf = True
