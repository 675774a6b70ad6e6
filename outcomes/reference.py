# ruff: noqa: E501 - reference rows read best one per line
"""The taxonomies the portal starts with (the secretariat can extend them as data).

Instrument types and groups in situations of vulnerability follow the OAS 2020 practical
guide and ECLAC's classification of social-protection responses; themes follow the
Inter-American Social Protection Network's working areas. Every term is given in the
four official languages of the OAS (English, Spanish, French, Portuguese).
"""

# (code, English, Spanish, French, Portuguese, parent code)
INSTRUMENTS = [
    (
        "cash-transfer",
        "Cash transfer",
        "Transferencia monetaria",
        "Transfert monétaire",
        "Transferência de renda",
        None,
    ),
    (
        "cash-transfer-conditional",
        "Conditional cash transfer",
        "Transferencia monetaria condicionada",
        "Transfert monétaire conditionnel",
        "Transferência de renda condicionada",
        "cash-transfer",
    ),
    (
        "cash-transfer-unconditional",
        "Unconditional cash transfer",
        "Transferencia monetaria no condicionada",
        "Transfert monétaire non conditionnel",
        "Transferência de renda não condicionada",
        "cash-transfer",
    ),
    (
        "emergency-bonus",
        "Emergency bonus",
        "Bono de emergencia",
        "Allocation d'urgence",
        "Auxílio emergencial",
        "cash-transfer",
    ),
    (
        "non-contributory-pension",
        "Non-contributory pension",
        "Pensión no contributiva",
        "Pension non contributive",
        "Pensão não contributiva",
        None,
    ),
    (
        "in-kind-food",
        "In-kind and food support (incl. school feeding)",
        "Apoyo en especie y alimentario (incl. alimentación escolar)",
        "Aide en nature et alimentaire (y compris l'alimentation scolaire)",
        "Apoio em espécie e alimentar (incl. alimentação escolar)",
        None,
    ),
    (
        "basic-services-relief",
        "Utilities and basic-services relief",
        "Alivio en servicios básicos",
        "Allègement des factures de services de base",
        "Alívio nas tarifas de serviços básicos",
        None,
    ),
    (
        "housing-subsidy",
        "Housing or rent subsidy",
        "Subsidio de vivienda o alquiler",
        "Aide au logement ou au loyer",
        "Subsídio de moradia ou aluguel",
        None,
    ),
    (
        "social-insurance",
        "Social-insurance adaptation",
        "Adaptación de la seguridad social",
        "Adaptation de l'assurance sociale",
        "Adaptação da previdência social",
        None,
    ),
    (
        "labour-inclusion",
        "Labour inclusion, wage subsidy, public works",
        "Inclusión laboral, subsidio salarial, obras públicas",
        "Insertion professionnelle, subvention salariale, travaux publics",
        "Inclusão laboral, subsídio salarial, obras públicas",
        None,
    ),
    (
        "care-services",
        "Care services and systems",
        "Servicios y sistemas de cuidado",
        "Services et systèmes de soins",
        "Serviços e sistemas de cuidados",
        None,
    ),
    (
        "gbv-response",
        "Gender-based-violence prevention and response",
        "Prevención y atención de la violencia de género",
        "Prévention et prise en charge de la violence fondée sur le genre",
        "Prevenção e enfrentamento da violência de gênero",
        None,
    ),
    (
        "social-registries",
        "Social registries and information systems",
        "Registros sociales y sistemas de información",
        "Registres sociaux et systèmes d'information",
        "Cadastros sociais e sistemas de informação",
        None,
    ),
    ("other", "Other", "Otro", "Autre", "Outro", None),
]

