"""The options of a document request: language, paper size and orientation."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from documents.models import Orientation, PaperSize


class DocumentOptionsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    paper = forms.ChoiceField(label=_("Paper"), choices=PaperSize.choices)
    orientation = forms.ChoiceField(label=_("Orientation"), choices=Orientation.choices)

    def __init__(self, *args, spec, **kwargs):
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
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
