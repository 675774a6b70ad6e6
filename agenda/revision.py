"""The agenda's revision: a number per meeting that grows with every change it shows.

Calendars carry it as SEQUENCE (so calendar programs replace their copy of an event)
and cached pages key on it. It is bumped from signals, so that no editing path (the
editor, the administration site, the directory of people, a data migration) can
forget it; writes of the live console (``unversioned_fields`` only) leave it alone.
The meeting's ``updated_at`` moves with it: the calendar's LAST-MODIFIED.
"""

from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment
from agenda.relations import (
    member_state_model,
    organization_model,
    person_model,
    speaker_slot_model,
)


def bump(meeting_ids):
    """Raise the agenda revision of the meetings with ``meeting_ids`` by one."""
    ids = {pk for pk in meeting_ids if pk is not None}
    if ids:
        # The clock of Python, not the database's NOW(): that is the transaction's start.
        Meeting.objects.filter(pk__in=ids).update(
            agenda_revision=F("agenda_revision") + 1, updated_at=timezone.now()
        )


def changed(instance):
    """Raise the revision of the meetings that show ``instance``, written without a signal.

    For writes by ``QuerySet.update`` (which sends none) of a row the agenda shows.
    """
    bump(_meeting_ids(instance))


def _is_live_write(sender, update_fields):
    live = set(getattr(sender, "unversioned_fields", ()))
    return bool(update_fields) and live and set(update_fields) <= live


# Where an agenda shows a person: chairing the meeting, leading a part, in a slot.
PEOPLE_ON_AGENDA = (
    "chair",
    "sessions__chair",
    "segments__lead",
    "segments__slots__person",
)


def _named_on_agenda(instance):
    """Return the Q of the meetings whose agenda names a person, state or organization.

    A state or organization labels the slots that represent it, and the people of it;
    None when ``instance`` is none of these.
    """
    if isinstance(instance, person_model()):
        paths = PEOPLE_ON_AGENDA
    elif isinstance(instance, member_state_model()):
        paths = ["segments__slots__representing_state"]
        paths += [f"{path}__member_state" for path in PEOPLE_ON_AGENDA]
    elif isinstance(instance, organization_model()):
        paths = ["segments__slots__representing_organization"]
        paths += [f"{path}__organization" for path in PEOPLE_ON_AGENDA]
    else:
        return None
    named = Q()
    for path in paths:
        named |= Q(**{path: instance})
    return named


# Models of the apps built on the agenda whose rows show on its pages, each with a
# function that names the meetings a row shows on (``watch``).
_watched = {}


def watch(model, meeting_ids_of):
    """Raise the revision of the meetings that show a row of ``model`` when it changes.

    For the apps above the agenda (the outcomes' records under the expected outcomes):
    ``meeting_ids_of(instance)`` returns the ids of the meetings whose pages show it.
    Call from the app's ``ready()``.
    """
    _watched[model] = meeting_ids_of
    uid = f"agenda-revision-{model._meta.label}"
    post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-del")


def _meetings_of(instance):
    """Return a queryset of the meetings whose agenda shows ``instance``."""
    meetings = Meeting.objects.all()
    if type(instance) in _watched:
        return meetings.filter(pk__in=list(_watched[type(instance)](instance)))
    if isinstance(instance, Meeting):
        return meetings.filter(pk=instance.pk)
    if isinstance(instance, Segment | ExpectedOutcome | MeetingSession):
        return meetings.filter(pk=instance.meeting_id)
    if isinstance(instance, GuidingQuestion | speaker_slot_model()):
        return meetings.filter(segments=instance.segment_id)
    named = _named_on_agenda(instance)
    if named is not None:
        return meetings.filter(named)
    # A statement: it shows on the agenda once its slot is delivered.
    return meetings.filter(segments__slots=instance.slot_id)


def _meeting_ids(instance):
    return set(_meetings_of(instance).values_list("pk", flat=True).distinct())


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or _is_live_write(sender, update_fields):
        return
    bump(_meeting_ids(instance))


def _on_delete(sender, instance, **kwargs):
    try:
        ids = _meeting_ids(instance)
    except Exception:  # noqa: BLE001 - the meeting itself may be going with it
        return
    bump(ids)


def _on_questions_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(_meeting_ids(instance))


def connect():
    """Connect the bumps (from ``AgendaConfig.ready``)."""
    slot = speaker_slot_model()
    models = [Meeting, MeetingSession, Segment, ExpectedOutcome, GuidingQuestion, slot]
    models.append(person_model())
    models += [member_state_model(), organization_model()]
    models.append(slot.statements.rel.related_model)
    for model in models:
        post_save.connect(
            _on_save, sender=model, dispatch_uid=f"agenda-revision-save-{model._meta.label}"
        )
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"agenda-revision-del-{model._meta.label}"
        )
    m2m_changed.connect(
        _on_questions_changed,
        sender=slot.guiding_questions.through,
        dispatch_uid="agenda-revision-questions",
    )