# (code, English, Spanish, French, Portuguese)
TARGET_GROUPS = [
    ("women", "Women", "Mujeres", "Femmes", "Mulheres"),
    ("older-persons", "Older persons", "Personas mayores", "Personnes âgées", "Pessoas idosas"),
    (
        "persons-with-disabilities",
        "Persons with disabilities",
        "Personas con discapacidad",
        "Personnes handicapées",
        "Pessoas com deficiência",
    ),
    (
        "african-descent",
        "People of African descent",
        "Personas afrodescendientes",
        "Personnes d'ascendance africaine",
        "Pessoas afrodescendentes",
    ),
    (
        "indigenous-peoples",
        "Indigenous peoples",
        "Pueblos indígenas",
        "Peuples autochtones",
        "Povos indígenas",
    ),
    ("lgbtiq", "LGBTIQ people", "Personas LGBTIQ", "Personnes LGBTIQ", "Pessoas LGBTIQ"),
    (
        "internally-displaced",
        "Internally displaced persons",
        "Personas desplazadas internamente",
        "Personnes déplacées à l'intérieur de leur propre pays",
        "Pessoas deslocadas internamente",
    ),
    (
        "migrants-refugees",
        "Migrants, asylum-seekers and refugees",
        "Personas migrantes, solicitantes de asilo y refugiadas",
        "Personnes migrantes, demandeuses d'asile et réfugiées",
        "Pessoas migrantes, solicitantes de refúgio e refugiadas",
    ),
    (
        "deprived-of-liberty",
        "Persons deprived of liberty",
        "Personas privadas de libertad",
        "Personnes privées de liberté",
        "Pessoas privadas de liberdade",
    ),
    (
        "poverty",
        "Persons living in poverty",
        "Personas en situación de pobreza",
        "Personnes vivant dans la pauvreté",
        "Pessoas em situação de pobreza",
    ),
    (
        "children-adolescents",
        "Children and adolescents",
        "Niñas, niños y adolescentes",
        "Enfants et adolescents",
        "Crianças e adolescentes",
    ),
    (
        "informal-workers",
        "Informal workers",
        "Trabajadoras y trabajadores informales",
        "Travailleuses et travailleurs informels",
        "Trabalhadoras e trabalhadores informais",
    ),
]

# (code, English, Spanish, French, Portuguese)
THEMES = [
    (
        "universal-coverage",
        "Universal coverage and social protection floors",
        "Cobertura universal y pisos de protección social",
        "Couverture universelle et socles de protection sociale",
        "Cobertura universal e pisos de proteção social",
    ),
    (
        "crisis-response",
        "Crisis and disaster response",
        "Respuesta a crisis y desastres",
        "Réponse aux crises et aux catastrophes",
        "Resposta a crises e desastres",
    ),
    (
        "gender-responsive",
        "Gender-responsive social protection",
        "Protección social con perspectiva de género",
        "Protection sociale sensible au genre",
        "Proteção social com perspectiva de gênero",
    ),
    (
        "care-systems",
        "Care systems",
        "Sistemas de cuidado",
        "Systèmes de soins",
        "Sistemas de cuidados",
    ),
    (
        "social-registries",
        "Social registries and targeting",
        "Registros sociales y focalización",
        "Registres sociaux et ciblage",
        "Cadastros sociais e focalização",
    ),
    (
        "labour-inclusion",
        "Labour and productive inclusion",
        "Inclusión laboral y productiva",
        "Insertion professionnelle et productive",
        "Inclusão laboral e produtiva",
    ),
    (
        "financing",
        "Financing and sustainability",
        "Financiamiento y sostenibilidad",
        "Financement et viabilité",
        "Financiamento e sustentabilidade",
    ),
    (
        "food-security",
        "Food security",
        "Seguridad alimentaria",
        "Sécurité alimentaire",
        "Segurança alimentar",
    ),
    (
        "multidimensional-poverty",
        "Multidimensional poverty measurement",
        "Medición de la pobreza multidimensional",
        "Mesure de la pauvreté multidimensionnelle",
        "Medição da pobreza multidimensional",
    ),
]

