"""The compendium's search box and filters.

Practices are written in English, Spanish, French or Portuguese, so full-text search uses
PostgreSQL's ``simple`` configuration (no stemming in a language the text may not be in).
On SQLite, used by the demo and the fallback test run, each word of the search must occur
in one of the searched fields (and a word after a minus sign in none).
"""

import operator
from functools import reduce

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from outcomes.models import GoodPractice, Instrument

# Searched fields and their weights: names count most, results and lessons least.
SEARCHED_FIELDS = [
    ("title", "A"),
    ("programme_name", "A"),
    ("description", "B"),
    ("results", "C"),
    ("lessons", "C"),
]
SEARCH_CONFIG = "simple"
# Enough for any real search; bounds the size of the SQL the fallback builds.
MAX_FALLBACK_WORDS = 10
RECENT_FIRST = ["-published_at", "-pk"]


def practices_search(queryset, text):
    """Return the practices of ``queryset`` that match ``text``, best matches first."""
    if connections[queryset.db].vendor == "postgresql":
        vector = reduce(
            operator.add,
            (
                SearchVector(field, weight=weight, config=SEARCH_CONFIG)
                for field, weight in SEARCHED_FIELDS
            ),
        )
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.annotate(search_vector=vector)
            .filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", *RECENT_FIRST)
        )
    # As in web search: every word must occur, and a word after a minus sign must not.
    for word in text.split()[:MAX_FALLBACK_WORDS]:
        is_excluded = word.startswith("-")
        bare = word.lstrip("-").strip("\"'")
        if bare:
            in_any_field = reduce(
                operator.or_,
                (Q(**{f"{field}__icontains": bare}) for field, _weight in SEARCHED_FIELDS),
            )
            queryset = (
                queryset.exclude(in_any_field) if is_excluded else queryset.filter(in_any_field)
            )
    return queryset


class PracticeFilter(django_filters.FilterSet):
    """Search and filter published practices; every value is a code, never a database id."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "aria-describedby": "id_q_help"}
        ),
    )
    country = django_filters.CharFilter(
        label=_("Member state or organization"), method="filter_country", max_length=20
    )
    instrument = django_filters.CharFilter(
        label=_("Instrument"), method="filter_instrument", max_length=60
    )
    target_group = django_filters.CharFilter(
        label=_("Target group"), field_name="target_groups__code", max_length=60
    )
    sdg_target = django_filters.CharFilter(
        label=_("SDG target"), field_name="sdg_targets__code", max_length=8
    )
    language = django_filters.ChoiceFilter(label=_("Written in"), choices=Language.choices)

    class Meta:
        model = GoodPractice
        fields = []

    def filter_search(self, queryset, name, value):
        return practices_search(queryset, value)

    def filter_country(self, queryset, name, value):
        """Match a member state by its ISO code, or an organization by its acronym."""
        return queryset.filter(
            Q(delegation__member_state__iso2__iexact=value)
            | Q(delegation__organization__acronym__iexact=value)
        )

    def filter_instrument(self, queryset, name, value):
        """Match the instrument, and its narrower instruments when it has any."""
        in_family = Instrument.objects.filter(
            Q(code=value) | Q(parent__code=value), practices=OuterRef("pk")
        )
        return queryset.filter(Exists(in_family))
