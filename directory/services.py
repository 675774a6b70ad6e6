"""Writes of the directory: people and organizations added and changed, people merged."""

from django.db import models, transaction
from django.utils.translation import gettext as _

from cidi_meeting.versioning import VersionedModel
from delegations.models import Organization
from directory import selectors
from speakers.models import Person


class MergeRefused(Exception):
    """Two records cannot be merged; the message says why."""


def _apply(instance, data):
    for name, value in data.items():
        setattr(instance, name, value)


@transaction.atomic
def person_create(*, data):
    """Add a person to the directory."""
    person = Person()
    _apply(person, data)
    person.save()
    return person


@transaction.atomic
def person_update(*, person, data):
    """Save the person's fields.

    Side effects: the agenda revision of every meeting the person is in grows (signals),
    so calendars and cached pages show the new name or title.
    """
    _apply(person, data)
    person.save()
    return person


def _move(record, link_name, target):
    """Point ``record``'s ``link_name`` at ``target``; a versioned record gets a new
    version, so that a form opened before the merge refuses to save the old person."""
    setattr(record, link_name, target)
    update_fields = [link_name]
    if isinstance(record, VersionedModel):
        record.version += 1
        update_fields.append("version")
    record.save(update_fields=update_fields)


@transaction.atomic
def person_merge(*, keep, discard):
    """Merge ``discard`` into ``keep``: move every reference, fill the empty fields of
    ``keep`` from ``discard``, and delete ``discard``. All of it or nothing.

    A one-to-one link (the delegation-member record) moves when ``keep`` has none; when
    ``keep`` has its own, the other's link is removed, or, for a record deleted with its
    person (a self-declaration), the other's is deleted with ``discard``.

    Side effects: a history record for each slot, part and meeting that changes person;
    the agenda revision of their meetings grows (signals). Raises ``MergeRefused``.
    """
    if keep.pk == discard.pk:
        raise MergeRefused(_("A person cannot be merged with the same record."))
    locked = {
        person.pk: person
        for person in Person.objects.select_for_update().filter(pk__in=[keep.pk, discard.pk])
    }
    if len(locked) != 2:
        raise MergeRefused(_("One of the two records no longer exists."))
    keep, discard = locked[keep.pk], locked[discard.pk]
    fills = selectors.person_fields_to_fill(keep=keep, discard=discard)
    for relation in selectors.person_relations():
        model, link = relation.related_model, relation.field
        records = model._base_manager.select_for_update().filter(**{link.name: discard})
        if relation.many_to_many:
            for record in records.order_by("pk"):
                getattr(record, link.name).add(keep)
                getattr(record, link.name).remove(discard)
            continue
        target = keep
        if relation.one_to_one and model._base_manager.filter(**{link.name: keep}).exists():
            if link.remote_field.on_delete is models.CASCADE:
                # A record that is the person's own (a self-declaration) goes with the
                # duplicate: ``keep``'s own stays.
                continue
            if not link.null:
                raise MergeRefused(
                    _(
                        "Both records have a link that allows one person only (%(what)s); "
                        "unlink one of them first."
                    )
                    % {"what": model._meta.verbose_name}
                )
            target = None
        for record in records.order_by("pk"):
            _move(record, link.name, target)
    for model_field in fills:
        setattr(keep, model_field.attname, getattr(discard, model_field.attname))
    keep.save()
    discard.delete()
    return keep


@transaction.atomic
def organization_create(*, data):
    """Add an organization (an international organization, an observer, an OAS unit)."""
    organization = Organization()
    _apply(organization, data)
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, organization, data):
    """Save the organization's names, acronyms and kind."""
    _apply(organization, data)
    organization.save()
    return organization