# The SDG targets in the UN wording (A/RES/70/1; Portuguese as in Brazil's official
# translation). The texts stop where the English one does: each language carries the
# same opening clauses of the target, word for word. 1.3 first, as the concept note puts it.
SDG_TARGETS = [
    {
        "code": "1.3",
        "en": "Implement nationally appropriate social protection systems and measures for all, including floors, and by 2030 achieve substantial coverage of the poor and the vulnerable.",
        "es": "Implementar a nivel nacional sistemas y medidas apropiados de protección social para todos, incluidos niveles mínimos, y, de aquí a 2030, lograr una amplia cobertura de las personas pobres y vulnerables.",
        "fr": "Mettre en place des systèmes et mesures de protection sociale pour tous, adaptés au contexte national, y compris des socles de protection sociale, et faire en sorte que, d'ici à 2030, une part importante des pauvres et des personnes vulnérables en bénéficient.",
        "pt": "Implementar, em nível nacional, medidas e sistemas de proteção social adequados, para todos, incluindo pisos, e até 2030 atingir a cobertura substancial dos pobres e vulneráveis.",
    },
    {
        "code": "1.1",
        "en": "By 2030, eradicate extreme poverty for all people everywhere.",
        "es": "De aquí a 2030, erradicar para todas las personas y en todo el mundo la pobreza extrema.",
        "fr": "D'ici à 2030, éliminer complètement l'extrême pauvreté dans le monde entier.",
        "pt": "Até 2030, erradicar a pobreza extrema para todas as pessoas em todos os lugares.",
    },
    {
        "code": "1.2",
        "en": "By 2030, reduce at least by half the proportion of men, women and children of all ages living in poverty in all its dimensions according to national definitions.",
        "es": "De aquí a 2030, reducir al menos a la mitad la proporción de hombres, mujeres y niños de todas las edades que viven en la pobreza en todas sus dimensiones con arreglo a las definiciones nacionales.",
        "fr": "D'ici à 2030, réduire de moitié au moins la proportion d'hommes, de femmes et d'enfants de tous âges souffrant d'une forme ou l'autre de pauvreté, telle que définie par chaque pays.",
        "pt": "Até 2030, reduzir pelo menos à metade a proporção de homens, mulheres e crianças, de todas as idades, que vivem na pobreza, em todas as suas dimensões, de acordo com as definições nacionais.",
    },
    {
        "code": "1.4",
        "en": "By 2030, ensure that all men and women, in particular the poor and the vulnerable, have equal rights to economic resources and access to basic services.",
        "es": "De aquí a 2030, garantizar que todos los hombres y mujeres, en particular los pobres y los vulnerables, tengan los mismos derechos a los recursos económicos y acceso a los servicios básicos.",
        "fr": "D'ici à 2030, faire en sorte que tous les hommes et les femmes, en particulier les pauvres et les personnes vulnérables, aient les mêmes droits aux ressources économiques et qu'ils aient accès aux services de base.",
        "pt": "Até 2030, garantir que todos os homens e mulheres, particularmente os pobres e vulneráveis, tenham direitos iguais aos recursos econômicos, bem como o acesso a serviços básicos.",
    },
    {
        "code": "1.5",
        "en": "By 2030, build the resilience of the poor and those in vulnerable situations.",
        "es": "De aquí a 2030, fomentar la resiliencia de los pobres y las personas que se encuentran en situaciones de vulnerabilidad.",
        "fr": "D'ici à 2030, renforcer la résilience des pauvres et des personnes en situation vulnérable.",
        "pt": "Até 2030, construir a resiliência dos pobres e daqueles em situação de vulnerabilidade.",
    },
    {
        "code": "2.1",
        "en": "By 2030, end hunger and ensure access by all people to safe, nutritious and sufficient food all year round.",
        "es": "De aquí a 2030, poner fin al hambre y asegurar el acceso de todas las personas a una alimentación sana, nutritiva y suficiente durante todo el año.",
        "fr": "D'ici à 2030, éliminer la faim et faire en sorte que chacun ait accès toute l'année à une alimentation saine, nutritive et suffisante.",
        "pt": "Até 2030, acabar com a fome e garantir o acesso de todas as pessoas a alimentos seguros, nutritivos e suficientes durante todo o ano.",
    },
    {
        "code": "3.8",
        "en": "Achieve universal health coverage.",
        "es": "Lograr la cobertura sanitaria universal.",
        "fr": "Faire en sorte que chacun bénéficie d'une couverture sanitaire universelle.",
        "pt": "Atingir a cobertura universal de saúde.",
    },
    {
        "code": "5.2",
        "en": "Eliminate all forms of violence against all women and girls.",
        "es": "Eliminar todas las formas de violencia contra todas las mujeres y las niñas.",
        "fr": "Éliminer toutes les formes de violence faite aux femmes et aux filles.",
        "pt": "Eliminar todas as formas de violência contra todas as mulheres e meninas.",
    },
    {
        "code": "5.4",
        "en": "Recognize and value unpaid care and domestic work through public services, infrastructure and social protection policies.",
        "es": "Reconocer y valorar los cuidados y el trabajo doméstico no remunerados mediante servicios públicos, infraestructuras y políticas de protección social.",
        "fr": "Prendre en compte et valoriser les soins et travaux domestiques non rémunérés, par la mise en place de services publics, d'infrastructures et de politiques de protection sociale.",
        "pt": "Reconhecer e valorizar o trabalho de assistência e doméstico não remunerado, por meio da disponibilização de serviços públicos, infraestrutura e políticas de proteção social.",
    },
    {
        "code": "8.5",
        "en": "By 2030, achieve full and productive employment and decent work for all.",
        "es": "De aquí a 2030, lograr el empleo pleno y productivo y el trabajo decente para todas las mujeres y los hombres.",
        "fr": "D'ici à 2030, parvenir au plein emploi productif et garantir à toutes les femmes et à tous les hommes un travail décent.",
        "pt": "Até 2030, alcançar o emprego pleno e produtivo e trabalho decente para todas as mulheres e homens.",
    },
    {
        "code": "10.2",
        "en": "By 2030, empower and promote the social, economic and political inclusion of all.",
        "es": "De aquí a 2030, potenciar y promover la inclusión social, económica y política de todas las personas.",
        "fr": "D'ici à 2030, autonomiser toutes les personnes et favoriser leur intégration sociale, économique et politique.",
        "pt": "Até 2030, empoderar e promover a inclusão social, econômica e política de todos.",
    },
    {
        "code": "10.4",
        "en": "Adopt policies, especially fiscal, wage and social protection policies, and progressively achieve greater equality.",
        "es": "Adoptar políticas, especialmente fiscales, salariales y de protección social, y lograr progresivamente una mayor igualdad.",
        "fr": "Adopter des politiques, notamment sur les plans budgétaire, salarial et dans le domaine de la protection sociale, afin de parvenir progressivement à une plus grande égalité.",
        "pt": "Adotar políticas, especialmente fiscal, salarial e de proteção social, e alcançar progressivamente uma maior igualdade.",
    },
]

