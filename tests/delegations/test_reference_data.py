import pytest

from delegations.models import MemberState, Organization


@pytest.mark.django_db
def test_all_35_member_states_ship_with_oas_spanish_names():
    states = MemberState.objects.order_by("spanish_order")

    assert states.count() == 35
    assert states.first().name_es_oas == "Antigua y Barbuda"
    assert MemberState.objects.get(iso2="KN").name_es_oas == "Saint Kitts y Nevis"
    assert MemberState.objects.get(iso2="BZ").name_es_common == "Belice"
    assert [s.iso2 for s in states][-3:] == ["TT", "UY", "VE"]


@pytest.mark.django_db
def test_participation_is_data_not_a_hard_coded_35():
    not_participating = MemberState.objects.filter(participates=False)

    assert sorted(s.iso2 for s in not_participating) == ["CU", "NI"]
    assert "1962" in MemberState.objects.get(iso2="CU").participation_note


@pytest.mark.django_db
def test_the_concept_notes_organizations_are_non_state_entities():
    assert sorted(Organization.objects.values_list("acronym", flat=True)) == [
        "CIM",
        "ECLAC",
        "SARE",
        "SEDI",
    ]
    assert Organization.objects.get(acronym="ECLAC").acronym_es == "CEPAL"


@pytest.mark.django_db
def test_member_states_ship_with_the_language_their_delegates_speak():
    languages = dict(MemberState.objects.values_list("iso2", "language"))

    assert {code: languages[code] for code in ["BB", "BR", "HT", "SR", "CA", "US", "JM"]} == {
        "BB": "en",
        "BR": "pt",
        "HT": "fr",
        # Dutch-speaking Suriname works in English at the OAS.
        "SR": "en",
        "CA": "en",
        "US": "en",
        "JM": "en",
    }
    english = {"AG", "BS", "BB", "BZ", "CA", "DM", "US", "GD", "GY", "JM", "KN", "VC", "LC"}
    english |= {"SR", "TT"}
    spanish = set(languages) - english - {"BR", "HT"}
    assert {languages[code] for code in spanish} == {"es"} and len(spanish) == 18
