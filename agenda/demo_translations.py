"""Spanish, French and Portuguese versions of the demo meeting's content.

Keyed by the English text in ``agenda.demo``, exactly as the field holds it (stripped of
surrounding whitespace); ``demo_seed`` stores them in the ``<field>_es``/``_fr``/``_pt``
columns. A text left out (a proper name such as the moderator's) falls back to English.

Spanish and French follow OAS usage; Portuguese is Brazilian. No official translation of
the meeting's title was found, so it is translated here.
"""

LANGUAGES = ("es", "fr", "pt")

# (English, Spanish, French, Portuguese)
_TEXTS = [
    # Meeting: title, background, purpose and venue.
    (
        (
            "Strengthening social safety nets for an inclusive, resilient, and sustainable "
            "recovery from a human rights approach: Recognizing and addressing the differentiated "
            "impact of crises on women and vulnerable groups in the Americas"
        ),
        (
            "Fortalecimiento de las redes de protección social para una recuperación inclusiva, "
            "resiliente y sostenible desde un enfoque de derechos humanos: Reconocer y abordar el "
            "impacto diferenciado de las crisis en las mujeres y los grupos en situación de "
            "vulnerabilidad en las Américas"
        ),
        (
            "Renforcer les filets de protection sociale pour une relance inclusive, résiliente et "
            "durable fondée sur une approche axée sur les droits de la personne : reconnaître et "
            "prendre en compte l'impact différencié des crises sur les femmes et les groupes en "
            "situation de vulnérabilité dans les Amériques"
        ),
        (
            "Fortalecimento das redes de proteção social para uma recuperação inclusiva, "
            "resiliente e sustentável a partir de uma abordagem de direitos humanos: reconhecer e "
            "enfrentar o impacto diferenciado das crises sobre as mulheres e os grupos em situação "
            "de vulnerabilidade nas Américas"
        ),
    ),
    (
        (
            "The COVID-19 pandemic has both revealed and deepened structural inequalities while "
            "simultaneously generating new problems globally. The last two years have been defined "
            "by high levels of uncertainty caused by a severe health and economic crisis, the "
            "grave consequences of which pose unavoidable challenges for states.\n\n"
            "The consequences of the pandemic have endangered the significant progress that the "
            "region had achieved through decades of fighting poverty and strengthening social "
            "protection systems. SDG target 1.3 calls for the implementation of nationally "
            "appropriate social protection systems and measures for all, including floors, and by "
            "2030 substantial coverage of the poor and the vulnerable.\n\n"
            "To deal with the pandemic, the region's governments have made use of existing social "
            "programs, adjusting them to meet the needs of the most vulnerable sectors: cash "
            "transfers and temporary bonuses, support for informal workers' incomes, food "
            "distribution, housing service subsidies and flexible working arrangements.\n\n"
            "The Inter-American Commission of Women (CIM/OAS) has set out the reasons for "
            "recognizing the pandemic's differentiated impact on women's lives. States are called "
            "upon to design or expand cash transfer programs that can transform gender relations; "
            "implement in-kind assistance services for sexual and reproductive health care; ensure "
            "that social protection programs address the risks of gender-based violence; and "
            "promote gender-sensitive, family-friendly measures by governments and businesses."
        ),
        (
            "La pandemia de COVID-19 ha puesto de manifiesto y, a la vez, profundizado las "
            "desigualdades estructurales, al tiempo que ha generado nuevos problemas a escala "
            "mundial. Los dos últimos años se han caracterizado por altos niveles de incertidumbre "
            "causados por una grave crisis sanitaria y económica, cuyas serias consecuencias "
            "plantean desafíos ineludibles para los Estados.\n\n"
            "Las consecuencias de la pandemia han puesto en riesgo los importantes avances que la "
            "región había logrado tras décadas de lucha contra la pobreza y de fortalecimiento de "
            "los sistemas de protección social. La meta 1.3 de los ODS exige implementar a nivel "
            "nacional sistemas y medidas apropiados de protección social para todos, incluidos "
            "niveles mínimos, y, de aquí a 2030, lograr una amplia cobertura de las personas "
            "pobres y vulnerables.\n\n"
            "Para hacer frente a la pandemia, los gobiernos de la región han recurrido a los "
            "programas sociales existentes y los han ajustado para atender las necesidades de los "
            "sectores más vulnerables: transferencias monetarias y bonos temporales, apoyo a los "
            "ingresos de los trabajadores informales, distribución de alimentos, subsidios a los "
            "servicios de vivienda y modalidades de trabajo flexibles.\n\n"
            "La Comisión Interamericana de Mujeres (CIM/OEA) ha expuesto las razones para "
            "reconocer el impacto diferenciado de la pandemia en la vida de las mujeres. Se insta "
            "a los Estados a diseñar o ampliar programas de transferencias monetarias capaces de "
            "transformar las relaciones de género; ofrecer servicios de asistencia en especie para "
            "la atención de la salud sexual y reproductiva; asegurar que los programas de "
            "protección social aborden los riesgos de violencia de género; y promover, por parte "
            "de los gobiernos y las empresas, medidas sensibles al género y favorables a la "
            "familia."
        ),
        (
            "La pandémie de COVID-19 a à la fois révélé et aggravé les inégalités structurelles, "
            "tout en faisant naître de nouveaux problèmes à l'échelle mondiale. Les deux dernières "
            "années ont été marquées par un degré élevé d'incertitude dû à une grave crise "
            "sanitaire et économique, dont les lourdes conséquences posent aux États des défis "
            "incontournables.\n\n"
            "Les conséquences de la pandémie ont mis en péril les progrès considérables que la "
            "région avait accomplis au fil de décennies de lutte contre la pauvreté et de "
            "renforcement des systèmes de protection sociale. La cible 1.3 des ODD appelle à "
            "mettre en place des systèmes et mesures de protection sociale pour tous, adaptés au "
            "contexte national, y compris des socles de protection sociale, et à faire en sorte "
            "que, d'ici à 2030, une part importante des pauvres et des personnes vulnérables en "
            "bénéficient.\n\n"
            "Pour faire face à la pandémie, les gouvernements de la région ont eu recours aux "
            "programmes sociaux existants, en les adaptant aux besoins des secteurs les plus "
            "vulnérables : transferts monétaires et primes temporaires, soutien aux revenus des "
            "travailleurs informels, distribution de denrées alimentaires, subventions aux "
            "services de logement et formules de travail flexibles.\n\n"
            "La Commission interaméricaine des femmes (CIM/OEA) a exposé les raisons de "
            "reconnaître l'impact différencié de la pandémie sur la vie des femmes. Les États sont "
            "appelés à concevoir ou à élargir des programmes de transferts monétaires susceptibles "
            "de transformer les rapports de genre ; à mettre en place des services d'assistance en "
            "nature pour les soins de santé sexuelle et reproductive ; à veiller à ce que les "
            "programmes de protection sociale tiennent compte des risques de violence fondée sur "
            "le genre ; et à promouvoir, de la part des gouvernements et des entreprises, des "
            "mesures sensibles au genre et favorables à la famille."
        ),
        (
            "A pandemia de COVID-19 tanto revelou quanto aprofundou as desigualdades estruturais, "
            "ao mesmo tempo que gerou novos problemas em escala mundial. Os últimos dois anos "
            "foram marcados por altos níveis de incerteza causados por uma grave crise sanitária e "
            "econômica, cujas sérias consequências impõem desafios incontornáveis aos Estados.\n\n"
            "As consequências da pandemia puseram em risco os importantes avanços que a região "
            "havia alcançado ao longo de décadas de combate à pobreza e de fortalecimento dos "
            "sistemas de proteção social. A meta 1.3 dos ODS preconiza implementar, em nível "
            "nacional, medidas e sistemas de proteção social adequados para todos, incluindo "
            "pisos, e, até 2030, atingir a cobertura substancial dos pobres e vulneráveis.\n\n"
            "Para enfrentar a pandemia, os governos da região recorreram aos programas sociais "
            "existentes, ajustando-os para atender às necessidades dos setores mais vulneráveis: "
            "transferências de renda e bônus temporários, apoio à renda dos trabalhadores "
            "informais, distribuição de alimentos, subsídios para serviços de moradia e "
            "modalidades flexíveis de trabalho.\n\n"
            "A Comissão Interamericana de Mulheres (CIM/OEA) expôs as razões para reconhecer o "
            "impacto diferenciado da pandemia na vida das mulheres. Os Estados são instados a "
            "conceber ou ampliar programas de transferência de renda capazes de transformar as "
            "relações de gênero; implementar serviços de assistência em espécie para a atenção à "
            "saúde sexual e reprodutiva; garantir que os programas de proteção social enfrentem os "
            "riscos de violência de gênero; e promover, por parte dos governos e das empresas, "
            "medidas sensíveis ao gênero e favoráveis à família."
        ),
    ),
    (
        (
            "This CIDI meeting will provide the member states with an opportunity to discuss "
            "actionable priorities for advancing regional cooperation to strengthen social "
            "protection comprehensively and sustainably as a fundamental strategy for addressing "
            "persistent social needs in the Americas, including those emerging as a result of the "
            "COVID-19 pandemic.\n\n"
            "Member states will share good practices, public policy innovations, and initiatives "
            "and instruments that have proved useful in dealing with the crisis, highlighting "
            "lessons learned; they will identify the gaps and needs detected in those areas; and "
            "they will share opportunities for solidarity-based cooperation to promote social "
            "development at the regional level."
        ),
        (
            "Esta reunión del CIDI brindará a los Estados Miembros la oportunidad de debatir "
            "prioridades concretas para avanzar en la cooperación regional a fin de fortalecer la "
            "protección social de manera integral y sostenible, como estrategia fundamental para "
            "atender las necesidades sociales persistentes en las Américas, incluidas las surgidas "
            "como consecuencia de la pandemia de COVID-19.\n\n"
            "Los Estados Miembros compartirán buenas prácticas, innovaciones en políticas públicas "
            "e iniciativas e instrumentos que han resultado útiles para enfrentar la crisis, "
            "destacando las lecciones aprendidas; identificarán las brechas y necesidades "
            "detectadas en esos ámbitos; y darán a conocer oportunidades de cooperación solidaria "
            "para promover el desarrollo social en el plano regional."
        ),
        (
            "Cette réunion du CIDI donnera aux États membres l'occasion de débattre de priorités "
            "concrètes pour faire progresser la coopération régionale en vue de renforcer la "
            "protection sociale de manière intégrale et durable, en tant que stratégie "
            "fondamentale pour répondre aux besoins sociaux persistants dans les Amériques, y "
            "compris ceux qui sont apparus à la suite de la pandémie de COVID-19.\n\n"
            "Les États membres partageront les bonnes pratiques, les innovations en matière de "
            "politiques publiques ainsi que les initiatives et instruments qui se sont révélés "
            "utiles pour faire face à la crise, en mettant en évidence les enseignements tirés ; "
            "ils recenseront les lacunes et les besoins constatés dans ces domaines ; et ils "
            "feront part des possibilités de coopération solidaire pour promouvoir le "
            "développement social à l'échelle régionale."
        ),
        (
            "Esta reunião do CIDI proporcionará aos Estados membros a oportunidade de discutir "
            "prioridades concretas para avançar na cooperação regional a fim de fortalecer a "
            "proteção social de maneira integral e sustentável, como estratégia fundamental para "
            "atender às necessidades sociais persistentes nas Américas, inclusive as surgidas em "
            "decorrência da pandemia de COVID-19.\n\n"
            "Os Estados membros compartilharão boas práticas, inovações em políticas públicas e "
            "iniciativas e instrumentos que se mostraram úteis para enfrentar a crise, destacando "
            "as lições aprendidas; identificarão as lacunas e necessidades detectadas nessas "
            "áreas; e divulgarão oportunidades de cooperação solidária para promover o "
            "desenvolvimento social em âmbito regional."
        ),
    ),
    (
        "OAS headquarters, Washington, D.C.",
        "Sede de la OEA, Washington, D.C.",
        "Siège de l'OEA, Washington, D.C.",
        "Sede da OEA, Washington, D.C.",
    ),
    # Expected outcomes.
    (
        (
            "Showcase information on the main trends, challenges, and specific opportunities for "
            "OAS member states to expand and improve their efforts toward universal social "
            "protection capable of providing prompt and timely responses to crises and disasters."
        ),
        (
            "Presentar información sobre las principales tendencias, desafíos y oportunidades "
            "específicas para que los Estados Miembros de la OEA amplíen y mejoren sus esfuerzos "
            "hacia una protección social universal capaz de dar respuestas rápidas y oportunas "
            "ante crisis y desastres."
        ),
        (
            "Présenter des informations sur les principales tendances, les défis et les "
            "possibilités précises qui s'offrent aux États membres de l'OEA pour étendre et "
            "améliorer leurs efforts en vue d'une protection sociale universelle capable "
            "d'apporter des réponses rapides et opportunes aux crises et aux catastrophes."
        ),
        (
            "Apresentar informações sobre as principais tendências, desafios e oportunidades "
            "específicas para que os Estados membros da OEA ampliem e aprimorem seus esforços rumo "
            "a uma proteção social universal capaz de oferecer respostas rápidas e oportunas a "
            "crises e desastres."
        ),
    ),
    (
        (
            "Identify priorities for action and opportunities for solidarity-based cooperation to "
            "strengthen protection networks in order to drive development and social inclusion "
            "across the region."
        ),
        (
            "Identificar prioridades de acción y oportunidades de cooperación solidaria para "
            "fortalecer las redes de protección a fin de impulsar el desarrollo y la inclusión "
            "social en toda la región."
        ),
        (
            "Définir des priorités d'action et des possibilités de coopération solidaire pour "
            "renforcer les filets de protection afin de stimuler le développement et l'inclusion "
            "sociale dans l'ensemble de la région."
        ),
        (
            "Identificar prioridades de ação e oportunidades de cooperação solidária para "
            "fortalecer as redes de proteção a fim de impulsionar o desenvolvimento e a inclusão "
            "social em toda a região."
        ),
    ),
    (
        (
            "Encourage member states to share good practices, policies, and programs with positive "
            "results that address the shortcomings in access, coverage, and sustainability of "
            "social protection systems in the Americas, with special attention to the most "
            "vulnerable."
        ),
        (
            "Alentar a los Estados Miembros a compartir buenas prácticas, políticas y programas "
            "con resultados positivos que subsanen las deficiencias de acceso, cobertura y "
            "sostenibilidad de los sistemas de protección social en las Américas, con especial "
            "atención a las personas más vulnerables."
        ),
        (
            "Encourager les États membres à partager les bonnes pratiques, politiques et "
            "programmes ayant donné des résultats positifs qui remédient aux lacunes en matière "
            "d'accès, de couverture et de pérennité des systèmes de protection sociale dans les "
            "Amériques, en accordant une attention particulière aux personnes les plus vulnérables."
        ),
        (
            "Incentivar os Estados membros a compartilhar boas práticas, políticas e programas com "
            "resultados positivos que superem as deficiências de acesso, cobertura e "
            "sustentabilidade dos sistemas de proteção social nas Américas, com especial atenção "
            "às pessoas mais vulneráveis."
        ),
    ),
    (
        (
            "Raise the member states' awareness of the differentiated impact of health and "
            "socioeconomic crises on women, and promote human rights through gender equality in "
            "the protection measures adopted by governments."
        ),
        (
            "Sensibilizar a los Estados Miembros sobre el impacto diferenciado de las crisis "
            "sanitarias y socioeconómicas en las mujeres, y promover los derechos humanos mediante "
            "la igualdad de género en las medidas de protección adoptadas por los gobiernos."
        ),
        (
            "Sensibiliser les États membres à l'impact différencié des crises sanitaires et "
            "socioéconomiques sur les femmes, et promouvoir les droits de la personne au moyen de "
            "l'égalité des genres dans les mesures de protection adoptées par les gouvernements."
        ),
        (
            "Sensibilizar os Estados membros sobre o impacto diferenciado das crises sanitárias e "
            "socioeconômicas sobre as mulheres e promover os direitos humanos por meio da "
            "igualdade de gênero nas medidas de proteção adotadas pelos governos."
        ),
    ),
    # Segments: titles and descriptions.
    (
        "Part One: Remarks by high-level social development authorities",
        "Primera parte: Intervenciones de altas autoridades de desarrollo social",
        "Première partie : interventions de hautes autorités du développement social",
        "Primeira parte: pronunciamentos de altas autoridades de desenvolvimento social",
    ),
    (
        "Presentations limited to a maximum of seven minutes.",
        "Presentaciones limitadas a un máximo de siete minutos.",
        "Exposés limités à sept minutes au maximum.",
        "Apresentações limitadas a um máximo de sete minutos.",
    ),
    (
        "Part Two: Technical panel",
        "Segunda parte: Panel técnico",
        "Deuxième partie : table ronde technique",
        "Segunda parte: painel técnico",
    ),
    (
        (
            "Panelists have a maximum of five minutes to present their main ideas and then two "
            "minutes to answer focus questions formulated by the moderator."
        ),
        (
            "Los panelistas disponen de un máximo de cinco minutos para presentar sus ideas "
            "principales y, luego, de dos minutos para responder a las preguntas específicas "
            "formuladas por la moderadora."
        ),
        (
            "Les panélistes disposent de cinq minutes au maximum pour présenter leurs idées "
            "principales, puis de deux minutes pour répondre aux questions ciblées formulées par "
            "la modératrice."
        ),
        (
            "Os painelistas dispõem de no máximo cinco minutos para apresentar suas ideias "
            "principais e, em seguida, de dois minutos para responder às perguntas específicas "
            "formuladas pela moderadora."
        ),
    ),
    (
        "Dialogue with the delegations",
        "Diálogo con las delegaciones",
        "Dialogue avec les délégations",
        "Diálogo com as delegações",
    ),
    (
        (
            "Delegations share best practices, needs, potential challenges and opportunities, and "
            "specific demands for hemispheric cooperation."
        ),
        (
            "Las delegaciones comparten mejores prácticas, necesidades, posibles desafíos y "
            "oportunidades, así como demandas específicas de cooperación hemisférica."
        ),
        (
            "Les délégations font part de leurs meilleures pratiques, de leurs besoins, des défis "
            "et possibilités éventuels, ainsi que de leurs demandes précises en matière de "
            "coopération hémisphérique."
        ),
        (
            "As delegações compartilham melhores práticas, necessidades, possíveis desafios e "
            "oportunidades, bem como demandas específicas de cooperação hemisférica."
        ),
    ),
    (
        "Interactive dialogue led by the Chair of CIDI",
        "Diálogo interactivo dirigido por la Presidencia del CIDI",
        "Dialogue interactif dirigé par la présidence du CIDI",
        "Diálogo interativo conduzido pela Presidência do CIDI",
    ),
    # Guiding questions.
    (
        "What are the main challenges your country faces in closing social protection gaps?",
        (
            "¿Cuáles son los principales desafíos que enfrenta su país para cerrar las brechas de "
            "protección social?"
        ),
        (
            "Quels sont les principaux défis auxquels votre pays est confronté pour combler les "
            "lacunes en matière de protection sociale ?"
        ),
        (
            "Quais são os principais desafios que seu país enfrenta para fechar as lacunas de "
            "proteção social?"
        ),
    ),
    (
        (
            "What opportunities for joint work or technical support could your country offer for "
            "regional cooperation in this area?"
        ),
        (
            "¿Qué oportunidades de trabajo conjunto o de apoyo técnico podría ofrecer su país para "
            "la cooperación regional en este ámbito?"
        ),
        (
            "Quelles possibilités de travail conjoint ou d'appui technique votre pays pourrait-il "
            "offrir à la coopération régionale dans ce domaine ?"
        ),
        (
            "Que oportunidades de trabalho conjunto ou de apoio técnico seu país poderia oferecer "
            "para a cooperação regional nessa área?"
        ),
    ),
    (
        (
            "What are the most important challenges and priority areas for action in the "
            "post-pandemic phase?"
        ),
        (
            "¿Cuáles son los desafíos más importantes y las áreas prioritarias de acción en la "
            "fase pospandemia?"
        ),
        (
            "Quels sont les défis les plus importants et les domaines d'action prioritaires dans "
            "la phase post-pandémique ?"
        ),
        (
            "Quais são os desafios mais importantes e as áreas prioritárias de ação na fase "
            "pós-pandemia?"
        ),
    ),
    (
        (
            "From a regional perspective, what role have social safety nets played in mitigating "
            "the effects of the COVID-19 crisis?"
        ),
        (
            "Desde una perspectiva regional, ¿qué papel han desempeñado las redes de protección "
            "social en la mitigación de los efectos de la crisis de la COVID-19?"
        ),
        (
            "D'un point de vue régional, quel rôle les filets de protection sociale ont-ils joué "
            "dans l'atténuation des effets de la crise de la COVID-19 ?"
        ),
        (
            "De uma perspectiva regional, que papel as redes de proteção social desempenharam na "
            "mitigação dos efeitos da crise da COVID-19?"
        ),
    ),
    (
        (
            "How do you think the OAS could contribute to strengthening social protection in the "
            "Americas?"
        ),
        (
            "¿De qué manera considera que la OEA podría contribuir al fortalecimiento de la "
            "protección social en las Américas?"
        ),
        (
            "Selon vous, comment l'OEA pourrait-elle contribuer au renforcement de la protection "
            "sociale dans les Amériques ?"
        ),
        (
            "Na sua opinião, como a OEA poderia contribuir para o fortalecimento da proteção "
            "social nas Américas?"
        ),
    ),
    # People: names, protocol titles and positions (proper names stay as they are).
    (
        "Chair of CIDI",
        "Presidencia del CIDI",
        "Présidence du CIDI",
        "Presidência do CIDI",
    ),
    (
        "Ms.",
        "Sra.",
        "Mme",
        "Sra.",
    ),
    (
        "Secretary for Access to Rights and Equity, OAS",
        "Secretaria de Acceso a Derechos y Equidad, OEA",
        "Secrétaire à l'accès aux droits et à l'équité, OEA",
        "Secretária de Acesso a Direitos e Equidade, OEA",
    ),
    (
        "High authority of the Ministry of Social Development",
        "Alta autoridad del Ministerio de Desarrollo Social",
        "Haute autorité du ministère du Développement social",
        "Alta autoridade do Ministério do Desenvolvimento Social",
    ),
    (
        (
            "Ministry of Social Development; Pro Tempore Chair of the Central American Social "
            "Integration Council (CIS)"
        ),
        (
            "Ministerio de Desarrollo Social; Presidencia Pro Tempore del Consejo de la "
            "Integración Social Centroamericana (CIS)"
        ),
        (
            "Ministère du Développement social ; présidence pro tempore du Conseil de "
            "l'intégration sociale centraméricaine (CIS)"
        ),
        (
            "Ministério do Desenvolvimento Social; Presidência Pro Tempore do Conselho da "
            "Integração Social Centro-Americana (CIS)"
        ),
    ),
    (
        "High authority of the Ministry of People Empowerment and Elder Affairs",
        (
            "Alta autoridad del Ministerio de Empoderamiento de las Personas y Asuntos de las "
            "Personas Mayores"
        ),
        "Haute autorité du ministère de l'Autonomisation des personnes et des Affaires des aînés",
        "Alta autoridade do Ministério do Empoderamento das Pessoas e dos Assuntos da Pessoa Idosa",
    ),
    (
        "Ministry of People Empowerment and Elder Affairs",
        "Ministerio de Empoderamiento de las Personas y Asuntos de las Personas Mayores",
        "Ministère de l'Autonomisation des personnes et des Affaires des aînés",
        "Ministério do Empoderamento das Pessoas e dos Assuntos da Pessoa Idosa",
    ),
    (
        "Ministry of Social Development",
        "Ministerio de Desarrollo Social",
        "Ministère du Développement social",
        "Ministério do Desenvolvimento Social",
    ),
    (
        "Representative of the Secretariat of Well-being",
        "Representante de la Secretaría de Bienestar",
        "Représentant du Secrétariat au Bien-être",
        "Representante da Secretaria de Bem-Estar",
    ),
    (
        (
            "Secretariat of Well-being; Chair of Working Group 1 for the implementation of the "
            "Plan of Action of Guatemala within CIDES"
        ),
        (
            "Secretaría de Bienestar; Presidencia del Grupo de Trabajo 1 para la implementación "
            "del Plan de Acción de Guatemala en el marco de la CIDES"
        ),
        (
            "Secrétariat au Bien-être ; présidence du Groupe de travail 1 pour la mise en œuvre du "
            "Plan d'action du Guatemala au sein de la CIDES"
        ),
        (
            "Secretaria de Bem-Estar; Presidência do Grupo de Trabalho 1 para a implementação do "
            "Plano de Ação da Guatemala no âmbito da CIDES"
        ),
    ),
    (
        "Representative of the Social Policy Coordination Cabinet",
        "Representante del Gabinete de Coordinación de Políticas Sociales",
        "Représentant du Cabinet de coordination des politiques sociales",
        "Representante do Gabinete de Coordenação de Políticas Sociais",
    ),
    (
        (
            "Social Policy Coordination Cabinet; Chair of CIDES Working Group 2; host of the Fifth "
            "Meeting of Ministers and High Authorities of Social Development (V REMDES)"
        ),
        (
            "Gabinete de Coordinación de Políticas Sociales; Presidencia del Grupo de Trabajo 2 de "
            "la CIDES; anfitrión de la Quinta Reunión de Ministros y Altas Autoridades de "
            "Desarrollo Social (V REMDES)"
        ),
        (
            "Cabinet de coordination des politiques sociales ; présidence du Groupe de travail 2 "
            "de la CIDES ; hôte de la Cinquième Réunion des ministres et hautes autorités du "
            "développement social (V REMDES)"
        ),
        (
            "Gabinete de Coordenação de Políticas Sociais; Presidência do Grupo de Trabalho 2 da "
            "CIDES; anfitrião da Quinta Reunião de Ministros e Altas Autoridades de "
            "Desenvolvimento Social (V REMDES)"
        ),
    ),
    (
        "Representative of ECLAC",
        "Representante de la CEPAL",
        "Représentant de la CEPALC",
        "Representante da CEPAL",
    ),
    (
        "Economic Commission for Latin America and the Caribbean",
        "Comisión Económica para América Latina y el Caribe",
        "Commission économique pour l'Amérique latine et les Caraïbes",
        "Comissão Econômica para a América Latina e o Caribe",
    ),
]

DEMO_TRANSLATIONS = {
    language: {english: texts[index] for english, *texts in _TEXTS}
    for index, language in enumerate(LANGUAGES)
}
