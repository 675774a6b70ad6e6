"""Requests for the floor: delegations ask to speak in a part that accepts interventions.

An accredited delegation's focal point asks for the floor for one of its members, with a
floor language and a topic, and sees its place in the part's list. The secretariat orders
each list (order of request, order of precedence, or by hand), sets the time limit of each
intervention and accepts or declines. An accepted request becomes a confirmed speaker slot
of the part, so the agenda's clock times and the run-of-show include it; withdrawing or
declining an accepted request removes the slot again.

Every change locks the part's row first (as ``agenda.services`` does for its slots), so
two people reordering, accepting or withdrawing at once are served one after the other.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat
from agenda import selectors as agenda_selectors
from agenda.forms import VersionedFormMixin
from agenda.models import Meeting, Segment
from agenda.services import UP, slot_create, slot_delete, slot_update, slots_reorder
from cidi_meeting.versioning import EditConflict, changes_since, save_versioned
from delegations.enums import FloorRequestStatus
from delegations.models import Delegation, FloorRequest
from delegations.precedence import order_delegations
from speakers.enums import SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

PENDING, ACCEPTED = FloorRequestStatus.PENDING, FloorRequestStatus.ACCEPTED
ACTIVE = (PENDING, ACCEPTED)
# Requests the secretariat has not placed yet follow the placed ones, in order of request.
QUEUE_ORDER = (F("queue_position").asc(nulls_last=True), "requested_at", "pk")
BY_REQUEST, BY_PRECEDENCE = "request", "precedence"
MAX_MINUTES = 120

NOT_ACCREDITED = gettext_lazy(
    "Your delegation must be accredited before it can ask for the floor. Once the "
    "secretariat has accredited it, you can ask for the floor here."
)
NO_MEMBERS = gettext_lazy(
    "Register your delegation's members first: whoever takes the floor must be one of them."
)
NO_PART = gettext_lazy("No part of this meeting takes requests for the floor at the moment.")
# Why a request cannot be changed any more, by its status.
ALREADY = {
    ACCEPTED: gettext_lazy("This request has already been accepted; nothing was changed."),
    FloorRequestStatus.DECLINED: gettext_lazy(
        "This request has already been declined; nothing was changed."
    ),
    FloorRequestStatus.WITHDRAWN: gettext_lazy(
        "This request has been withdrawn; nothing was changed."
    ),
}


# Forms -------------------------------------------------------------------------------


class FloorRequestForm(forms.ModelForm):
    """A delegation's request: which part, who speaks, in which language, on what topic."""

    class Meta:
        model = FloorRequest
        fields = ["segment", "member", "floor_language", "topic"]
        help_texts = {"member": gettext_lazy("One of your delegation's registered members.")}

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = floor_segments(meeting_id=delegation.meeting_id)
        self.fields["segment"].empty_label = None
        # Only this delegation's members: another delegation's member is not a valid choice.
        self.fields["member"].queryset = delegation.members.all()


class FloorMinutesForm(VersionedFormMixin):
    minutes = forms.IntegerField(
        label=gettext_lazy("Time limit (minutes)"), min_value=1, max_value=MAX_MINUTES
    )


class FloorDeclineForm(VersionedFormMixin):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"), max_length=300, required=False
    )


# Selectors ---------------------------------------------------------------------------


def floor_segments(*, meeting_id):
    """Return the meeting's parts that take requests for the floor, in agenda order."""
    return Segment.objects.filter(meeting_id=meeting_id, accepts_floor_requests=True).order_by(
        "order", "pk"
    )


def _floor_requests():
    return FloorRequest.objects.select_related(
        "segment", "delegation__member_state", "delegation__organization", "member", "slot"
    )


def floor_positions(*, segment_ids):
    """Return ``{request pk: (place, length of its part's list)}`` for active requests."""
    rows = (
        FloorRequest.objects.filter(segment_id__in=segment_ids, status__in=ACTIVE)
        .order_by("segment_id", *QUEUE_ORDER)
        .values_list("pk", "segment_id")
    )
    lists = defaultdict(list)
    for pk, segment_id in rows:
        lists[segment_id].append(pk)
    return {pk: (place, len(pks)) for pks in lists.values() for place, pk in enumerate(pks, 1)}


