"""Clean typed text before it is validated and stored.

Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
make a name display in another order than it was typed (an override before "Pérez"
shows "zeréP"); names and short texts of the portal never need them.
"""

import re

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The longest text a form takes where its field sets no limit: some twenty pages. Longer
# is a paste gone wrong, which would make every page that shows it unreadable.
LONG_TEXT_MAX_LENGTH = 50_000


def strip_bidi_controls(value):
    """Return ``value`` without bidirectional embedding, override and isolate controls."""
    if not isinstance(value, str):
        return value
    return BIDI_CONTROLS.sub("", value)


def data_without_bidi_controls(data, names):
    """Return a copy of the form ``data`` whose fields ``names`` have no bidi controls.

    Clean the data before the form's fields see it, so that a name made only of such
    controls counts as empty and the redisplayed form shows what will be stored.
    """
    if data is None:
        return None
    data = data.copy()
    for name in names:
        if name not in data:
            continue
        if hasattr(data, "setlist"):  # A QueryDict: a field may carry several values.
            data.setlist(name, [strip_bidi_controls(v) for v in data.getlist(name)])
        else:
            data[name] = strip_bidi_controls(data[name])
    return data


def same_words(first, second):
    """Return True when two texts differ only in case and spacing ("Ana  PÉREZ", "ana pérez")."""
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())


class SafeTextMixin:
    """Every text field of the form: no bidi controls, and a length limit.

    Put it before ``forms.Form`` or ``forms.ModelForm``. The fields validate, store and
    redisplay what was sent without bidi controls (as ``data_without_bidi_controls`` does
    for the fields one names). A text field without a limit of its own gets
    ``LONG_TEXT_MAX_LENGTH`` (the browser's ``maxlength`` and a check after the form's own
    ``clean_<field>``, so that a form's stricter limit speaks first); a form that
    overrides ``clean`` calls ``super().clean()``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_fields = {
            name: field for name, field in self.fields.items() if isinstance(field, forms.CharField)
        }
        self.unlimited_text_fields = [
            name for name, field in text_fields.items() if field.max_length is None
        ]
        for name in self.unlimited_text_fields:
            self.fields[name].widget.attrs.setdefault("maxlength", str(LONG_TEXT_MAX_LENGTH))
        if self.is_bound:
            names = [self.add_prefix(name) for name in text_fields]
            self.data = data_without_bidi_controls(self.data, names)

    def clean(self):
        cleaned_data = super().clean()
        for name in self.unlimited_text_fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, str) and len(value) > LONG_TEXT_MAX_LENGTH:
                self.add_error(
                    name,
                    _("Keep this text to %(limit)s characters or fewer; it has %(count)s.")
                    % {
                        "limit": number_format(LONG_TEXT_MAX_LENGTH, force_grouping=True),
                        "count": number_format(len(value), force_grouping=True),
                    },
                )
        return cleaned_data