LANGUAGES = ("en", "es", "fr", "pt")


def _known_fields(model, values):
    """Keep the values the model (perhaps a migration's historical one) has fields for."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in values.items() if key in names}


def _names(names):
    """Map the four names of a term to its name_en … name_pt fields."""
    return {f"name_{language}": name for language, name in zip(LANGUAGES, names, strict=True)}


def taxonomies_load(instrument, target_group, theme, sdg_target):
    """Create or update the starting terms (idempotent); takes the model classes.

    Data migrations pass their historical models, which may lack the newer columns
    (the French and Portuguese names, the translated SDG texts): only the fields the
    given model has are written.
    """
    for order, (code, *names, parent) in enumerate(INSTRUMENTS, start=1):
        defaults = {
            **_names(names),
            "order": order,
            "parent": instrument.objects.get(code=parent) if parent else None,
        }
        instrument.objects.update_or_create(code=code, defaults=_known_fields(instrument, defaults))
    for model, rows in ((target_group, TARGET_GROUPS), (theme, THEMES)):
        for order, (code, *names) in enumerate(rows, start=1):
            defaults = {**_names(names), "order": order}
            model.objects.update_or_create(code=code, defaults=_known_fields(model, defaults))
    for order, row in enumerate(SDG_TARGETS, start=1):
        # ``text`` first: with django-modeltranslation, setting it also writes the column
        # of the active language, which the text_<language> values below then correct.
        defaults = {
            "text": row["en"],
            **{f"text_{language}": row[language] for language in LANGUAGES},
            "order": order,
        }
        sdg_target.objects.update_or_create(
            code=row["code"], defaults=_known_fields(sdg_target, defaults)
        )