def _shape(floor_request, positions, starts=None):
    """Add ``position``, ``list_length``, ``time_limit`` and ``planned_start`` for display."""
    floor_request.position, floor_request.list_length = positions.get(floor_request.pk, (0, 0))
    floor_request.time_limit = floor_request.minutes or floor_request.segment.floor_minutes
    floor_request.planned_start = (starts or {}).get(floor_request.slot_id)
    return floor_request


@dataclass
class FloorQueue:
    segment: Segment
    active: list
    closed: list


def floor_queues_for_meeting(*, slug):
    """Return the meeting and one ``FloorQueue`` per part that takes requests.

    Accepted requests carry the planned start of their slot (``planned_start``). Runs a
    fixed number of queries. Raises ``Meeting.DoesNotExist`` for an unknown slug.
    """
    meeting = agenda_selectors.meeting_get_for_agenda(slug=slug, published_only=False)
    timing = agenda_selectors.agenda_timing(meeting)
    starts = {item.slot.pk: item.planned_start for part in timing.segments for item in part.slots}
    queues = {
        segment.pk: FloorQueue(segment=segment, active=[], closed=[])
        for segment in meeting.segments.all()
        if segment.accepts_floor_requests
    }
    for floor_request in _floor_requests().filter(segment_id__in=queues).order_by(*QUEUE_ORDER):
        queue = queues[floor_request.segment_id]
        (queue.active if floor_request.status in ACTIVE else queue.closed).append(floor_request)
        # The page numbers the lists itself: no positions needed here.
        _shape(floor_request, {}, starts)
    return meeting, list(queues.values())


def floor_may_act(*, user, delegation):
    """Return True for the delegation's focal point and for the secretariat."""
    return bool(user.is_authenticated) and (
        delegation.focal_point_id == user.pk or is_secretariat(user)
    )


def floor_context_for_delegation(*, delegation, user):
    """Return the template context of the delegation's requests for the floor.

    ``_my_requests.html`` renders it. Runs a fixed number of queries whatever the number
    of requests.
    """
    requests = list(
        _floor_requests()
        .filter(delegation=delegation)
        .order_by("segment__order", "segment_id", "requested_at", "pk")
    )
    positions = floor_positions(segment_ids={r.segment_id for r in requests})
    may_act = floor_may_act(user=user, delegation=delegation)
    refusal = ""
    if not delegation.is_accredited:
        refusal = NOT_ACCREDITED
    elif not floor_segments(meeting_id=delegation.meeting_id).exists():
        refusal = NO_PART
    elif may_act and not delegation.members.exists():
        refusal = NO_MEMBERS
    return {
        "floor_requests": [_shape(r, positions) for r in requests],
        "floor_may_act": may_act,
        "floor_refusal": refusal,
        "floor_form": FloorRequestForm(delegation=delegation) if may_act and not refusal else None,
        "floor_add_url": reverse("delegations:floor_request_add", args=[delegation.pk]),
    }


# Services ----------------------------------------------------------------------------


@transaction.atomic
def floor_request_create(*, delegation, segment, member, floor_language, topic):
    """Record a request for the floor at the end of the part's list.

    Raises ValidationError when the delegation is not accredited, the part takes no
    requests or the speaker is not one of the delegation's members. Side effects: a
    history record.
    """
    if not Delegation.objects.get(pk=delegation.pk).is_accredited:
        raise ValidationError(NOT_ACCREDITED)
    if segment.meeting_id != delegation.meeting_id or not segment.accepts_floor_requests:
        raise ValidationError(NO_PART)
    if member.delegation_id != delegation.pk:
        raise ValidationError(NO_MEMBERS)
    return FloorRequest.objects.create(
        segment=segment,
        delegation=delegation,
        member=member,
        floor_language=floor_language,
        topic=topic,
    )


def _lock_segment(segment_id):
    return Segment.objects.select_for_update().select_related("meeting").get(pk=segment_id)


def _lock_request(floor_request, expected_version, statuses=ACTIVE):
    """Lock the request's part, reload the request and refuse a stale or closed one."""
    segment = _lock_segment(floor_request.segment_id)
    current = _floor_requests().get(pk=floor_request.pk)
    if current.version != int(expected_version):
        raise EditConflict(current, changes_since(current, int(expected_version)))
    if current.status not in statuses:
        raise ValidationError(ALREADY[current.status])
    return segment, current


