from crispy_forms.helper import FormHelper
from crispy_forms.layout import Hidden, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cidi_meeting.uploads import validate_document
from speakers.enums import InvitationResponse
from speakers.services import STATEMENT_MAX_BYTES, STATEMENT_TYPES


class InvitationAnswerForm(forms.Form):
    """The speaker confirms or declines (the page's two buttons)."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (InvitationResponse.CONFIRMED, _("Confirm")),
            (InvitationResponse.DECLINED, _("Decline")),
        ],
    )


class StatementUploadForm(forms.Form):
    """The speaker sends a statement or slides; the type is checked by the file's content."""

    file = forms.FileField(
        label=_("Statement or presentation"),
        help_text=_(
            "PDF, Word (DOCX) or PowerPoint (PPTX), up to 20 MB. It is published on the "
            "meeting's page once you have spoken."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "statement-form"
        self.helper.add_input(Hidden("action", "upload"))
        self.helper.add_input(Submit("submit", _("Send the file"), css_class="btn-secondary"))

    def clean(self):
        cleaned_data = super().clean()
        uploaded = cleaned_data.get("file")
        if uploaded is not None:
            try:
                cleaned_data["kind"] = validate_document(
                    uploaded, allowed=STATEMENT_TYPES, max_bytes=STATEMENT_MAX_BYTES
                )
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned_data
