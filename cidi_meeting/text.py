"""Clean typed text before it is validated and stored.

Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
make a name display in another order than it was typed (an override before "Pérez"
shows "zeréP"); names and short texts of the portal never need them.
"""

import re

from django import forms

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


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


class WithoutBidiControlsMixin:
    """Remove bidi controls from what every text field of a bound form was sent.

    Put it before ``forms.Form`` or ``forms.ModelForm``: the fields then validate, store
    and redisplay the text without the controls, as ``data_without_bidi_controls`` does
    for the fields one names.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            names = [
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field, forms.CharField)
            ]
            self.data = data_without_bidi_controls(self.data, names)
