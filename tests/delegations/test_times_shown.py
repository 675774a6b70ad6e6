"""Times on the delegation and outcome pages: in the meeting's zone, named, month spelled.

A Latin American reader takes "12/05/2026" for 12 May, and a time with no zone is read
in the reader's own; every page of delegations, good practices and the floor therefore
shows its times in the meeting's time zone, names that zone, and spells the month.
"""

import re
from datetime import UTC, datetime

import pytest

from delegations.floor.services import floor_request_create
from delegations.models import CredentialsLetter, Delegation, FloorRequest
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from tests.delegations.floor_factories import DelegationMemberFactory, delegation, dialogue
from tests.delegations.test_registration import delegation_of, signed_in, upload
from tests.outcomes.factories import GoodPracticeFactory

# 08:33 UTC on 5 December is 03:33 in Washington (America/New_York, the demo's zone).
MOMENT = datetime(2026, 12, 5, 8, 33, tzinfo=UTC)
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
SPELLED = {"en": "Dec. 5, 2026, 3:33", "es": "5 de diciembre de 2026 a las 03:33"}
PREFIX = {"en": "", "es": "/es"}
# The demo's zone (America/New_York) by the name readers know.
ZONE = {"en": "Eastern Time, New York", "es": "hora oriental, Nueva York"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def shown(client, path, language):
    response = client.get(PREFIX[language] + path)
    assert response.status_code == 200
    return response.content.decode()


def assert_times_are_plain(page, language):
    assert NUMERIC_DATE.findall(page) == []
    assert SPELLED[language] in page
    assert ZONE[language] in page
    assert "08:33" not in page and "8:33 a" not in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_delegations_practices_show_the_meetings_zone_and_the_month(demo_meeting, language):
    panama = delegation_of(demo_meeting, "PA")
    practice = GoodPracticeFactory(
        delegation=panama, status=PracticeStatus.DRAFT, published_at=None
    )
    GoodPractice.objects.filter(pk=practice.pk).update(updated_at=MOMENT)

    page = shown(
        signed_in("focal.pa@example.org"), f"/delegations/{panama.pk}/practices/", language
    )

    assert_times_are_plain(page, language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_delegations_dashboard_shows_the_meetings_zone_and_the_month(demo_meeting, language):
    panama = delegation_of(demo_meeting, "PA")
    upload(signed_in("focal.pa@example.org"), panama)
    assert CredentialsLetter.objects.filter(delegation=panama).exists()
    Delegation.objects.filter(pk=panama.pk).update(credentials_presented_at=MOMENT)

    page = shown(
        signed_in("secretariat@example.org"),
        f"/secretariat/meetings/{demo_meeting.slug}/delegations/",
        language,
    )

    assert_times_are_plain(page, language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_floor_list_shows_the_meetings_zone_and_the_month(demo_meeting, language):
    panama = delegation(demo_meeting, "PA")
    request = floor_request_create(
        delegation=panama,
        segment=dialogue(demo_meeting),
        member=DelegationMemberFactory(delegation=panama, full_name="Ana Pérez", order=9),
        topic="Care",
    )
    FloorRequest.objects.filter(pk=request.pk).update(requested_at=MOMENT)

    page = shown(
        signed_in("secretariat@example.org"),
        f"/secretariat/meetings/{demo_meeting.slug}/floor/",
        language,
    )

    assert_times_are_plain(page, language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_registration_names_the_zone_of_the_credentials_time(demo_meeting, language):
    panama = delegation_of(demo_meeting, "PA")
    Delegation.objects.filter(pk=panama.pk).update(credentials_presented_at=MOMENT)

    page = shown(signed_in("focal.pa@example.org"), f"/delegations/{panama.pk}/", language)

    presented = page[page.index(SPELLED[language]) :][:200]
    assert ZONE[language] in presented