def _queue(segment):
    return list(_floor_requests().filter(segment=segment, status__in=ACTIVE).order_by(*QUEUE_ORDER))


def _slots_follow_queue(segment, queue):
    """Put the part's slots of accepted requests in the order of the list.

    Other slots of the part keep their places; the accepted requests' slots fill the
    places those slots hold, in the list's order.
    """
    current = list(segment.slots.order_by("order", "pk").values_list("pk", flat=True))
    # A slot the agenda editor moved to another part stays where the editor put it.
    floor_slots = {r.slot_id for r in queue} & set(current)
    from_queue = iter([r.slot_id for r in queue if r.slot_id in floor_slots])
    wanted = [next(from_queue) if pk in floor_slots else pk for pk in current]
    if wanted != current:
        slots_reorder(segment=segment, slot_ids=wanted)


def _queue_write(segment, queue):
    """Number ``queue`` 1..n and make the slots follow; history records the changes."""
    for position, floor_request in enumerate(queue, start=1):
        if floor_request.queue_position != position:
            floor_request.queue_position = position
            # Not a version bump: a new place does not make anyone's open form stale.
            floor_request.save(update_fields=["queue_position"])
    _slots_follow_queue(segment, queue)


@transaction.atomic
def floor_queue_sort(*, segment, by):
    """Order the part's list by order of request or by the meeting's precedence.

    Side effects: rewrites the list's positions; reorders the accepted requests' slots.
    """
    segment = _lock_segment(segment.pk)
    queue = _queue(segment)
    if by == BY_PRECEDENCE:
        delegations = {r.delegation_id: r.delegation for r in queue}.values()
        rank = {d.pk: i for i, d in enumerate(order_delegations(segment.meeting, delegations))}
        queue.sort(key=lambda r: (rank[r.delegation_id], r.requested_at, r.pk))
    else:
        queue.sort(key=lambda r: (r.requested_at, r.pk))
    _queue_write(segment, queue)
    return queue


@transaction.atomic
def floor_request_move(*, floor_request, direction):
    """Move a pending or accepted request one place up or down in its part's list.

    Side effects: rewrites the list's positions; reorders the accepted requests' slots.
    """
    segment = _lock_segment(floor_request.segment_id)
    queue = _queue(segment)
    index = next((i for i, r in enumerate(queue) if r.pk == floor_request.pk), None)
    if index is None:
        raise ValidationError(_("Only pending and accepted requests have a place in the list."))
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(queue):
        queue[index], queue[target] = queue[target], queue[index]
    _queue_write(segment, queue)
    return floor_request


def _speaker_for(member, delegation):
    """Return the member's speaker record, creating it from the member when missing."""
    if member.person_id:
        return member.person
    person = Person.objects.create(
        full_name=member.full_name,
        protocol_title=member.protocol_title,
        position=member.position,
        member_state=delegation.member_state,
        organization=delegation.organization,
        email=member.email,
        preferred_language=member.preferred_language,
    )
    member.person = person
    # Not a version bump: the link does not change what the delegation registered.
    member.save(update_fields=["person"])
    return person


@transaction.atomic
def floor_request_accept(*, floor_request, minutes, expected_version, user):
    """Accept a pending request: it becomes a confirmed speaker slot of its part.

    Side effects: creates the member's speaker record (``Person``) unless the member has
    one; adds the slot through ``slot_create``, so the clock times include it and the
    midnight check runs; puts the part's slots in the order of the list; history records.
    Raises EditConflict for a stale version, ValidationError when the request is not
    pending or the agenda would run past midnight (nothing is saved then).
    """
    segment, current = _lock_request(floor_request, expected_version, statuses=[PENDING])
    delegation = current.delegation
    current.slot = slot_create(
        segment=segment,
        data={
            "person": _speaker_for(current.member, delegation),
            "role": SlotRole.DELEGATION,
            "representing_state": delegation.member_state,
            "representing_organization": delegation.organization,
            "speaking_minutes": minutes,
            "qa_minutes": 0,
            "status": SlotStatus.CONFIRMED,
            "floor_language": current.floor_language,
            "attendance": current.member.attendance,
        },
    )
    current.status, current.minutes = ACCEPTED, minutes
    current.decided_at, current.decided_by = timezone.now(), user
    fields = ["status", "minutes", "slot", "decided_at", "decided_by"]
    save_versioned(current, expected_version=expected_version, update_fields=fields)
    _slots_follow_queue(segment, _queue(segment))
    return current


