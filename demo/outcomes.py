"""Demo good practices, offers and needs for the concept note's meeting.

The programmes are real public programmes of the speaking states; the texts are short
demo summaries written for this portal, marked as such, not official descriptions.
"""

from django.utils import timezone

from outcomes.enums import CooperationKind, Modality, PracticeStatus
from outcomes.models import CooperationItem, GoodPractice, Instrument, TargetGroup, Theme

DEMO_NOTE = "Demo summary for the portal, not an official description."

# (state, title, programme, language of the title and text, instruments, groups, description)
# The summaries are written in English for the demo; the programmes keep their own names.
PRACTICES = [
    (
        "UY",
        "A national integrated care system",
        "Sistema Nacional Integrado de Cuidados",
        "en",
        ["care-services"],
        ["older-persons", "persons-with-disabilities", "children-adolescents", "women"],
        "Care services for children, older persons and persons with disabilities, "
        "organised as a system so that unpaid care work, mostly done by women, is shared.",
    ),
    (
        "PA",
        "Conditional transfers for families in extreme poverty",
        "Red de Oportunidades",
        "en",
        ["cash-transfer-conditional"],
        ["poverty", "women", "indigenous-peoples"],
        "Monthly transfers paid to the women of households in extreme poverty, linked to "
        "health and school attendance, extended during the pandemic.",
    ),
    (
        "DO",
        "Social registry and emergency transfers in the pandemic",
        "Supérate / Quédate en Casa",
        "en",
        ["social-registries", "emergency-bonus"],
        ["poverty", "informal-workers"],
        "An existing household registry let the government pay emergency transfers to "
        "informal workers within weeks of the first lockdown.",
    ),
]


def _demo_text(text):
    return f"<p>{text}</p><p><em>{DEMO_NOTE}</em></p>"


def demo_outcomes_seed(*, meeting, delegations):
    """Create or update the demo practices, one offer and one need (idempotent)."""
    for iso2, title, programme, language, instruments, groups, description in PRACTICES:
        practice, _created = GoodPractice.objects.update_or_create(
            meeting=meeting,
            delegation=delegations[iso2],
            title=title,
            defaults={
                "programme_name": programme,
                "language": language,
                "description": _demo_text(description),
                "status": PracticeStatus.PUBLISHED,
                "published_at": timezone.now(),
                "transforms_gender_relations": "women" in groups,
                "supports_care": "care-services" in instruments,
            },
        )
        practice.instruments.set(Instrument.objects.filter(code__in=instruments))
        practice.target_groups.set(TargetGroup.objects.filter(code__in=groups))
    care = Theme.objects.get(code="care-systems")
    care_services = Instrument.objects.get(code="care-services")
    offer, _created = CooperationItem.objects.update_or_create(
        meeting=meeting,
        delegation=delegations["UY"],
        kind=CooperationKind.OFFER,
        title="Designing a national care system: experience of Uruguay",
        defaults={
            "modality": Modality.STUDY_TOUR,
            "theme": care,
            "instrument": care_services,
            "description": _demo_text("A study tour for officials designing care policies."),
        },
    )
    need, _created = CooperationItem.objects.update_or_create(
        meeting=meeting,
        delegation=delegations["PA"],
        kind=CooperationKind.NEED,
        title="Technical assistance to cost a care system",
        defaults={
            "modality": Modality.TECHNICAL_ASSISTANCE,
            "theme": care,
            "instrument": care_services,
            "description": _demo_text("Support to estimate the cost of care services."),
        },
    )
    groups = TargetGroup.objects.filter(code__in=["older-persons", "women"])
    offer.target_groups.set(groups)
    need.target_groups.set(groups)
