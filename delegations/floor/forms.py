"""Forms of requests for the floor: a delegation's request, the secretariat's decisions."""

from django import forms
from django.utils.translation import gettext_lazy

from cidi_meeting.text import SafeTextMixin, data_without_bidi_controls
from cidi_meeting.versioning import VersionedFormMixin
from delegations.floor.selectors import MAX_MINUTES, floor_segments
from delegations.models import FloorRequest


class FloorRequestForm(forms.ModelForm):
    """A delegation's request: which part, who speaks, in which language, on what topic."""

    class Meta:
        model = FloorRequest
        fields = ["segment", "member", "floor_language", "topic"]
        help_texts = {"member": gettext_lazy("One of your delegation's registered members.")}

    def __init__(self, data=None, *args, delegation, **kwargs):
        super().__init__(data_without_bidi_controls(data, ["topic"]), *args, **kwargs)
        self.fields["segment"].queryset = floor_segments(meeting_id=delegation.meeting_id)
        self.fields["segment"].empty_label = None
        # Only this delegation's members: another delegation's member is not a valid choice.
        self.fields["member"].queryset = delegation.members.all()
        # The interpreters plan from this: default to the member state's language.
        self.fields["floor_language"].initial = delegation.language


class FloorMinutesForm(VersionedFormMixin):
    minutes = forms.IntegerField(
        label=gettext_lazy("Time limit (minutes)"), min_value=1, max_value=MAX_MINUTES
    )


class FloorDeclineForm(SafeTextMixin, VersionedFormMixin):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"), max_length=300, required=False
    )
