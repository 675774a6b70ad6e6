"""A state's name after "of" takes the article and preposition its language needs.

"Délégation de Panama" and "Delegação de México" are wrong: French and Portuguese join
the preposition to the article ("du Panama", "do México"), and English and Spanish need
an article before some names ("of the United States", "de la República Dominicana").
Every sentence takes the stored "of" form whole.
"""

import html
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from delegations.models import Delegation, MemberState, Organization
from tests.delegations.factories import DelegationFactory, organization_delegation
from tests.factories import MeetingFactory, secretariat_user

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "fr", "pt"]
DELEGATION = {"en": "Delegation", "es": "Delegación", "fr": "Délégation", "pt": "Delegação"}
# The subject as render_email folds it onto one line (French spaces before the colon).
ACCREDITED = {
    "en": ": accredited",
    "es": ": acreditada",
    "fr": " : accréditée",
    "pt": ": credenciada",
}

# Checked by hand against each language's usage (OAS usage in Spanish).
# fmt: off
OF_FORMS = [
    ("PA", "en", "of Panama"), ("DO", "en", "of the Dominican Republic"),
    ("US", "en", "of the United States"), ("BS", "en", "of The Bahamas"),
    ("PA", "es", "de Panamá"), ("DO", "es", "de la República Dominicana"),
    ("US", "es", "de los Estados Unidos"), ("BS", "es", "de las Bahamas"),
    ("SV", "es", "de El Salvador"), ("CA", "es", "de Canadá"),
    ("PA", "fr", "du Panama"), ("BB", "fr", "de la Barbade"), ("AR", "fr", "de l'Argentine"),
    ("HT", "fr", "d'Haïti"), ("US", "fr", "des États-Unis"), ("BS", "fr", "des Bahamas"),
    ("CU", "fr", "de Cuba"), ("DO", "fr", "de la République dominicaine"),
    ("SV", "fr", "d'El Salvador"), ("VC", "fr", "de Saint-Vincent-et-les-Grenadines"),
    ("EC", "fr", "de l'Équateur"), ("AG", "fr", "d'Antigua-et-Barbuda"),
    ("MX", "pt", "do México"), ("PA", "pt", "do Panamá"), ("AR", "pt", "da Argentina"),
    ("BB", "pt", "de Barbados"), ("US", "pt", "dos Estados Unidos"),
    ("BS", "pt", "das Bahamas"), ("DO", "pt", "da República Dominicana"),
    ("HN", "pt", "de Honduras"), ("GY", "pt", "da Guiana"), ("HT", "pt", "do Haiti"),
]
IN_FORMS = [
    ("US", "en", "in the United States"), ("DO", "es", "en la República Dominicana"),
    ("PA", "fr", "au Panama"), ("JM", "fr", "en Jamaïque"), ("US", "fr", "aux États-Unis"),
    ("MX", "pt", "no México"), ("BS", "pt", "nas Bahamas"), ("CU", "pt", "em Cuba"),
]
# fmt: on


def test_every_member_state_has_its_of_and_in_forms_in_every_language():
    states = MemberState.objects.all()

    assert states.count() == 35
    missing = [
        (state.iso2, f"{form}_{language}")
        for state in states
        for form in ("name_of", "name_in")
        for language in LANGUAGES
        if not getattr(state, f"{form}_{language}")
    ]
    assert missing == []
    english = [state.name_of_en for state in states]
    assert all(form.startswith("of ") for form in english)


@pytest.mark.parametrize(("iso2", "language", "expected"), OF_FORMS)
def test_the_of_form_agrees_with_the_name(iso2, language, expected):
    delegation = DelegationFactory(member_state=MemberState.objects.get(iso2=iso2))

    with translation.override(language):
        assert delegation.name_of == expected


@pytest.mark.parametrize(("iso2", "language", "expected"), IN_FORMS)
def test_the_in_form_agrees_with_the_name(iso2, language, expected):
    state = MemberState.objects.get(iso2=iso2)

    with translation.override(language):
        assert state.display_name_in == expected


