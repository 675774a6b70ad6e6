"""Bad input on the outcomes forms: a clear message on the field, nothing stored."""

import pytest
from django.test import Client

from accounts.models import User
from outcomes.models import CooperationItem, GoodPractice
from tests.outcomes.factories import delegation_of
from tests.outcomes.test_cooperation import add_url, item_data
from tests.outcomes.test_practices import practice_data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_more_women_than_beneficiaries_is_refused_on_the_field(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(beneficiaries=10, women_beneficiaries=50),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There cannot be more women among the beneficiaries (50) than beneficiaries" in page
    assert not GoodPractice.objects.filter(delegation=mexico).exists()


def test_as_many_women_as_beneficiaries_is_accepted(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(beneficiaries=10, women_beneficiaries=10),
    )

    practice = GoodPractice.objects.get(delegation=mexico)
    assert (practice.beneficiaries, practice.women_beneficiaries) == (10, 10)


def test_an_over_long_need_is_refused_and_keeps_the_title(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    before = CooperationItem.objects.count()

    response = signed_in("focal.pa@example.org").post(
        add_url(panama, "need"), item_data("need-", description="x" * 2_400_000)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Keep the description to 5,000 characters or fewer" in page
    assert "Care systems: training of municipal teams" in page
    assert CooperationItem.objects.count() == before
