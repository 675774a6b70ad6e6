"""The compendium of good practices and the cooperation matrix as the API gives them.

Only what their public pages show: published practices (``outcomes.compendium``), and
the matrix of a published meeting's open offers and needs. A delegation's own offers and
needs, and the secretariat's matches, are pages for those who sign in: not here.
"""

from decimal import Decimal

from api.languages import taxonomy_name
from api.meetings import api_url
from outcomes.compendium import exports, selectors
from outcomes.compendium.filters import PracticeFilter
from outcomes.cooperation.selectors import cooperation_matrix

# The compendium page's filters, by their names on the page.
PRACTICE_FILTERS = tuple(PracticeFilter.base_filters)


def practices_filtered(*, params):
    """Return the compendium page's filter of published practices bound to ``params``."""
    return selectors.compendium_filterset(params=params)


def practices_shaped(queryset):
    return selectors.practices_shaped(queryset)


def practice_published(*, pk):
    """Return the published practice ``pk``, shaped, or None (one query and three)."""
    published = selectors.compendium_filterset(params=None).queryset
    return practices_shaped(published.filter(pk=pk)).first()


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def practice(record, *, request):
    """Return a practice with the fields of the compendium's JSON export.

    Its texts are in the one language it was written in (``language``); the names of its
    terms follow the reader's language.
    """
    fields = {
        name: _plain(value)
        for name, value in exports.practice_record(record, request=request).items()
    }
    fields["page_url"] = fields.pop("url")
    fields["url"] = api_url(request, "practice_detail", pk=record.pk)
    fields["title_language"] = record.language
    fields["instruments"] = [
        {"code": term.code, **taxonomy_name(term)} for term in record.instruments.all()
    ]
    fields["target_groups"] = [
        {"code": term.code, **taxonomy_name(term)} for term in record.target_groups.all()
    ]
    return fields


def _counts(part):
    return {"offers": part.offers, "needs": part.needs}


def matrix(meeting):
    """Return the supply–demand matrix of ``meeting`` as its page shows it (3 queries)."""
    found = cooperation_matrix(meeting=meeting)
    return {
        "meeting": meeting.slug,
        **_counts(found),
        "meeting_points": found.meeting_points,
        "themes": [
            {
                "code": column.theme.code,
                **taxonomy_name(column.theme),
                **_counts(column),
                "proposed": column.proposed,
                "followed": column.followed,
            }
            for column in found.columns
        ],
        "delegations": [
            {
                "name": row.delegation.name,
                **_counts(row),
                "cells": [
                    {
                        "theme": column.theme.code,
                        **_counts(cell),
                        "meets_need": cell.meets_need,
                        "meets_offer": cell.meets_offer,
                    }
                    for column, cell in zip(found.columns, row.cells, strict=True)
                ],
            }
            for row in found.rows
        ],
    }