def test_an_organizations_delegation_has_an_of_form_too():
    delegation = organization_delegation(MeetingFactory(), "CIM")

    expected = {
        "en": "of the Inter-American Commission of Women",
        "es": "de la Comisión Interamericana de Mujeres",
        "fr": "de la Commission interaméricaine des femmes",
        "pt": "da Comissão Interamericana de Mulheres",
    }
    assert {code: _in(code, lambda: delegation.name_of) for code in LANGUAGES} == expected


def test_an_organization_without_an_of_form_falls_back_to_the_preposition_and_name():
    organization = Organization.objects.create(acronym="XYZ", name_en="Example Body")

    assert _in("en", lambda: organization.display_name_of) == "of Example Body"


def _in(language, read):
    with translation.override(language):
        return read()


def _heading(page):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return html.unescape(" ".join(match.group(1).split()))


def test_every_state_s_delegation_page_and_email_subject_say_of_the_state_in_each_language():
    """The subject is plain text: "d'Haïti" reaches it unescaped."""
    meeting = MeetingFactory()
    client = Client()
    client.force_login(secretariat_user())
    delegations = [
        DelegationFactory(meeting=meeting, member_state=state)
        for state in MemberState.objects.order_by("spanish_order")
    ]

    wrong = []
    for delegation in delegations:
        state = delegation.member_state
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"/{language}"
            expected = f"{DELEGATION[language]} {getattr(state, f'name_of_{language}')}"
            response = client.get(f"{prefix}/delegations/{delegation.pk}/")
            heading = _heading(response.content.decode())
            with translation.override(language):
                subject = render_to_string(
                    "delegations/email/accredited_subject.txt", {"delegation": delegation}
                )
            if heading != expected:
                wrong.append((state.iso2, language, heading))
            if " ".join(subject.split()) != expected + ACCREDITED[language]:
                wrong.append((state.iso2, language, subject))
    assert wrong == []


def test_the_hand_checked_forms_reach_the_page_heading():
    client = Client()
    client.force_login(secretariat_user())
    meeting = MeetingFactory()
    headings = {}
    for iso2, language in [("PA", "fr"), ("BB", "fr"), ("MX", "pt"), ("DO", "es")]:
        delegation = Delegation.objects.filter(meeting=meeting, member_state__iso2=iso2).first()
        delegation = delegation or DelegationFactory(
            meeting=meeting, member_state=MemberState.objects.get(iso2=iso2)
        )
        response = client.get(f"/{language}/delegations/{delegation.pk}/")
        headings[iso2, language] = _heading(response.content.decode())

    assert headings == {
        ("PA", "fr"): "Délégation du Panama",
        ("BB", "fr"): "Délégation de la Barbade",
        ("MX", "pt"): "Delegação do México",
        ("DO", "es"): "Delegación de la República Dominicana",
    }


def test_the_admin_edits_the_of_and_in_forms_in_every_language():
    client = Client()
    client.force_login(secretariat_user(is_staff=True, is_superuser=True))
    panama = MemberState.objects.get(iso2="PA")
    cim = Organization.objects.get(acronym="CIM")

    state_page = client.get(f"/admin/delegations/memberstate/{panama.pk}/change/")
    organization_page = client.get(f"/admin/delegations/organization/{cim.pk}/change/")

    assert state_page.status_code == organization_page.status_code == 200
    state_form = state_page.context["adminform"].form
    assert {
        name: state_form.initial[name]
        for name in ["name_of_en", "name_of_es", "name_of_fr", "name_of_pt", "name_in_fr"]
    } == {
        "name_of_en": "of Panama",
        "name_of_es": "de Panamá",
        "name_of_fr": "du Panama",
        "name_of_pt": "do Panamá",
        "name_in_fr": "au Panama",
    }
    assert organization_page.context["adminform"].form.initial["name_of_fr"] == (
        "de la Commission interaméricaine des femmes"
    )
