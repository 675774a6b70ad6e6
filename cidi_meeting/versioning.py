"""Optimistic locking: refuse a save based on a version someone else has replaced.

Each editable record carries a ``version`` number. A form sends back the version it was
built from; ``save_versioned`` locks the row, compares, and refuses with an
``EditConflict`` that lists what the other person changed, so nothing is silently
overwritten.
"""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """Abstract base for records that several staff members may edit at once."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Fields written outside the editor (e.g. by the live console) without a new version:
    # an editorial save keeps their stored values rather than the ones the form loaded.
    unversioned_fields = ()

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved the record after the form was opened."""

    def __init__(self, instance, changes):
        super().__init__(f"{instance!r} changed since it was opened")
        self.instance = instance
        # A list of (field verbose name, value the form started from, current value).
        self.changes = changes


def _field_changes(model, before, after):
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in {"version", "id"}:
            continue
        old, new = before.get(field.attname), after.get(field.attname)
        if old != new:
            changes.append((str(field.verbose_name), old, new))
    return changes


def changes_since(instance, version):
    """Describe what changed on ``instance`` since ``version``, from its history."""
    history = getattr(instance, "history", None)
    current = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    if history is None:
        return []
    old = history.filter(version=version).order_by("-history_date").first()
    if old is None:
        return []
    before = {f.attname: getattr(old, f.attname, None) for f in instance._meta.concrete_fields}
    return _field_changes(type(instance), before, current)


def save_versioned(instance, *, expected_version, update_fields=None):
    """Save ``instance`` if the stored row still has ``expected_version``; bump it.

    Locks the row for the check. Raises ``EditConflict`` when someone saved first.
    """
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != int(expected_version):
            raise EditConflict(current, changes_since(current, int(expected_version)))
        instance.version = current.version + 1
        for name in model.unversioned_fields:
            setattr(instance, name, getattr(current, name))
        if update_fields is not None:
            update_fields = [*update_fields, "version"]
        instance.save(update_fields=update_fields)
    return instance


class VersionedFormMixin(forms.Form):
    """A hidden ``version`` the form was built from, for the conflict check."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def set_current_version(self, version):
        """After a conflict, let the next save knowingly replace the current version."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        self.data = data
