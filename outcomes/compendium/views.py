"""The public compendium of good practices: list with facets, detail, CSV and JSON."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from outcomes.compendium import display, exports, selectors

PAGE_SIZE = 20


@require_safe
def compendium(request):
    """List the published practices that match the search and filters, with facet counts."""
    result = selectors.compendium_search(params=request.GET)
    page = Paginator(result.practices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/compendium/list.html",
        {
            "filter_form": result.filterset.form,
            "facets": result.facets,
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number),
            "items": display.list_items(page),
        },
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


@require_safe
def compendium_csv(request):
    """Export every practice the current search and filters show as CSV."""
    practices = selectors.compendium_practices(params=request.GET)
    return exports.csv_response(practices, request=request)


@require_safe
def compendium_json(request):
    """Export every practice the current search and filters show as JSON."""
    practices = selectors.compendium_practices(params=request.GET)
    return exports.json_response(practices, request=request)
