"""Reads of requests for the floor: the parts that take them, the lists and their places."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext_lazy

from accounts.roles import is_secretariat
from agenda import selectors as agenda_selectors
from agenda.models import Segment
from delegations.enums import FloorRequestStatus
from delegations.models import FloorRequest

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
DUPLICATE = gettext_lazy(
    "This member has already asked for the floor in this part on this topic; that request "
    "is in the list. Withdraw it first, or give another topic."
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


def floor_segments(*, meeting_id):
    """Return the meeting's parts that take requests for the floor, in agenda order."""
    return Segment.objects.filter(meeting_id=meeting_id, accepts_floor_requests=True).order_by(
        "order", "pk"
    )


def floor_requests_related():
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


def floor_request_shape(floor_request, positions, starts=None):
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


def _slot_starts(agenda):
    timing = agenda_selectors.agenda_timing(agenda)
    return {item.slot.pk: item.planned_start for part in timing.segments for item in part.slots}


def _agenda(meeting):
    return agenda_selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)


def floor_slot_starts(*, meeting):
    """Return the planned start of every slot of the meeting, by slot id (fixed queries)."""
    return _slot_starts(_agenda(meeting))


def floor_slot_place(*, meeting, slot_id):
    """Return (planned start, place in its part's list, speakers in the list), or None.

    None when the slot is no longer in the agenda (withdrawn meanwhile).
    """
    for part in agenda_selectors.agenda_timing(_agenda(meeting)).segments:
        slots = [item.slot.pk for item in part.slots]
        if slot_id in slots:
            place = slots.index(slot_id)
            return part.slots[place].planned_start, place + 1, len(slots)
    return None


def floor_queues_for_meeting(*, slug):
    """Return the meeting and one ``FloorQueue`` per part that takes requests.

    Accepted requests carry the planned start of their slot (``planned_start``). Runs a
    fixed number of queries. Raises ``Meeting.DoesNotExist`` for an unknown slug.
    """
    meeting = agenda_selectors.meeting_get_for_agenda(slug=slug, published_only=False)
    starts = _slot_starts(meeting)
    queues = {
        segment.pk: FloorQueue(segment=segment, active=[], closed=[])
        for segment in meeting.segments.all()
        if segment.accepts_floor_requests
    }
    for floor_request in (
        floor_requests_related().filter(segment_id__in=queues).order_by(*QUEUE_ORDER)
    ):
        queue = queues[floor_request.segment_id]
        (queue.active if floor_request.status in ACTIVE else queue.closed).append(floor_request)
        # The page numbers the lists itself: no positions needed here.
        floor_request_shape(floor_request, {}, starts)
    return meeting, list(queues.values())


def floor_may_act(*, user, delegation):
    """Return True for the delegation's focal point and for the secretariat."""
    return bool(user.is_authenticated) and (
        delegation.focal_point_id == user.pk or is_secretariat(user)
    )
