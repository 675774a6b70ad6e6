# ruff: noqa: E501 - reference rows read best one per line
"""The taxonomies the portal starts with (the secretariat can extend them as data).

Instrument types and groups in situations of vulnerability follow the OAS 2020 practical
guide and ECLAC's classification of social-protection responses; themes follow the
Inter-American Social Protection Network's working areas.
"""

# (code, English, Spanish, parent code)
INSTRUMENTS = [
    ("cash-transfer", "Cash transfer", "Transferencia monetaria", None),
    (
        "cash-transfer-conditional",
        "Conditional cash transfer",
        "Transferencia monetaria condicionada",
        "cash-transfer",
    ),
    (
        "cash-transfer-unconditional",
        "Unconditional cash transfer",
        "Transferencia monetaria no condicionada",
        "cash-transfer",
    ),
    ("emergency-bonus", "Emergency bonus", "Bono de emergencia", "cash-transfer"),
    ("non-contributory-pension", "Non-contributory pension", "Pensión no contributiva", None),
    (
        "in-kind-food",
        "In-kind and food support (incl. school feeding)",
        "Apoyo en especie y alimentario (incl. alimentación escolar)",
        None,
    ),
    (
        "basic-services-relief",
        "Utilities and basic-services relief",
        "Alivio en servicios básicos",
        None,
    ),
    ("housing-subsidy", "Housing or rent subsidy", "Subsidio de vivienda o alquiler", None),
    ("social-insurance", "Social-insurance adaptation", "Adaptación de la seguridad social", None),
    (
        "labour-inclusion",
        "Labour inclusion, wage subsidy, public works",
        "Inclusión laboral, subsidio salarial, obras públicas",
        None,
    ),
    ("care-services", "Care services and systems", "Servicios y sistemas de cuidado", None),
    (
        "gbv-response",
        "Gender-based-violence prevention and response",
        "Prevención y atención de la violencia de género",
        None,
    ),
    (
        "social-registries",
        "Social registries and information systems",
        "Registros sociales y sistemas de información",
        None,
    ),
    ("other", "Other", "Otro", None),
]

# (code, English, Spanish)
TARGET_GROUPS = [
    ("women", "Women", "Mujeres"),
    ("older-persons", "Older persons", "Personas mayores"),
    ("persons-with-disabilities", "Persons with disabilities", "Personas con discapacidad"),
    ("african-descent", "People of African descent", "Personas afrodescendientes"),
    ("indigenous-peoples", "Indigenous peoples", "Pueblos indígenas"),
    ("lgbtiq", "LGBTIQ people", "Personas LGBTIQ"),
    ("internally-displaced", "Internally displaced persons", "Personas desplazadas internamente"),
    (
        "migrants-refugees",
        "Migrants, asylum-seekers and refugees",
        "Personas migrantes, solicitantes de asilo y refugiadas",
    ),
    ("deprived-of-liberty", "Persons deprived of liberty", "Personas privadas de libertad"),
    ("poverty", "Persons living in poverty", "Personas en situación de pobreza"),
    ("children-adolescents", "Children and adolescents", "Niñas, niños y adolescentes"),
    ("informal-workers", "Informal workers", "Trabajadoras y trabajadores informales"),
]

# (code, English, Spanish)
THEMES = [
    (
        "universal-coverage",
        "Universal coverage and social protection floors",
        "Cobertura universal y pisos de protección social",
    ),
    ("crisis-response", "Crisis and disaster response", "Respuesta a crisis y desastres"),
    (
        "gender-responsive",
        "Gender-responsive social protection",
        "Protección social con perspectiva de género",
    ),
    ("care-systems", "Care systems", "Sistemas de cuidado"),
    ("social-registries", "Social registries and targeting", "Registros sociales y focalización"),
    ("labour-inclusion", "Labour and productive inclusion", "Inclusión laboral y productiva"),
    ("financing", "Financing and sustainability", "Financiamiento y sostenibilidad"),
    ("food-security", "Food security", "Seguridad alimentaria"),
    (
        "multidimensional-poverty",
        "Multidimensional poverty measurement",
        "Medición de la pobreza multidimensional",
    ),
]

# (code, English text); 1.3 first, as the concept note puts it.
SDG_TARGETS = [
    (
        "1.3",
        "Implement nationally appropriate social protection systems and measures for all, "
        "including floors, and by 2030 achieve substantial coverage of the poor and the vulnerable.",
    ),
    ("1.1", "By 2030, eradicate extreme poverty for all people everywhere."),
    (
        "1.2",
        "By 2030, reduce at least by half the proportion of men, women and children of all "
        "ages living in poverty in all its dimensions according to national definitions.",
    ),
    (
        "1.4",
        "By 2030, ensure that all men and women, in particular the poor and the vulnerable, "
        "have equal rights to economic resources and access to basic services.",
    ),
    ("1.5", "By 2030, build the resilience of the poor and those in vulnerable situations."),
    (
        "2.1",
        "By 2030, end hunger and ensure access by all people to safe, nutritious and "
        "sufficient food all year round.",
    ),
    ("3.8", "Achieve universal health coverage."),
    ("5.2", "Eliminate all forms of violence against all women and girls."),
    (
        "5.4",
        "Recognize and value unpaid care and domestic work through public services, "
        "infrastructure and social protection policies.",
    ),
    ("8.5", "By 2030, achieve full and productive employment and decent work for all."),
    ("10.2", "By 2030, empower and promote the social, economic and political inclusion of all."),
    (
        "10.4",
        "Adopt policies, especially fiscal, wage and social protection policies, and "
        "progressively achieve greater equality.",
    ),
]


def taxonomies_load(instrument, target_group, theme, sdg_target):
    """Create or update the starting terms (idempotent); takes the model classes."""
    for order, (code, name_en, name_es, parent) in enumerate(INSTRUMENTS, start=1):
        instrument.objects.update_or_create(
            code=code,
            defaults={
                "name_en": name_en,
                "name_es": name_es,
                "order": order,
                "parent": instrument.objects.get(code=parent) if parent else None,
            },
        )
    for model, rows in ((target_group, TARGET_GROUPS), (theme, THEMES)):
        for order, (code, name_en, name_es) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code, defaults={"name_en": name_en, "name_es": name_es, "order": order}
            )
    for order, (code, text) in enumerate(SDG_TARGETS, start=1):
        sdg_target.objects.update_or_create(code=code, defaults={"text": text, "order": order})
