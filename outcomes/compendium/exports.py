"""The compendium as CSV and JSON: every practice the current filter shows, not one page.

Both files carry the same fields in the same order; formatted text becomes plain text.
A CSV cell a spreadsheet would run as a formula starts with an apostrophe (the portal's
one spreadsheet writer, ``cidi_meeting.spreadsheets``). JSON escapes
``<``, ``>`` and ``&`` so the raw file holds no markup (the parsed values are unchanged).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cidi_meeting.richtext import plain_text
from cidi_meeting.spreadsheets import csv_attachment
from outcomes.compendium.display import gender_features
from outcomes.models import GoodPractice

FILENAME = "good-practices"
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
FIELDS = [
    "id",
    "url",
    "title",
    "programme_name",
    "delegation",
    "country",
    "meeting",
    "language",
    "instruments",
    "target_groups",
    "sdg_targets",
    "period_start",
    "period_end",
    "beneficiaries",
    "population_share",
    "women_beneficiaries",
    "budget_amount",
    "budget_currency",
    "description",
    "results",
    "lessons",
    "gender_features",
    "gender_notes",
    "contact_name",
    "contact_email",
    "links",
    "published_at",
]
# Headings of the fields that are not model fields, or whose model label reads oddly here.
HEADINGS = {
    "id": _("Number"),
    "url": _("Address"),
    "delegation": _("Member state or organization"),
    "country": _("Code of the state or organization"),
    "gender_features": _("Gender-responsive features"),
}


def heading(field):
    if field in HEADINGS:
        return HEADINGS[field]
    return capfirst(GoodPractice._meta.get_field(field).verbose_name)


def practice_record(practice, *, request):
    """Return the exported fields of a practice shaped by ``selectors.practices_shaped``."""
    delegation = practice.delegation
    return {
        "id": practice.pk,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
        "title": practice.title,
        "programme_name": practice.programme_name,
        "delegation": delegation.name,
        "country": (
            delegation.member_state.iso2
            if delegation.member_state_id
            else delegation.organization.acronym
        ),
        "meeting": practice.meeting.title,
        "language": practice.language,
        "instruments": [instrument.name for instrument in practice.instruments.all()],
        "target_groups": [group.name for group in practice.target_groups.all()],
        "sdg_targets": [target.code for target in practice.sdg_targets.all()],
        "period_start": practice.period_start,
        "period_end": practice.period_end,
        "beneficiaries": practice.beneficiaries,
        "population_share": practice.population_share,
        "women_beneficiaries": practice.women_beneficiaries,
        "budget_amount": practice.budget_amount,
        "budget_currency": practice.budget_currency,
        "description": plain_text(practice.description),
        "results": plain_text(practice.results),
        "lessons": plain_text(practice.lessons),
        "gender_features": gender_features(practice),
        "gender_notes": plain_text(practice.gender_notes),
        "contact_name": practice.contact_name,
        "contact_email": practice.contact_email,
        "links": practice.link_list,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
    }


def attachment(response, extension):
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.{extension}"'
    return response


def csv_response(practices, *, request):
    """Return the practices as a CSV file (UTF-8 with a byte-order mark), one row each."""
    response, writer = csv_attachment(f"{FILENAME}.csv")
    writer.writerow([heading(field) for field in FIELDS])
    for practice in practices:
        record = practice_record(practice, request=request)
        writer.writerow([record[field] for field in FIELDS])
    return response


def json_response(practices, *, request):
    """Return the practices as a JSON list of objects with the fields of the CSV file."""
    records = [practice_record(practice, request=request) for practice in practices]
    body = json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return attachment(
        HttpResponse(body.translate(JSON_ESCAPES), content_type="application/json"), "json"
    )
