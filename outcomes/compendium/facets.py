"""Facet counts: how many practices of the current result set carry each filter value.

Each facet is one aggregate query (two for instruments) over the ids of the result set,
passed as a subquery, so the page runs the same queries whatever the number of practices.
A facet lists the values found in the result set, and the selected value even when the
other filters leave it with no practice, so that the form keeps showing it.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.enums import Language
from delegations.models import MemberState, Organization
from outcomes.models import GoodPractice, Instrument, SdgTarget, TargetGroup

SDG_TEXT_CHARS = 60


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    is_selected: bool
    is_narrower: bool = False


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Facet:
    """A filter of the form: its GET parameter, label and counted values."""

    name: str
    label: str
    groups: list[OptionGroup]


def counted(queryset, *, relation, ids, selected_lookup, selected):
    """Annotate ``count``: the practices among ``ids`` reached through ``relation``."""
    in_results = Q(**{f"{relation}__in": ids})
    keep = Q(count__gt=0)
    if selected:
        keep |= Q(**{selected_lookup: selected})
    return queryset.annotate(count=Count(relation, filter=in_results, distinct=True)).filter(keep)


def option(value, label, count, selected, **extra):
    return FacetOption(
        value=value,
        label=label,
        count=count,
        is_selected=bool(selected) and value.lower() == selected.lower(),
        **extra,
    )


def country_groups(ids, selected):
    via = {"relation": "delegations__good_practices", "ids": ids, "selected": selected}
    states = counted(MemberState.objects.all(), selected_lookup="iso2__iexact", **via)
    organizations = counted(Organization.objects.all(), selected_lookup="acronym__iexact", **via)
    state_options = sorted(
        (option(state.iso2, state.display_name, state.count, selected) for state in states),
        key=lambda state: state.label,
    )
    organization_options = [
        option(organization.acronym, organization.display_name, organization.count, selected)
        for organization in organizations
    ]
    groups = [
        OptionGroup(_("Member states"), state_options),
        OptionGroup(_("Organizations"), organization_options),
    ]
    return [group for group in groups if group.options]


def instrument_groups(ids, selected):
    """Count a broader instrument's practices together with its narrower ones' (distinct)."""
    instruments = Instrument.objects.annotate(
        count=Count("practices", filter=Q(practices__in=ids), distinct=True)
    )
    family_counts = dict(
        GoodPractice.instruments.through.objects.filter(goodpractice__in=ids)
        .annotate(family=Coalesce("instrument__parent", "instrument"))
        .values_list("family")
        .annotate(count=Count("goodpractice", distinct=True))
    )
    options = []
    for instrument in instruments:
        count = instrument.count if instrument.parent_id else family_counts.get(instrument.pk, 0)
        if count or instrument.code == selected:
            options.append(
                option(
                    instrument.code,
                    instrument.name,
                    count,
                    selected,
                    is_narrower=instrument.parent_id is not None,
                )
            )
    return [OptionGroup("", options)]


def taxonomy_counted(model, ids, selected):
    return counted(
        model.objects.all(),
        relation="practices",
        ids=ids,
        selected_lookup="code",
        selected=selected,
    )


def target_group_groups(ids, selected):
    groups = taxonomy_counted(TargetGroup, ids, selected)
    return [OptionGroup("", [option(g.code, g.name, g.count, selected) for g in groups])]


def sdg_target_groups(ids, selected):
    options = [
        option(
            target.code,
            _("%(code)s: %(text)s")
            % {"code": target.code, "text": Truncator(target.text).chars(SDG_TEXT_CHARS)},
            target.count,
            selected,
        )
        for target in taxonomy_counted(SdgTarget, ids, selected)
    ]
    return [OptionGroup("", options)]


def language_groups(ids, selected):
    counts = dict(
        GoodPractice.objects.filter(pk__in=ids)
        .order_by()
        .values_list("language")
        .annotate(count=Count("pk"))
    )
    options = [
        option(code, label, counts.get(code, 0), selected)
        for code, label in Language.choices
        if counts.get(code) or code == selected
    ]
    return [OptionGroup("", options)]


FACETS = {
    "country": country_groups,
    "instrument": instrument_groups,
    "target_group": target_group_groups,
    "sdg_target": sdg_target_groups,
    "language": language_groups,
}


def compendium_facets(*, filterset):
    """Return the facets of the filter form, counted over the filtered practices."""
    ids = filterset.qs.order_by().values("pk")
    # Filtering validated the form; a value it refused is left out, as by the filters.
    selected = filterset.form.cleaned_data
    return [
        Facet(
            name=name,
            label=filterset.form.fields[name].label,
            groups=groups_of(ids, selected.get(name) or ""),
        )
        for name, groups_of in FACETS.items()
    ]
