"""The order of precedence of a meeting's delegations.

CIDI regular and special meetings order delegations by the date their representatives
presented credentials; specialized conferences by lot, drawn once at the preparatory
session; other formats alphabetically. The strategy is chosen per meeting
(``Meeting.precedence``).

``order_delegations`` is the only function that orders a meeting's delegations: the
secretariat's dashboard, the list of participants (page, CSV and PDF) and the list of
requests for the floor all use it, so they show one order, the same in every language.
Ties never depend on the language of the reader or on when the list is read: they are
broken by the OAS Spanish alphabetical order (``MemberState.spanish_order``), which is the
OAS's default order of precedence, then by the delegation's id.
"""

import random
import secrets

from django.db import transaction
from django.utils import timezone

from agenda.enums import Precedence
from agenda.models import Meeting
from delegations.models import Delegation

# Delegations of member states come first, then observers, then organizations.
KIND_RANK = {"member_state": 0, "observer": 1, "organization": 2}


def delegation_code(delegation):
    """Return the stable code used to draw and reproduce the lot (ISO code or acronym)."""
    if delegation.member_state_id:
        return delegation.member_state.iso2
    return delegation.organization.acronym


def _english_name(delegation):
    if delegation.member_state_id:
        return delegation.member_state.name_en
    return delegation.organization.name_en


def _spanish_key(delegation):
    if delegation.member_state_id:
        return (delegation.member_state.spanish_order, "")
    return (10_000, delegation.organization.name_es or delegation.organization.name_en)


def lot_order(codes, seed):
    """Return ``codes`` in the order drawn by lot with ``seed`` (reproducible anywhere).

    The codes are sorted first, so the draw depends only on the seed and on which
    delegations took part; Python's ``random.Random(seed).shuffle`` then draws the order.
    """
    drawn = sorted(codes)
    random.Random(seed).shuffle(drawn)  # noqa: S311 - reproducible by design; the seed is secret-free
    return drawn


def order_delegations(meeting, delegations):
    """Return ``delegations`` (with member_state and organization loaded) in precedence.

    Member states come first, then observers, then organizations; within each group:

    - by credentials date: those who presented credentials, earliest first; those not yet
      presented come after them, in the alphabetical order of the OAS Spanish names (the
      OAS's default order), as a protocol officer lists them;
    - by lot: the numbers drawn; delegations added after the draw follow, in the OAS
      Spanish order;
    - alphabetical, OAS Spanish names: ``MemberState.spanish_order``;
    - alphabetical, English names: the English names, whatever the reader's language.

    Every tie falls back to the OAS Spanish order and then to the id, so the order never
    depends on the reader's language, on the database's row order or on the time of day.
    """
    strategy = meeting.precedence

    def key(delegation):
        tie_break = (_spanish_key(delegation), delegation.pk or 0)
        kind = KIND_RANK[delegation.kind]
        if strategy == Precedence.LOT:
            drawn = delegation.lot_number
            return (kind, drawn is None, drawn or 0, *tie_break)
        if strategy == Precedence.CREDENTIALS_DATE:
            presented = delegation.credentials_presented_at
            # Not yet presented: after those who did; no stand-in date, the tie-break decides.
            when = (0, presented) if presented is not None else (1,)
            return (kind, when, *tie_break)
        if strategy == Precedence.ALPHABETICAL_EN:
            return (kind, _english_name(delegation), *tie_break)
        return (kind, *tie_break)

    return sorted(delegations, key=key)


@transaction.atomic
def lot_draw(*, meeting, seed=None):
    """Draw the lot once for the meeting's delegations and record the seed.

    Raises ValueError when the lot was already drawn (it is drawn only once).
    """

    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.lot_seed:
        raise ValueError("The lot has already been drawn for this meeting.")
    seed = seed or secrets.token_hex(8)
    delegations = list(
        Delegation.objects.filter(meeting=meeting).select_related("member_state", "organization")
    )
    by_code = {delegation_code(d): d for d in delegations}
    for number, code in enumerate(lot_order(by_code, seed), start=1):
        delegation = by_code[code]
        delegation.lot_number = number
        delegation.save(update_fields=["lot_number"])
    meeting.lot_seed = seed
    meeting.lot_drawn_at = timezone.now()
    meeting.save(update_fields=["lot_seed", "lot_drawn_at"])
    return meeting
