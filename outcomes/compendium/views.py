"""The public compendium of good practices: list with facets, detail, CSV and JSON.

The list and the exports are served from the cache (``outcomes.cache``): the list's
search form and results as one fragment per language, kind of viewer and filter, the
exports as whole files; a practice shown on them that changes makes them stale at once.
"""

from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cidi_meeting import page_cache
from outcomes import cache
from outcomes.compendium import display, exports, selectors
from outcomes.compendium.filters import PracticeFilter

PAGE_SIZE = 20
# What the list and the exports read of the query string; anything else is left out of
# their cache keys and of the addresses they link to.
QUERY_NAMES = (*PracticeFilter.base_filters, "page")


def _query(request, *, ignore=()):
    """Return the filters (and page) of the request's query string, nothing else."""
    query = QueryDict(mutable=True)
    for name in request.GET:
        if name in QUERY_NAMES and name not in ignore:
            query.setlist(name, request.GET.getlist(name))
    return query


def _list_fragment(query):
    """Render the list's search form and results for ``query``, with the page's title."""
    result = selectors.compendium_search(params=query)
    page = Paginator(result.practices, PAGE_SIZE).get_page(query.get("page"))
    html = render_to_string(
        "outcomes/compendium/_results.html",
        {
            "query": query,
            "filter_form": result.filterset.form,
            "facets": result.facets,
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number),
            "items": display.list_items(page),
        },
    )
    if page.number > 1:
        title = _("Compendium of good practices, page %(number)s of %(total)s") % {
            "number": page.number,
            "total": page.paginator.num_pages,
        }
    else:
        title = _("Compendium of good practices")
    return {"title": title, "html": str(html)}


@require_safe
def compendium(request):
    """List the published practices that match the search and filters, with facet counts."""
    query = _query(request)
    key = cache.fragment_key(
        request,
        "outcomes.compendium",
        namespace=cache.COMPENDIUM,
        query=page_cache.normalised_query(query),
    )
    fragment = page_cache.cached(key, lambda: _list_fragment(query))
    return render(
        request,
        "outcomes/compendium/list.html",
        # Rendered by _list_fragment with the template's autoescaping.
        {"title": fragment["title"], "results": mark_safe(fragment["html"])},  # noqa: S308
    )


@require_safe
def practice_detail(request, pk):
    """Show a practice; one that is not published only to its focal point and the secretariat."""
    practice = selectors.practice_get_for_viewer(pk=pk, user=request.user)
    return render(
        request,
        "outcomes/compendium/detail.html",
        {
            "practice": practice,
            "gender_features": display.gender_features(practice),
            "links": display.links(practice),
            "attachments": display.attachments(practice),
        },
    )


def _cached_export(request, page, write):
    """Return the export ``write(practices, request=...)`` gives, from the cache if there.

    The files hold absolute addresses, so the key carries the scheme and host.
    """
    query = _query(request, ignore=("page",))

    def build():
        practices = selectors.compendium_practices(params=query)
        response = write(practices, request=request)
        return {
            "content": response.content,
            "content_type": response["Content-Type"],
            "disposition": response["Content-Disposition"],
        }

    key = cache.fragment_key(
        request,
        page,
        namespace=cache.COMPENDIUM,
        query=page_cache.normalised_query(query),
        extra=[request.scheme, request.get_host()],
    )
    export = page_cache.cached(key, build)
    response = HttpResponse(export["content"], content_type=export["content_type"])
    response["Content-Disposition"] = export["disposition"]
    return response


@require_safe
def compendium_csv(request):
    """Export every practice the current search and filters show as CSV."""
    return _cached_export(request, "outcomes.compendium.csv", exports.csv_response)


@require_safe
def compendium_json(request):
    """Export every practice the current search and filters show as JSON."""
    return _cached_export(request, "outcomes.compendium.json", exports.json_response)
