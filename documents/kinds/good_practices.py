"""The compendium of good practices: the meeting's published practices with their facets."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from documents import selectors
from documents.kinds.common import meeting_header, sort_key
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register
from outcomes.compendium.display import gender_features


def grouped_number(value):
    return number_format(value, force_grouping=True) if value is not None else ""


def practice_entry(practice):
    budget = ""
    if practice.budget_amount is not None:
        amount = number_format(practice.budget_amount, decimal_pos=0, force_grouping=True)
        budget = f"{practice.budget_currency} {amount}".strip()
    return {
        "anchor": f"practice-{practice.pk}",
        "title": practice.title,
        "programme_name": practice.programme_name,
        "country": practice.delegation.name,
        "language_code": practice.language,
        "language": practice.get_language_display(),
        "instruments": [instrument.name for instrument in practice.instruments.all()],
        "target_groups": [group.name for group in practice.target_groups.all()],
        "sdg_targets": [
            {"code": target.code, "text": target.text} for target in practice.sdg_targets.all()
        ],
        "period": practice.period_label,
        "beneficiaries": grouped_number(practice.beneficiaries),
        "women_beneficiaries": grouped_number(practice.women_beneficiaries),
        "population_share": (
            number_format(practice.population_share, decimal_pos=1)
            if practice.population_share is not None
            else ""
        ),
        "budget": budget,
        # Sanitized on every save (cidi_meeting.richtext): safe to render as HTML.
        "description": practice.description,
        "results": practice.results,
        "lessons": practice.lessons,
        "gender_features": gender_features(practice),
        "gender_notes": practice.gender_notes,
        "contact_name": practice.contact_name,
        "links": practice.link_list,
    }


def compendium_entries(practices):
    entries = [practice_entry(practice) for practice in practices]
    return sorted(entries, key=lambda entry: (sort_key(entry["country"]), sort_key(entry["title"])))


def good_practices_content(meeting):
    """Return the meeting's published practices by country, with their facets."""
    return {
        "meeting": meeting_header(meeting),
        "practices": compendium_entries(selectors.published_practices(meeting=meeting)),
    }


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.GOOD_PRACTICES,
        template_name="documents/good_practices.html",
        default_orientation=Orientation.PORTRAIT,
        description=gettext_lazy(
            "The meeting's published good practices, with a table of contents."
        ),
        is_public=True,
        build=good_practices_content,
    )
)