@transaction.atomic
def floor_request_set_minutes(*, floor_request, minutes, expected_version):
    """Set the time limit of a pending or accepted request.

    Side effects: an accepted request's slot gets the new speaking minutes (through
    ``slot_update``, so the midnight check runs); history records.
    """
    _segment, current = _lock_request(floor_request, expected_version)
    current.minutes = minutes
    save_versioned(current, expected_version=expected_version, update_fields=["minutes"])
    if current.slot_id:
        slot = SpeakerSlot.objects.get(pk=current.slot_id)
        slot_update(slot=slot, data={"speaking_minutes": minutes}, expected_version=slot.version)
    return current


def _close(floor_request, *, status, expected_version, changes):
    """Close a pending or accepted request; remove the slot of an accepted one."""
    _segment, current = _lock_request(floor_request, expected_version)
    slot = current.slot
    current.status, current.slot, current.queue_position = status, None, None
    for name, value in changes.items():
        setattr(current, name, value)
    fields = ["status", "slot", "queue_position", *changes]
    save_versioned(current, expected_version=expected_version, update_fields=fields)
    if slot is not None:
        slot_delete(slot=slot)
    return current


@transaction.atomic
def floor_request_decline(*, floor_request, reason, expected_version, user):
    """Decline a pending or accepted request, with an optional reason.

    Side effects: an accepted request's speaker slot is deleted (the part's slots are
    renumbered); history records.
    """
    return _close(
        floor_request,
        status=FloorRequestStatus.DECLINED,
        expected_version=expected_version,
        changes={"decline_reason": reason, "decided_at": timezone.now(), "decided_by": user},
    )


@transaction.atomic
def floor_request_withdraw(*, floor_request, expected_version):
    """Withdraw a pending or accepted request on the delegation's behalf.

    Side effects: an accepted request's speaker slot is deleted (the part's slots are
    renumbered); history records.
    """
    return _close(
        floor_request,
        status=FloorRequestStatus.WITHDRAWN,
        expected_version=expected_version,
        changes={},
    )


# Views -------------------------------------------------------------------------------


def _run(request, action, success):
    """Run ``action``; report its success or why nothing was saved as a message."""
    try:
        action()
    except EditConflict as conflict:
        changed = ", ".join(str(change[0]) for change in conflict.changes)
        text = _("Someone changed this request after the page was shown; nothing was saved.")
        if changed:
            text += " " + _("Changed meanwhile: %(fields)s.") % {"fields": changed}
        messages.error(request, text)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)


def _submit(request, form, action, success):
    """Run ``action(form.cleaned_data)`` for a valid form; report form errors as messages."""
    if form.is_valid():
        _run(request, lambda: action(form.cleaned_data), success)
        return
    for name, errors in form.errors.items():
        label = getattr(form.fields.get(name), "label", None)
        for error in errors:
            text = _("%(field)s: %(error)s") % {"field": label, "error": error} if label else error
            messages.error(request, text)


def _back(request, default):
    """Redirect to the page the form came from when it is on this site, else ``default``."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def delegation_floor_access(view):
    """Let the delegation's focal point and the secretariat in; 404 for anyone else.

    Anonymous visitors are sent to sign in. Another delegation's focal point learns
    nothing: the delegation does not exist for them.
    """

    @wraps(view)
    def wrapped(request, pk, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        delegation = get_object_or_404(
            Delegation.objects.select_related("meeting", "member_state", "organization"), pk=pk
        )
        if not floor_may_act(user=request.user, delegation=delegation):
            raise Http404("No such delegation.")
        return view(request, delegation, **kwargs)

    return wrapped


@delegation_floor_access
def floor_request_add_view(request, delegation):
    """The delegation's requests with the form to ask for the floor."""
    context = floor_context_for_delegation(delegation=delegation, user=request.user)
    if request.method == "POST":
        form = FloorRequestForm(request.POST, delegation=delegation)
        if form.is_valid() and not context["floor_refusal"]:
            try:
                floor_request_create(delegation=delegation, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your request for the floor was sent; its place in the list is shown."),
                )
                return _back(request, context["floor_add_url"])
        elif context["floor_refusal"]:
            form.add_error(None, context["floor_refusal"])
        context["floor_form"] = form
    return render(
        request, "delegations/floor/request_page.html", {**context, "delegation": delegation}
    )


