"""Reference data shipped with the portal: the OAS member states and named entities.

Read by the data migration (and by nothing at run time): the CSV lives inside the
project so that a fresh installation needs nothing outside its own tree.
"""

import csv
from pathlib import Path

MEMBER_STATES_CSV = Path(__file__).resolve().parent / "data" / "oas-member-states.csv"
# French and Portuguese names (iso2,name_fr,name_pt), kept apart from the OAS list above.
MEMBER_STATE_NAMES_CSV = Path(__file__).resolve().parent / "data" / "member-state-names.csv"
# Each name after "of" and after "in", per language, with the article the preposition
# needs ("du Panama", "de la República Dominicana", "das Bahamas", "aux États-Unis").
# Spanish follows OAS usage: no article before a state's name (OAS documents write
# "Delegación de Canadá", "de Perú"), except where the name is plural or a common noun
# ("de los Estados Unidos", "de las Bahamas", "de la República Dominicana"); "El" of
# El Salvador is part of the name ("de El Salvador"). English keeps "The Bahamas" as
# the reference list writes it.
MEMBER_STATE_FORMS_CSV = Path(__file__).resolve().parent / "data" / "member-state-forms.csv"

# States that do not currently take part; the secretariat can change the flag.
NOT_PARTICIPATING = {"CU", "NI"}

# The OAS official language each state's delegates speak (the default floor language of
# its delegation's members): English for the English-speaking Caribbean, Canada and the
# United States, and for Dutch-speaking Suriname (its OAS working language); French for
# Haiti; Portuguese for Brazil; Spanish for every other state.
ENGLISH_SPEAKING = {"AG", "BS", "BB", "BZ", "CA", "DM", "GD", "GY", "JM", "KN", "LC", "SR"}
ENGLISH_SPEAKING |= {"TT", "US", "VC"}
OTHER_LANGUAGES = {"BR": "pt", "HT": "fr"}


def member_state_language(iso2):
    """Return the two-letter code of the language the state's delegates speak."""
    if iso2 in ENGLISH_SPEAKING:
        return "en"
    return OTHER_LANGUAGES.get(iso2, "es")


ORGANIZATIONS = [
    {
        "acronym": "ECLAC",
        "acronym_es": "CEPAL",
        "acronym_fr": "CEPALC",
        "acronym_pt": "CEPAL",
        "name_en": "Economic Commission for Latin America and the Caribbean",
        "name_es": "Comisión Económica para América Latina y el Caribe",
        "name_fr": "Commission économique pour l'Amérique latine et les Caraïbes",
        "name_pt": "Comissão Econômica para a América Latina e o Caribe",
        "name_of_en": "of the Economic Commission for Latin America and the Caribbean",
        "name_of_es": "de la Comisión Económica para América Latina y el Caribe",
        "name_of_fr": "de la Commission économique pour l'Amérique latine et les Caraïbes",
        "name_of_pt": "da Comissão Econômica para a América Latina e o Caribe",
        "kind": "international",
    },
    {
        "acronym": "CIM",
        "acronym_es": "CIM",
        "acronym_fr": "CIM",
        "acronym_pt": "CIM",
        "name_en": "Inter-American Commission of Women",
        "name_es": "Comisión Interamericana de Mujeres",
        "name_fr": "Commission interaméricaine des femmes",
        "name_pt": "Comissão Interamericana de Mulheres",
        "name_of_en": "of the Inter-American Commission of Women",
        "name_of_es": "de la Comisión Interamericana de Mujeres",
        "name_of_fr": "de la Commission interaméricaine des femmes",
        "name_of_pt": "da Comissão Interamericana de Mulheres",
        "kind": "oas_body",
    },
    {
        # OAS French and Portuguese documents keep the Spanish acronym.
        "acronym": "SARE",
        "acronym_es": "SARE",
        "acronym_fr": "SARE",
        "acronym_pt": "SARE",
        "name_en": "Secretariat for Access to Rights and Equity",
        "name_es": "Secretaría de Acceso a Derechos y Equidad",
        "name_fr": "Secrétariat à l'accès aux droits et à l'équité",
        "name_pt": "Secretaria de Acesso a Direitos e Equidade",
        "name_of_en": "of the Secretariat for Access to Rights and Equity",
        "name_of_es": "de la Secretaría de Acceso a Derechos y Equidad",
        "name_of_fr": "du Secrétariat à l'accès aux droits et à l'équité",
        "name_of_pt": "da Secretaria de Acesso a Direitos e Equidade",
        "kind": "oas_secretariat",
    },
    {
        "acronym": "SEDI",
        "acronym_es": "SEDI",
        "acronym_fr": "SEDI",
        "acronym_pt": "SEDI",
        "name_en": "Executive Secretariat for Integral Development",
        "name_es": "Secretaría Ejecutiva para el Desarrollo Integral",
        "name_fr": "Secrétariat exécutif au développement intégré",
        "name_pt": "Secretaria Executiva de Desenvolvimento Integral",
        "name_of_en": "of the Executive Secretariat for Integral Development",
        "name_of_es": "de la Secretaría Ejecutiva para el Desarrollo Integral",
        "name_of_fr": "du Secrétariat exécutif au développement intégré",
        "name_of_pt": "da Secretaria Executiva de Desenvolvimento Integral",
        "kind": "oas_secretariat",
    },
]


def _other_names():
    with MEMBER_STATE_NAMES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["iso2"]: row for row in csv.DictReader(handle)}


def member_state_forms():
    """Return the "of" and "in" forms of each state's name by ISO code."""
    with MEMBER_STATE_FORMS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row.pop("iso2"): row for row in csv.DictReader(handle)}


def member_state_rows():
    """Yield the member states as dictionaries of model field values."""
    other_names = _other_names()
    forms = member_state_forms()
    with MEMBER_STATES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = other_names.get(row["iso2"], {})
            yield {
                "name_fr": names.get("name_fr", ""),
                "name_pt": names.get("name_pt", ""),
                "iso2": row["iso2"],
                "iso3": row["iso3"],
                "name_en": row["name_en"],
                "name_es_oas": row["name_es_oas"],
                "name_es_common": row["name_es_common"],
                "spanish_order": int(row["spanish_order"]),
                "joined_year": int(row["joined"]) if row["joined"] else None,
                "participation_note": row["participation_note"],
                "participates": row["iso2"] not in NOT_PARTICIPATING,
                "language": member_state_language(row["iso2"]),
                **forms.get(row["iso2"], {}),
            }


def _known_fields(model, row):
    """Keep the values the model (perhaps a migration's historical one) has fields for."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in row.items() if key in names}


def reference_data_load(member_state_model, organization_model, *, force=False):
    """Create or update the member states and organizations (idempotent).

    Takes the model classes so that the data migrations can pass their historical
    models. Without ``force`` it does nothing when every row is already there.
    """
    rows = list(member_state_rows())
    if (
        not force
        and member_state_model.objects.count() == len(rows)
        and organization_model.objects.filter(
            acronym__in=[row["acronym"] for row in ORGANIZATIONS]
        ).count()
        == len(ORGANIZATIONS)
    ):
        return
    for row in rows:
        member_state_model.objects.update_or_create(
            iso2=row["iso2"], defaults=_known_fields(member_state_model, row)
        )
    for row in ORGANIZATIONS:
        organization_model.objects.update_or_create(
            acronym=row["acronym"], defaults=_known_fields(organization_model, row)
        )
