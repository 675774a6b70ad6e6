"""The API's schema (OpenAPI 3) and its reference page, made from the same schema.

The reference page is the portal's own: rendered on the server from the schema, with no
script, so it keeps to the site's content policy and loads nothing from elsewhere.
"""

import functools
import json

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

from agenda.selectors import meeting_list_published
from api.languages import LANGUAGE_PARAMETER
from cidi_meeting.language import OFFICIAL, preferred_language
from outcomes.compendium.selectors import compendium_filterset

METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """Serve the API's OpenAPI 3 schema (YAML by default, JSON with ``?format=json``).

    The schema is one document for every reader: its descriptions are in English, the
    reference page gives them in the reader's language.
    """

    authentication_classes = []

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        return response


@functools.cache
def api_schema(language):
    """Return the API's OpenAPI schema with its descriptions in ``language`` (built once per
    process and language)."""
    with translation.override(language):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        # Lazy texts become the language's words now, not when the page is rendered.
        return json.loads(json.dumps(schema, default=str))


def unwrapped(text):
    """Return ``text`` (a docstring) with its paragraphs' lines joined."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.split("\n\n"))


def endpoints(schema, *, examples):
    """Return each operation of ``schema`` with its parameters and an example address.

    ``examples`` fills the path's parameters (``{slug}``, ``{pk}``); an operation whose
    parameters have no example gets no link.
    """
    found = []
    for path, operations in schema["paths"].items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            try:
                example = path.format(**examples)
            except KeyError:
                example = None
            found.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "operation_id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": unwrapped(operation.get("description", "")),
                    "parameters": operation.get("parameters", []),
                    "responses": sorted(operation.get("responses", {})),
                    "example": example,
                }
            )
    return found


def examples():
    """Return values of the path parameters taken from published records (two queries)."""
    values = {}
    meeting = meeting_list_published().only("slug").first()
    if meeting is not None:
        values["slug"] = meeting.slug
    practice = compendium_filterset(params=None).queryset.only("pk").first()
    if practice is not None:
        values["pk"] = practice.pk
    return values


@require_safe
def api_reference(request):
    """Show the API's endpoints, their parameters and an example of each."""
    language = request.GET.get(LANGUAGE_PARAMETER)
    if language not in OFFICIAL:
        # A page: the language switcher's choice (a cookie), else the browser's.
        language = preferred_language(request) or settings.LANGUAGE_CODE
    with translation.override(language):
        schema = api_schema(language)
        return render(
            request,
            "api/reference.html",
            {
                "info": schema["info"],
                "endpoints": endpoints(schema, examples=examples()),
            },
        )
