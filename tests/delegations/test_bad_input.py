"""Bad input on the registration pages: a clear message, never a 500, nothing stored."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from delegations.enums import DelegationStatus
from tests.delegations.test_registration import delegation_of, member_data, signed_in

RLO_NAME = "Ana \u202eadeR\u202c P\u2066\u2069\u202a\u202b\u202d\u2067\u2068rez"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def accredit(client, delegation, day):
    return client.post(
        f"/delegations/{delegation.pk}/accredit/",
        {"presented_on": day, "presented_at": "23:30", "version": delegation.version},
        follow=True,
    )


def in_two_days():
    return (timezone.localdate() + datetime.timedelta(days=2)).isoformat()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2021-11-16", "soon"])
def test_an_impossible_credentials_date_is_refused_with_a_clear_message(demo_meeting, day):
    panama = delegation_of(demo_meeting, "PA")
    day = in_two_days() if day == "soon" else day

    response = accredit(signed_in("secretariat@example.org"), panama, day)

    assert response.status_code == 200
    assert "Credentials are presented between" in response.content.decode()
    panama.refresh_from_db()
    assert panama.status == DelegationStatus.REGISTERING
    assert panama.credentials_presented_at is None


def test_the_credentials_date_message_gives_the_window_in_the_users_language(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    secretariat = signed_in("secretariat@example.org")

    response = secretariat.post(
        f"/es/delegations/{panama.pk}/accredit/",
        {"presented_on": "9999-12-31", "presented_at": "09:30", "version": panama.version},
        follow=True,
        headers={"accept-language": "es"},
    )

    # The message's text comes from the catalogues; its dates follow the locale already.
    assert "17 de noviembre de 2021" in response.content.decode()
    today = timezone.localdate(timezone=demo_meeting.tzinfo)
    with translation.override("es"):
        assert date_format(today) in response.content.decode()


@pytest.mark.parametrize("day", ["2021-11-17", "2022-11-17", "today"])
def test_a_credentials_date_in_the_window_is_accepted(demo_meeting, day):
    panama = delegation_of(demo_meeting, "PA")
    if day == "today":
        day = timezone.localdate(timezone=demo_meeting.tzinfo).isoformat()

    accredit(signed_in("secretariat@example.org"), panama, day)

    panama.refresh_from_db()
    assert panama.status == DelegationStatus.ACCREDITED


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_impossible_deadline_is_refused_with_a_clear_message(demo_meeting, day):
    secretariat = signed_in("secretariat@example.org")

    response = secretariat.post(
        f"/secretariat/meetings/{demo_meeting.slug}/delegations/",
        {
            "version": demo_meeting.version,
            "precedence": "alphabetical_en",
            "quota_member_state": 5,
            "quota_observer": 2,
            "quota_organization": 1,
            "deadline_date": day,
            "deadline_time": "23:30",
        },
    )

    assert response.status_code == 200
    assert "A deadline falls within a year of the meeting" in response.content.decode()
    demo_meeting.refresh_from_db()
    assert demo_meeting.registration_deadline is None


def test_bidi_controls_are_removed_from_a_members_name(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    focal.post(
        f"/delegations/{panama.pk}/members/new/",
        member_data(RLO_NAME, "head", protocol_title="\u202eMs.", position="Min\u2067ister"),
    )

    member = panama.members.get()
    assert (member.protocol_title, member.full_name, member.position) == (
        "Ms.",
        "Ana adeR Prez",
        "Minister",
    )


def test_a_name_of_bidi_controls_only_is_refused(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{panama.pk}/members/new/", member_data("\u202e\u202c", "head")
    )

    assert "Give the member&#x27;s full name." in response.content.decode()
    assert not panama.members.exists()


def test_over_long_needs_are_refused_and_the_form_keeps_the_rest(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{panama.pk}/members/new/",
        member_data("Ana Head", "head", needs="x" * 2_400_000),
    )

    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    assert 'value="Ana Head"' in response.content.decode()
    assert not panama.members.exists()


def test_a_double_submitted_member_is_stored_once(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    first = focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Ana Head", "head"))
    again = focal.post(
        f"/delegations/{panama.pk}/members/new/", member_data(" ana  head ", "adviser")
    )

    assert first.status_code == 302
    assert "Ana Head is already registered in your delegation." in again.content.decode()
    assert list(panama.members.values_list("full_name", flat=True)) == ["Ana Head"]
