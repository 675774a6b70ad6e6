"""The proposals visit only the needs that share a theme or an instrument with an offer.

Whatever the index leaves out could not have matched: the proposals are those of every
pair tried one by one.
"""

import itertools

from outcomes.cooperation import matching
from outcomes.cooperation.selectors import cooperation_items
from outcomes.enums import CooperationKind, Modality
from outcomes.models import CooperationItem, Instrument, TargetGroup, Theme
from tests.outcomes.factories import CooperationItemFactory, delegation_of

THEMES = ["care-systems", "social-registries", "financing"]
INSTRUMENTS = [None, "cash-transfer", "non-contributory-pension"]
GROUPS = [[], ["women"], ["women", "older-persons"]]
MODALITIES = [Modality.TRAINING, Modality.STUDY_TOUR]


def every_pair(items):
    offers = [item for item in items if item.kind == CooperationKind.OFFER]
    needs = [item for item in items if item.kind == CooperationKind.NEED]
    found = []
    for offer, need in itertools.product(offers, needs):
        affinity = matching.affinity_between(offer, need)
        if affinity is not None:
            found.append((offer.pk, need.pk, affinity.score, affinity.reason))
    return sorted(found, key=lambda pair: (-pair[2], pair[0], pair[1]))


def test_the_proposals_are_those_of_every_pair(demo_meeting):
    CooperationItem.objects.filter(meeting=demo_meeting).delete()
    delegations = [delegation_of(demo_meeting, code) for code in ("MX", "PA", "UY")]
    combinations = itertools.product(THEMES, INSTRUMENTS, GROUPS, MODALITIES)
    for number, (theme, instrument, groups, modality) in enumerate(combinations):
        item = CooperationItemFactory(
            delegation=delegations[number % len(delegations)],
            kind=CooperationKind.OFFER if number % 2 else CooperationKind.NEED,
            theme=Theme.objects.get(code=theme),
            instrument=instrument and Instrument.objects.get(code=instrument),
            modality=modality,
        )
        item.target_groups.set(TargetGroup.objects.filter(code__in=groups))
    items = list(cooperation_items().filter(meeting=demo_meeting))

    proposals = matching.proposals_pair(items=items)

    expected = every_pair(items)
    assert len(expected) > 20
    assert [(p.offer.pk, p.need.pk, p.score, p.reason) for p in proposals] == expected
