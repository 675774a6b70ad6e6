"""The portal's error summary: one pattern for every form, crispy or written by hand.

A form shown again with its errors must say so before anything else (WCAG 3.3.1): the
page's title begins with "Error:" (``{% error_title_prefix %}`` in templates/base.html,
which finds the refused forms among the template's context, so that no view has to pass
a flag), and ``{% error_summary form %}`` at the top of the form lists each error as a link
to its field. static/js/form-errors.js moves the focus to the summary when the page loads.

Django (5.0+) already marks a field in error with ``aria-invalid="true"`` and points its
``aria-describedby`` at ``<id>_error``, the element crispy-bootstrap5 writes the messages in;
hand-written fields use templates/includes/field_errors.html for the same id.
"""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext

register = template.Library()

# The summary has been shown for this form: crispy's own alert of the form-wide errors
# (templates/bootstrap5/errors.html) is then left out, so they are not listed twice.
SUMMARISED = "error_summary_shown"


def _has_errors(value):
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """Return "Error: " when a form of the page was sent and refused, else nothing."""
    if any(_has_errors(value) for value in context.flatten().values()):
        # Translators: put before the page's title when a form on it has errors.
        return gettext("Error:") + " "
    return ""


def _target_id(bound_field):
    """Return the id of the element the summary's link leads to, or "" if there is none."""
    if bound_field.is_hidden:
        return ""
    target = bound_field.id_for_label
    if not target and bound_field.auto_id:
        # A group of radio buttons or checkboxes has no single labelled input: its first.
        target = f"{bound_field.auto_id}_0"
    return target or ""


@register.inclusion_tag("includes/form_errors.html")
def error_summary(form, note="", note_testid="", mark_invalid=""):
    """Render the summary of ``form``'s errors, each linked to its field.

    A form-wide error links to the form's first field. ``mark_invalid`` names the fields
    (separated by spaces) that a form-wide error concerns although Django does not mark
    them: a refused sign-in is the email's and the password's fault together, so both are
    marked invalid and described by the message.
    """
    errors = []
    prefix = getattr(form, "prefix", None) or ""
    if form is None or not form.is_bound or not form.errors:
        return {"errors": errors}
    setattr(form, SUMMARISED, True)
    visible = form.visible_fields()
    first_target = _target_id(visible[0]) if visible else ""
    for number, message in enumerate(form.non_field_errors(), start=1):
        errors.append(
            {
                "id": f"error-summary{prefix}-{number}",
                "target": first_target,
                "label": "",
                "message": message,
            }
        )
    if errors and mark_invalid:
        described_by = " ".join(error["id"] for error in errors)
        for name in mark_invalid.split():
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": described_by}
            )
    for bound_field in form:
        for message in bound_field.errors:
            target = _target_id(bound_field)
            errors.append(
                {
                    "id": "",
                    "target": target,
                    "label": bound_field.label if target else "",
                    "message": message,
                }
            )
    return {"errors": errors, "note": note, "note_testid": note_testid, "form_prefix": prefix}