@delegation_floor_access
@require_POST
def floor_request_withdraw_view(request, delegation, request_pk):
    floor_request = get_object_or_404(FloorRequest, pk=request_pk, delegation=delegation)
    _submit(
        request,
        VersionedFormMixin(request.POST),
        lambda data: floor_request_withdraw(
            floor_request=floor_request, expected_version=data["version"]
        ),
        _("The request for the floor was withdrawn."),
    )
    return _back(request, reverse("delegations:floor_request_add", args=[delegation.pk]))


def _list_url(slug, segment_id):
    return reverse("delegations:floor_list", args=[slug]) + f"#segment-{segment_id}"


def _for_secretariat(slug, pk):
    return get_object_or_404(_floor_requests(), pk=pk, segment__meeting__slug=slug)


@secretariat_required
def floor_list_view(request, slug):
    """Each accepting part's list of requests, with the controls to run it."""
    try:
        meeting, queues = floor_queues_for_meeting(slug=slug)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    context = {
        "meeting": meeting,
        "queues": queues,
        "max_minutes": MAX_MINUTES,
        "by_request": BY_REQUEST,
        "by_precedence": BY_PRECEDENCE,
    }
    return render(request, "delegations/floor/secretariat_list.html", context)


@secretariat_required
@require_POST
def floor_sort_view(request, slug, segment_pk):
    segment = get_object_or_404(
        Segment, pk=segment_pk, meeting__slug=slug, accepts_floor_requests=True
    )
    by = request.POST.get("by")
    if by not in {BY_REQUEST, BY_PRECEDENCE}:
        messages.error(request, _("Choose to order the list by request or by precedence."))
    else:
        success = {
            BY_REQUEST: _("The list now follows the order of request."),
            BY_PRECEDENCE: _("The list now follows the order of precedence."),
        }[by]
        _run(request, lambda: floor_queue_sort(segment=segment, by=by), success)
    return redirect(_list_url(slug, segment.pk))


@secretariat_required
@require_POST
def floor_move_view(request, slug, pk, direction):
    floor_request = _for_secretariat(slug, pk)
    success = (
        _("%(delegation)s moved up the list.")
        if direction == UP
        else _("%(delegation)s moved down the list.")
    ) % {"delegation": floor_request.delegation.name}
    _run(
        request,
        lambda: floor_request_move(floor_request=floor_request, direction=direction),
        success,
    )
    return redirect(_list_url(slug, floor_request.segment_id))


def _request_form_post(request, slug, pk, *, form_class, service, success, **extra):
    """Bind ``form_class`` and hand its data to ``service``; redirect back to the list.

    ``service`` gets the request, ``expected_version``, the form's other fields and
    ``extra``. ``success`` may name ``%(delegation)s`` and ``%(part)s``.
    """
    floor_request = _for_secretariat(slug, pk)

    def action(data):
        fields = {name: value for name, value in data.items() if name != "version"}
        service(floor_request=floor_request, expected_version=data["version"], **fields, **extra)

    names = {"delegation": floor_request.delegation.name, "part": floor_request.segment.title}
    _submit(request, form_class(request.POST), action, success % names)
    return redirect(_list_url(slug, floor_request.segment_id))


@secretariat_required
@require_POST
def floor_minutes_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorMinutesForm,
        service=floor_request_set_minutes,
        success=_("Time limit of %(delegation)s saved."),
    )


@secretariat_required
@require_POST
def floor_accept_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorMinutesForm,
        service=floor_request_accept,
        success=_("Request of %(delegation)s accepted: it is now a speaker slot of “%(part)s”."),
        user=request.user,
    )


@secretariat_required
@require_POST
def floor_decline_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorDeclineForm,
        service=floor_request_decline,
        success=_("Request of %(delegation)s declined."),
        user=request.user,
    )
