from crispy_forms.helper import FormHelper
from crispy_forms.layout import Hidden, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cidi_meeting.uploads import validate_document
from speakers.enums import InvitationResponse
from speakers.models import SpeakerSlot
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


LIST_CHANGED = _("The list of speakers changed since the page was opened: check it again and send.")


def slots_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=SpeakerSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": LIST_CHANGED, "invalid_pk_value": LIST_CHANGED},
    )


class InviteAllForm(forms.Form):
    """Choose whom "Invite all" invites: those never invited (ticked), and again (not)."""

    invite = slots_field(_("Speakers not invited yet"))
    invite_again = slots_field(_("Speakers invited already"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        slots = SpeakerSlot.objects.select_related("person", "segment__meeting")
        self.fields["invite"].queryset = slots.filter(pk__in=[s.pk for s in plan.to_invite])
        self.fields["invite"].initial = [slot.pk for slot in plan.to_invite]
        self.fields["invite_again"].queryset = slots.filter(
            pk__in=[slot.pk for slot, _state in plan.already_invited]
        )

    def chosen_pks(self, name):
        """Return the pks ticked in field ``name``, as the page shows them (bound or not)."""
        values = self[name].value() or []
        return {int(value) for value in values if str(value).isdigit()}

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not (cleaned_data["invite"] or cleaned_data["invite_again"]):
            raise ValidationError(_("Choose at least one speaker to invite."), code="empty")
        return cleaned_data

    def slots(self):
        """Return the chosen slots, in the agenda's order."""
        chosen = [*self.cleaned_data["invite"], *self.cleaned_data["invite_again"]]
        return sorted(chosen, key=lambda slot: (slot.segment.order, slot.order, slot.pk))
