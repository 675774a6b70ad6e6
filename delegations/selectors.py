"""Reads of delegations, shaped so each page runs a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from delegations import precedence
from delegations.enums import DelegationStatus, FloorRequestStatus
from delegations.models import (
    CredentialsLetter,
    Delegation,
    DelegationMember,
    FloorRequest,
    FocalPointInvitation,
)
from delegations.rules import can_view_delegation


def _delegations_with_members():
    return Delegation.objects.select_related(
        "meeting", "member_state", "organization", "focal_point"
    ).prefetch_related(
        Prefetch("members", queryset=DelegationMember.objects.order_by("order", "pk")),
        Prefetch(
            "credentials_letters", queryset=CredentialsLetter.objects.order_by("-uploaded_at")
        ),
    )


def delegation_get_for_user(*, pk, user):
    """Return the delegation with its members and letters, or 404 for those who may not see it."""
    delegation = _delegations_with_members().filter(pk=pk).first()
    if delegation is None or not can_view_delegation(user, delegation):
        raise Http404("No such delegation.")
    return delegation


def delegations_for_user(*, user):
    """Return the delegations the user is focal point of or a linked member of, newest first.

    A member's link is ``DelegationMember.account`` (the member confirmed an invitation);
    a subquery keeps the member count a count of members.
    """
    linked = DelegationMember.objects.filter(account=user).values("delegation_id")
    return (
        Delegation.objects.filter(Q(focal_point=user) | Q(pk__in=linked))
        .select_related("meeting", "member_state", "organization")
        .annotate(member_count=Count("members"))
        .order_by("-meeting__date", "pk")
    )


def meeting_delegations(*, meeting):
    """Return the meeting's delegations, with members, in the meeting's order of precedence."""
    delegations = _delegations_with_members().filter(meeting=meeting)
    return precedence.order_delegations(meeting, delegations)


def meeting_dashboard(*, meeting):
    """Return the figures of the secretariat's dashboard for the meeting (fixed queries)."""
    delegations = Delegation.objects.filter(meeting=meeting)
    status_counts = dict(
        delegations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    invited = (
        FocalPointInvitation.objects.filter(delegation__meeting=meeting, revoked_at__isnull=True)
        .values("delegation")
        .distinct()
        .count()
    )
    accepted = delegations.filter(focal_point__isnull=False).count()
    change_requests = delegations.filter(change_requested_at__isnull=False).count()
    members = DelegationMember.objects.filter(delegation__meeting=meeting)
    by_role = dict(members.values_list("role").annotate(n=Count("pk")).values_list("role", "n"))
    by_attendance = dict(
        members.values_list("attendance").annotate(n=Count("pk")).values_list("attendance", "n")
    )
    pending_floor = FloorRequest.objects.filter(
        segment__meeting=meeting, status=FloorRequestStatus.PENDING
    ).count()
    submitted = sum(
        status_counts.get(status, 0)
        for status in (DelegationStatus.SUBMITTED, DelegationStatus.ACCREDITED)
    )
    return {
        "delegations": sum(status_counts.values()),
        "invited": invited,
        "accepted": accepted,
        "registered": submitted,
        "accredited": status_counts.get(DelegationStatus.ACCREDITED, 0),
        "returned": status_counts.get(DelegationStatus.RETURNED, 0),
        "status_counts": status_counts,
        "members": sum(by_role.values()),
        "members_by_role": by_role,
        "members_by_attendance": by_attendance,
        "floor_pending": pending_floor,
        "change_requests": change_requests,
    }


def meeting_delegation_rows(*, meeting):
    """Return the meeting's delegations for the dashboard table, with member counts."""
    delegations = (
        Delegation.objects.filter(meeting=meeting)
        .select_related("member_state", "organization", "focal_point", "meeting")
        .annotate(
            member_count=Count("members", distinct=True),
            letter_count=Count("credentials_letters", distinct=True),
            pending_floor=Count(
                "floor_requests",
                filter=Q(floor_requests__status=FloorRequestStatus.PENDING),
                distinct=True,
            ),
        )
    )
    return precedence.order_delegations(meeting, delegations)
