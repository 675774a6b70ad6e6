"""Factories of the delegations' tests."""

import datetime

import factory
from django.utils import timezone

from delegations.enums import DelegationStatus
from delegations.models import Delegation, FocalPointInvitation, MemberState, Organization
from delegations.reference import reference_data_load
from tests.factories import MeetingFactory


def member_states(count=None):
    """Return the participating member states in Spanish alphabetical order."""
    # A transactional test run earlier empties the tables the migrations filled.
    reference_data_load(MemberState, Organization)
    states = MemberState.objects.filter(participates=True).order_by("spanish_order")
    return list(states if count is None else states[:count])


class DelegationFactory(factory.django.DjangoModelFactory):
    """A member state's delegation, invited to a meeting of its own."""

    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    member_state = factory.LazyFunction(lambda: member_states(1)[0])
    status = DelegationStatus.INVITED


def organization_delegation(meeting, acronym="ECLAC"):
    return DelegationFactory(
        meeting=meeting,
        member_state=None,
        organization=Organization.objects.get(acronym=acronym),
        quota=meeting.quota_organization,
    )


class FocalPointInvitationFactory(factory.django.DjangoModelFactory):
    """An invitation sent today, open for thirty days."""

    class Meta:
        model = FocalPointInvitation

    delegation = factory.SubFactory(DelegationFactory)
    email = factory.Sequence(lambda n: f"focal{n}@example.org")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    sent_at = factory.LazyFunction(timezone.now)
