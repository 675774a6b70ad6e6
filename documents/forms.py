"""The options of a document request: language, paper size and orientation."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from documents.models import Orientation, PaperSize


def _session_choices(meeting):
    """Return ``(id, "title (day, start)")`` of the meeting's sessions, in time order."""
    return [
        (
            session.pk,
            _("%(title)s (%(day)s, %(start)s)")
            % {
                "title": session.title,
                "day": date_format(session.date, "DATE_FORMAT"),
                "start": session.start_time.strftime("%H:%M"),
            },
        )
        for session in meeting.sessions.order_by("date", "start_time", "pk")
    ]


class DocumentOptionsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    paper = forms.ChoiceField(label=_("Paper"), choices=PaperSize.choices)
    orientation = forms.ChoiceField(label=_("Orientation"), choices=Orientation.choices)

    def __init__(self, *args, spec, meeting=None, **kwargs):
        language = (get_language() or "en")[:2]
        kwargs.setdefault(
            "initial",
            {
                "language": language if language in Language.values else Language.EN,
                "paper": PaperSize.A4,
                "orientation": spec.default_orientation,
            },
        )
        # The meeting page has one form per document: keep their field ids apart.
        kwargs.setdefault("auto_id", f"id_{spec.kind}_%s")
        super().__init__(*args, **kwargs)
        if spec.has_sessions and meeting is not None and meeting.has_sessions:
            self.fields["session_key"] = forms.TypedChoiceField(
                label=_("Session"),
                coerce=int,
                initial=0,
                choices=[(0, _("Whole meeting")), *_session_choices(meeting)],
            )
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
