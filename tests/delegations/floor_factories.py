"""Factories and demo helpers for the tests of the requests for the floor."""

import factory

from delegations.enums import DelegationStatus, MemberRole
from delegations.models import Delegation, DelegationMember, FloorRequest

DIALOGUE_ORDER = 3


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    order = factory.Sequence(lambda n: n)
    protocol_title = "Ms."
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    position = "Minister of Social Development"
    role = MemberRole.HEAD
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    preferred_language = "es"


class FloorRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloorRequest

    member = factory.LazyAttribute(lambda o: DelegationMemberFactory(delegation=o.delegation))
    floor_language = "es"
    topic = factory.Sequence(lambda n: f"Cash transfers, lesson {n}")


def dialogue(meeting):
    """Return the demo's dialogue with the delegations, now taking requests for the floor."""
    segment = meeting.segments.get(order=DIALOGUE_ORDER)
    segment.accepts_floor_requests = True
    segment.save(update_fields=["accepts_floor_requests"])
    return segment


def delegation(meeting, iso2, *, accredited=True):
    """Return the demo delegation of ``iso2``, accredited unless said otherwise."""
    found = Delegation.objects.select_related("member_state", "focal_point").get(
        meeting=meeting, member_state__iso2=iso2
    )
    if accredited:
        found.status = DelegationStatus.ACCREDITED
        found.save(update_fields=["status"])
    return found
