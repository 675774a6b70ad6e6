"""Reference data shipped with the portal: the OAS member states and named entities.

Read by the data migration (and by nothing at run time): the CSV lives inside the
project so that a fresh installation needs nothing outside its own tree.
"""

import csv
from pathlib import Path

MEMBER_STATES_CSV = Path(__file__).resolve().parent / "data" / "oas-member-states.csv"

# States that do not currently take part; the secretariat can change the flag.
NOT_PARTICIPATING = {"CU", "NI"}

ORGANIZATIONS = [
    {
        "acronym": "ECLAC",
        "acronym_es": "CEPAL",
        "name_en": "Economic Commission for Latin America and the Caribbean",
        "name_es": "Comisión Económica para América Latina y el Caribe",
        "kind": "international",
    },
    {
        "acronym": "CIM",
        "acronym_es": "CIM",
        "name_en": "Inter-American Commission of Women",
        "name_es": "Comisión Interamericana de Mujeres",
        "kind": "oas_body",
    },
    {
        "acronym": "SARE",
        "acronym_es": "SARE",
        "name_en": "Secretariat for Access to Rights and Equity",
        "name_es": "Secretaría de Acceso a Derechos y Equidad",
        "kind": "oas_secretariat",
    },
    {
        "acronym": "SEDI",
        "acronym_es": "SEDI",
        "name_en": "Executive Secretariat for Integral Development",
        "name_es": "Secretaría Ejecutiva para el Desarrollo Integral",
        "kind": "oas_secretariat",
    },
]


def member_state_rows():
    """Yield the member states as dictionaries of model field values."""
    with MEMBER_STATES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {
                "iso2": row["iso2"],
                "iso3": row["iso3"],
                "name_en": row["name_en"],
                "name_es_oas": row["name_es_oas"],
                "name_es_common": row["name_es_common"],
                "spanish_order": int(row["spanish_order"]),
                "joined_year": int(row["joined"]) if row["joined"] else None,
                "participation_note": row["participation_note"],
                "participates": row["iso2"] not in NOT_PARTICIPATING,
            }


def reference_data_load(member_state_model, organization_model):
    """Create or update the member states and organizations (idempotent).

    Takes the model classes so that the data migration can pass its historical models.
    """
    rows = list(member_state_rows())
    if member_state_model.objects.count() == len(rows) and organization_model.objects.filter(
        acronym__in=[row["acronym"] for row in ORGANIZATIONS]
    ).count() == len(ORGANIZATIONS):
        return
    for row in rows:
        member_state_model.objects.update_or_create(iso2=row["iso2"], defaults=row)
    for row in ORGANIZATIONS:
        organization_model.objects.update_or_create(acronym=row["acronym"], defaults=row)
