"""Reads of the compendium, shaped so each page runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from outcomes.compendium.facets import Facet, compendium_facets
from outcomes.compendium.filters import RECENT_FIRST, PracticeFilter
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from outcomes.rules import can_view_practice


def practices_shaped(queryset):
    """Return ``queryset`` with the delegation, meeting and terms each practice shows."""
    return queryset.select_related(
        "meeting", "delegation__member_state", "delegation__organization"
    ).prefetch_related("instruments", "target_groups", "sdg_targets")


def compendium_filterset(*, params):
    """Return the filter of published practices bound to ``params`` (a QueryDict)."""
    published = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    return PracticeFilter(params, queryset=published.order_by(*RECENT_FIRST))


def compendium_practices(*, params):
    """Return every published practice matching ``params``, shaped, for the exports."""
    return practices_shaped(compendium_filterset(params=params).qs)


@dataclass
class CompendiumResult:
    filterset: PracticeFilter
    practices: QuerySet
    facets: list[Facet]


def compendium_search(*, params):
    """Return the published practices matching ``params``, the filter and its facets."""
    filterset = compendium_filterset(params=params)
    return CompendiumResult(
        filterset=filterset,
        practices=practices_shaped(filterset.qs),
        facets=compendium_facets(filterset=filterset),
    )


def practice_get_for_viewer(*, pk, user):
    """Return the practice with everything its page shows, if ``user`` may see it.

    Raises ``Http404`` when there is no such practice, and when it is not published and
    ``user`` is neither its delegation's focal point nor the secretariat.
    """
    practice = (
        practices_shaped(GoodPractice.objects.filter(pk=pk)).prefetch_related("attachments").first()
    )
    if practice is None or not can_view_practice(user, practice):
        raise Http404("No such practice.")
    return practice
