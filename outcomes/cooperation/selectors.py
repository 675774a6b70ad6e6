"""Reads of cooperation offers, needs and matches, each with a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from outcomes.cooperation import matching
from outcomes.enums import CooperationKind, MatchStatus
from outcomes.models import CooperationItem, CooperationMatch

# Followed matches still on their way come first, then the completed, then the dropped.
STATUS_ORDER = [
    MatchStatus.PROPOSED,
    MatchStatus.AGREED,
    MatchStatus.UNDER_WAY,
    MatchStatus.COMPLETED,
    MatchStatus.DROPPED,
]
MILESTONES = ("agreed_on", "started_on", "completed_on")
DELEGATION_FIELDS = ("delegation__member_state", "delegation__organization")


def _delegation_of(side):
    """Name the relations that give the delegation of a match's ``side`` its name."""
    return [side, *(f"{side}__{name}" for name in DELEGATION_FIELDS)]


def _shown(side):
    """Name the relations a match's ``side`` shows on the secretariat's page."""
    return [*_delegation_of(side), f"{side}__theme", f"{side}__instrument"]


def cooperation_items():
    """Return items with their delegation, theme, instrument, practice and groups (2 queries)."""
    return CooperationItem.objects.select_related(
        *DELEGATION_FIELDS, "theme", "instrument", "practice"
    ).prefetch_related("target_groups")


def cooperation_items_of_delegation(*, delegation):
    """Return the delegation's offers and needs, open ones first, with their followed matches.

    Returns ``(offers, needs)``. Each item carries ``followed``: its matches, each with
    ``counterpart``, the item on the other side.
    """
    matches = CooperationMatch.objects.order_by("pk")
    items = (
        cooperation_items()
        .filter(delegation=delegation)
        .prefetch_related(
            Prefetch("matches_as_offer", queryset=matches.select_related(*_delegation_of("need"))),
            Prefetch("matches_as_need", queryset=matches.select_related(*_delegation_of("offer"))),
        )
        .order_by("-is_open", "-created_at", "-pk")
    )
    offers, needs = [], []
    for item in items:
        if item.kind == CooperationKind.OFFER:
            item.followed = [_with_counterpart(m, m.need) for m in item.matches_as_offer.all()]
            offers.append(item)
        else:
            item.followed = [_with_counterpart(m, m.offer) for m in item.matches_as_need.all()]
            needs.append(item)
    return offers, needs


def _with_counterpart(match, counterpart):
    match.counterpart = counterpart
    return match


def cooperation_matches_followed(*, meeting):
    """Return the meeting's followed matches, those on their way first, best score first."""
    matches = (
        CooperationMatch.objects.filter(offer__meeting=meeting)
        .select_related(*_shown("offer"), *_shown("need"))
        .order_by("-score", "pk")
    )
    for match in matches:
        match.milestones = [
            (CooperationMatch._meta.get_field(name).verbose_name, getattr(match, name))
            for name in MILESTONES
            if getattr(match, name)
        ]
    return sorted(matches, key=lambda match: STATUS_ORDER.index(match.status))


@dataclass
class CooperationBoard:
    """The portal's proposals, the followed matches and the open items they come from."""

    open_items: list
    proposals: list
    followed: list


def cooperation_board(*, meeting):
    """Return the ranked proposals and the followed matches of ``meeting`` (3 queries)."""
    followed = cooperation_matches_followed(meeting=meeting)
    items = list(cooperation_items().filter(meeting=meeting, is_open=True))
    proposals = matching.proposals_pair(
        items=items, followed_pairs={(match.offer_id, match.need_id) for match in followed}
    )
    return CooperationBoard(open_items=items, proposals=proposals, followed=followed)


# The supply–demand matrix --------------------------------------------------------------


@dataclass
class MatrixCell:
    """One delegation's open offers and needs in one theme."""

    offers: int = 0
    needs: int = 0
    # An offer here meets another delegation's need in the theme, or the reverse.
    meets_need: bool = False
    meets_offer: bool = False

    @property
    def is_meeting_point(self):
        return self.meets_need or self.meets_offer


@dataclass
class MatrixColumn:
    theme: object
    offers: int = 0
    needs: int = 0
    proposed: int = 0
    followed: int = 0


class Totals:
    """Offers and needs summed over the cells or columns named by ``summed``."""

    summed = ""

    @property
    def offers(self):
        return sum(part.offers for part in getattr(self, self.summed))

    @property
    def needs(self):
        return sum(part.needs for part in getattr(self, self.summed))


@dataclass
class MatrixRow(Totals):
    delegation: object
    cells: list = field(default_factory=list)
    summed = "cells"


@dataclass
class Matrix(Totals):
    columns: list
    rows: list
    summed = "columns"

    @property
    def meeting_points(self):
        return sum(cell.is_meeting_point for row in self.rows for cell in row.cells)


def _delegation_order(delegation):
    """Member states first, then organizations, each by name in the active language."""
    return (delegation.member_state_id is None, delegation.name.casefold())


def cooperation_matrix(*, meeting):
    """Return the supply–demand matrix of the meeting's open offers and needs (3 queries).

    Rows are the delegations that have posted an open offer or need; columns the themes
    that have one, or a followed match. A column counts the portal's proposals and the
    followed matches (dropped ones left out) that touch its theme: a pair whose offer and
    need are in two themes counts in both.
    """
    board = cooperation_board(meeting=meeting)
    cells = defaultdict(MatrixCell)
    kinds_by_theme = defaultdict(lambda: defaultdict(set))
    delegations, themes = {}, {}
    for item in board.open_items:
        cell = cells[item.delegation_id, item.theme_id]
        if item.kind == CooperationKind.OFFER:
            cell.offers += 1
        else:
            cell.needs += 1
        kinds_by_theme[item.theme_id][item.kind].add(item.delegation_id)
        delegations[item.delegation_id] = item.delegation
        themes[item.theme_id] = item.theme
    for (delegation_id, theme_id), cell in cells.items():
        by_kind = kinds_by_theme[theme_id]
        cell.meets_need = bool(cell.offers and by_kind[CooperationKind.NEED] - {delegation_id})
        cell.meets_offer = bool(cell.needs and by_kind[CooperationKind.OFFER] - {delegation_id})
    proposed = Counter(theme_id for p in board.proposals for theme_id in p.theme_ids)
    followed = Counter()
    for match in board.followed:
        if match.status != MatchStatus.DROPPED:
            for side in (match.offer, match.need):
                themes.setdefault(side.theme_id, side.theme)
            followed.update({match.offer.theme_id, match.need.theme_id})
    columns = [
        MatrixColumn(theme=theme, proposed=proposed[theme.pk], followed=followed[theme.pk])
        for theme in sorted(themes.values(), key=lambda theme: (theme.order, theme.name_en))
    ]
    rows = []
    for delegation in sorted(delegations.values(), key=_delegation_order):
        row = MatrixRow(delegation=delegation)
        for column in columns:
            cell = cells.get((delegation.pk, column.theme.pk), MatrixCell())
            column.offers += cell.offers
            column.needs += cell.needs
            row.cells.append(cell)
        rows.append(row)
    return Matrix(columns=columns, rows=rows)
