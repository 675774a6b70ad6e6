"""The secretariat's form of a reminder rule; hands its cleaned data to a service."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cidi_meeting.text import SafeTextMixin
from reminders.models import ReminderAnchor, ReminderAudience
from reminders.selectors import AFTER, BEFORE, MINUTES_PER_UNIT, offset_parts
from reminders.services import reminder_rule_check

UNITS = [("minutes", _("minutes")), ("hours", _("hours")), ("days", _("days"))]
DIRECTIONS = [(BEFORE, _("before")), (AFTER, _("after"))]
MAX_AMOUNT = 1000


class ReminderRuleForm(SafeTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For the secretariat's list, e.g. “Speakers: one day before their slot”."),
    )
    audience = forms.ChoiceField(label=_("Recipients"), choices=ReminderAudience.choices)
    amount = forms.IntegerField(label=_("How long"), min_value=0, max_value=MAX_AMOUNT)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="days")
    direction = forms.ChoiceField(label=_("Before or after"), choices=DIRECTIONS, initial=BEFORE)
    anchor = forms.ChoiceField(label=_("Of"), choices=ReminderAnchor.choices)
    message = forms.CharField(
        label=_("Additional message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the reminder as it is written; leave empty for none."),
    )
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("Only active rules send reminders."),
    )

    def __init__(self, *args, rule=None, **kwargs):
        if rule is not None:
            amount, unit, direction = offset_parts(rule.offset_minutes)
            kwargs.setdefault(
                "initial",
                {
                    "name": rule.name,
                    "audience": rule.audience,
                    "amount": amount,
                    "unit": unit,
                    "direction": direction,
                    "anchor": rule.anchor,
                    "message": rule.message,
                    "is_active": rule.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", _("Save the rule")))

    def clean(self):
        cleaned = super().clean()
        if {"anchor", "audience"} <= cleaned.keys():
            try:
                reminder_rule_check(anchor=cleaned["anchor"], audience=cleaned["audience"])
            except ValidationError as error:
                self.add_error("anchor", error)
        return cleaned

    def rule_fields(self):
        """Return the cleaned data as the keyword arguments of the rule services."""
        data = self.cleaned_data
        minutes = data["amount"] * MINUTES_PER_UNIT[data["unit"]]
        return {
            "name": data["name"],
            "audience": data["audience"],
            "anchor": data["anchor"],
            "offset_minutes": -minutes if data["direction"] == BEFORE else minutes,
            "message": data["message"],
            "is_active": data["is_active"],
        }
