"""Writes of requests for the floor: ask, order, accept (a speaker slot), decline, withdraw.

Every change locks the part's row first (as ``agenda.services`` does for its slots), so
two people reordering, accepting or withdrawing at once are served one after the other.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Segment
from agenda.services import slot_create, slot_delete, slot_update, slots_reorder
from cidi_meeting.mail import MailKind, queue_message, render_email
from cidi_meeting.ordering import moved, renumber
from cidi_meeting.text import same_words, strip_bidi_controls
from cidi_meeting.versioning import EditConflict, changes_since, save_versioned
from delegations.enums import FloorRequestStatus
from delegations.floor.selectors import (
    ACCEPTED,
    ACTIVE,
    ALREADY,
    BY_PRECEDENCE,
    DUPLICATE,
    NO_MEMBERS,
    NO_PART,
    NOT_ACCREDITED,
    PENDING,
    QUEUE_ORDER,
    floor_requests_related,
    floor_slot_place,
)
from delegations.models import Delegation, FloorRequest
from delegations.precedence import order_delegations
from speakers.enums import SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot


@transaction.atomic
def floor_request_create(*, delegation, segment, member, topic, floor_language=None):
    """Record a request for the floor at the end of the part's list.

    Without a ``floor_language`` the member speaks the member state's language.

    Raises ValidationError when the delegation is not accredited, the part takes no
    requests, the speaker is not one of the delegation's members or the member already
    has a pending or accepted request in the part on the same topic (a replayed post is
    stored once). Side effects: a history record.
    """
    if not Delegation.objects.get(pk=delegation.pk).is_accredited:
        raise ValidationError(NOT_ACCREDITED)
    if segment.meeting_id != delegation.meeting_id or not segment.accepts_floor_requests:
        raise ValidationError(NO_PART)
    if member.delegation_id != delegation.pk:
        raise ValidationError(NO_MEMBERS)
    topic = " ".join(strip_bidi_controls(topic).split())
    # The part's lock serves two posts of the same request one after the other.
    _lock_segment(segment.pk)
    asked = FloorRequest.objects.filter(
        segment=segment, delegation=delegation, member=member, status__in=ACTIVE
    ).values_list("topic", flat=True)
    if any(same_words(topic, earlier) for earlier in asked):
        raise ValidationError(DUPLICATE)
    return FloorRequest.objects.create(
        segment=segment,
        delegation=delegation,
        member=member,
        floor_language=floor_language or delegation.language,
        topic=topic,
    )


def _lock_segment(segment_id):
    return Segment.objects.select_for_update().select_related("meeting").get(pk=segment_id)


def _lock_request(floor_request, expected_version, statuses=ACTIVE):
    """Lock the request's part, reload the request and refuse a stale or closed one."""
    segment = _lock_segment(floor_request.segment_id)
    current = floor_requests_related().get(pk=floor_request.pk)
    if current.version != int(expected_version):
        raise EditConflict(current, changes_since(current, int(expected_version)))
    if current.status not in statuses:
        raise ValidationError(ALREADY[current.status])
    return segment, current


def _queue(segment):
    return list(
        floor_requests_related().filter(segment=segment, status__in=ACTIVE).order_by(*QUEUE_ORDER)
    )


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
    # Not a version bump: a new place does not make anyone's open form stale.
    renumber(queue, field="queue_position", versioned=False)
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
    try:
        queue = moved(queue, floor_request, direction)
    except ValueError:
        raise ValidationError(
            _("Only pending and accepted requests have a place in the list.")
        ) from None
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
    midnight check runs; puts the part's slots in the order of the list; history records;
    once committed, emails the focal point and the member (``floor_accepted_notify``).
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
    transaction.on_commit(lambda: floor_accepted_notify(floor_request=current))
    return current


def floor_accepted_notify(*, floor_request):
    """Email the focal point and the member that the request was accepted.

    Each reads, in their language, the part, the planned clock time of the intervention in
    the meeting's time zone, its place in the part's list of speakers and the time limit.
    """
    meeting = floor_request.segment.meeting
    found = floor_slot_place(meeting=meeting, slot_id=floor_request.slot_id)
    if found is None:
        return  # the slot is gone again (withdrawn before this ran)
    planned_start, place, speakers = found
    delegation, member = floor_request.delegation, floor_request.member
    recipients = []
    if delegation.focal_point and delegation.focal_point.email:
        focal = delegation.focal_point
        recipients.append((focal.email, focal.preferred_language, focal.get_full_name()))
    if member.email and member.email not in {email for email, _l, _n in recipients}:
        recipients.append((member.email, member.preferred_language, str(member)))
    context = {
        "delegation": delegation,
        "meeting": meeting,
        "member": member,
        "segment": floor_request.segment,
        "planned_start": planned_start.astimezone(meeting.tzinfo),
        "place": place,
        "speakers": speakers,
        "minutes": floor_request.minutes,
    }
    for email, language, name in recipients:
        queue_message(
            render_email(
                subject_template="delegations/email/floor_accepted_subject.txt",
                body_template="delegations/email/floor_accepted_message.txt",
                context={**context, "name": name},
                language=language,
                to=[email],
            ),
            meeting_id=meeting.pk,
            kind=MailKind.REGISTRATION,
            key=f"floor-accepted-{floor_request.pk}-{floor_request.slot_id}-{email}",
        )


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
