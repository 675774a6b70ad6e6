"""Pair open offers with open needs and say, in words, why they match.

An offer and a need match when both are open, belong to the same meeting, come from
different delegations, and

* name the same instrument, or
* share the theme and at least one target group, or
* share the theme and the form of cooperation. A study tour on care systems offered by
  one delegation and asked for by another is worth a conversation even when neither
  names a group, so the theme with the same form counts too.

The theme alone, or the form of cooperation alone, is too broad to propose anything.
A pair scores 3 points for the same instrument, 2 for the same theme, 1 for the same form
of cooperation and 1 for each shared target group; proposals are ranked by score.

Everything here works on items already loaded with their delegation, theme, instrument
and target groups (``selectors.cooperation_items``): it runs no query of its own.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outcomes.enums import CooperationKind, Modality

INSTRUMENT_POINTS = 3
THEME_POINTS = 2
MODALITY_POINTS = 1
GROUP_POINTS = 1
# The labels of the forms of cooperation (lazy: translated when a reason is written).
MODALITY_LABELS = dict(Modality.choices)


@dataclass(frozen=True)
class Affinity:
    """What an offer and a need have in common, and what it is worth."""

    instrument: object = None
    theme: object = None
    modality: str = ""
    groups: tuple = ()

    @property
    def score(self):
        return (
            INSTRUMENT_POINTS * bool(self.instrument)
            + THEME_POINTS * bool(self.theme)
            + MODALITY_POINTS * bool(self.modality)
            + GROUP_POINTS * len(self.groups)
        )

    @property
    def reason(self):
        """Return the reason in words, in the active language."""
        parts = []
        if self.instrument:
            parts.append(_("same instrument: %(name)s") % {"name": self.instrument.name})
        if self.theme:
            parts.append(_("same theme: %(name)s") % {"name": self.theme.name})
        if self.modality:
            parts.append(_("same form of cooperation: %(name)s") % {"name": self.modality})
        if self.groups:
            names = ", ".join(group.name for group in self.groups)
            parts.append(
                ngettext("shared group: %(names)s", "shared groups: %(names)s", len(self.groups))
                % {"names": names}
            )
        return capfirst("; ".join(parts))


@dataclass(frozen=True)
class Proposal:
    """An open offer and an open need the portal proposes to pair."""

    offer: object
    need: object
    affinity: Affinity

    @property
    def score(self):
        return self.affinity.score

    @property
    def reason(self):
        return self.affinity.reason

    @property
    def theme_ids(self):
        return {self.offer.theme_id, self.need.theme_id}


def affinity_between(offer, need, *, offer_groups=None, need_groups=None):
    """Return what ``offer`` and ``need`` share, or None when they do not match.

    ``offer_groups`` and ``need_groups`` are their target groups when the caller has
    them already: reading a prefetched relation builds a related manager each time,
    which over every pair of a large meeting costs more than the rest of the test.
    """
    if (
        offer.kind != CooperationKind.OFFER
        or need.kind != CooperationKind.NEED
        or not (offer.is_open and need.is_open)
        or offer.meeting_id != need.meeting_id
        or offer.delegation_id == need.delegation_id
    ):
        return None
    same_instrument = offer.instrument_id is not None and offer.instrument_id == need.instrument_id
    same_theme = offer.theme_id == need.theme_id
    same_modality = offer.modality == need.modality
    if not (same_instrument or same_theme):
        return None
    if offer_groups is None:
        offer_groups = offer.target_groups.all()
    if need_groups is None:
        need_groups = need.target_groups.all()
    needed_groups = {group.pk for group in need_groups}
    groups = tuple(group for group in offer_groups if group.pk in needed_groups)
    if not (same_instrument or (same_theme and (groups or same_modality))):
        return None
    return Affinity(
        instrument=offer.instrument if same_instrument else None,
        theme=offer.theme if same_theme else None,
        modality=MODALITY_LABELS.get(offer.modality, offer.modality) if same_modality else "",
        groups=groups,
    )


def proposals_pair(*, items, followed_pairs=frozenset()):
    """Return the matching (offer, need) pairs of ``items``, best first.

    Pairs in ``followed_pairs`` (``(offer pk, need pk)``) are already followed up by the
    secretariat and are left out.
    """
    offers = [item for item in items if item.kind == CooperationKind.OFFER]
    needs_by_theme, needs_by_instrument = defaultdict(list), defaultdict(list)
    for item in items:
        if item.kind == CooperationKind.NEED:
            needs_by_theme[item.theme_id].append(item)
            if item.instrument_id is not None:
                needs_by_instrument[item.instrument_id].append(item)
    groups_of = {item.pk: list(item.target_groups.all()) for item in items}
    proposals = []
    for offer in offers:
        # Only a need with the offer's theme or instrument can match it.
        candidates = {need.pk: need for need in needs_by_theme[offer.theme_id]}
        if offer.instrument_id is not None:
            candidates.update((need.pk, need) for need in needs_by_instrument[offer.instrument_id])
        for need in candidates.values():
            if (offer.pk, need.pk) in followed_pairs:
                continue
            affinity = affinity_between(
                offer, need, offer_groups=groups_of[offer.pk], need_groups=groups_of[need.pk]
            )
            if affinity is not None:
                proposals.append(Proposal(offer=offer, need=need, affinity=affinity))
    proposals.sort(key=lambda proposal: (-proposal.score, proposal.offer.pk, proposal.need.pk))
    return proposals
