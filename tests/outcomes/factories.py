"""Factories for good practices and cooperation items (shared by the outcomes tests)."""

import factory
from django.utils import timezone

from delegations.models import Delegation
from outcomes.enums import CooperationKind, Modality, PracticeStatus
from outcomes.models import CooperationItem, GoodPractice, Instrument, TargetGroup, Theme


def delegation_of(meeting, iso2):
    return Delegation.objects.get(meeting=meeting, member_state__iso2=iso2)


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    """A published practice; pass ``status`` for another state of the workflow."""

    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    meeting = factory.LazyAttribute(lambda o: o.delegation.meeting)
    title = factory.Sequence(lambda n: f"Programme {n}")
    programme_name = factory.Sequence(lambda n: f"Programa {n}")
    description = "A conditional cash transfer that reached rural households."
    status = PracticeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def instruments(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["cash-transfer-conditional"]
            self.instruments.set(Instrument.objects.filter(code__in=codes))

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["women"]
            self.target_groups.set(TargetGroup.objects.filter(code__in=codes))


class CooperationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationItem
        skip_postgeneration_save = True

    meeting = factory.LazyAttribute(lambda o: o.delegation.meeting)
    kind = CooperationKind.OFFER
    title = factory.Sequence(lambda n: f"Cooperation {n}")
    modality = Modality.TECHNICAL_ASSISTANCE
    theme = factory.LazyFunction(lambda: Theme.objects.get(code="care-systems"))
    instrument = factory.LazyFunction(lambda: Instrument.objects.get(code="care-services"))

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(TargetGroup.objects.filter(code__in=extracted))
