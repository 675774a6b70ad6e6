"""One order of precedence: every page, the CSV and the PDF agree, in every language."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from accounts.models import User
from agenda.enums import Precedence
from delegations.models import Delegation, MemberState
from documents.kinds.participants import participants_content


def code_of(name):
    """Return the ISO code of a member state named in English or in OAS Spanish."""
    state = (
        MemberState.objects.filter(name_en=name).first()
        or MemberState.objects.filter(name_es_oas=name).first()
    )
    assert state is not None, name
    return state.iso2


def codes(names):
    return [code_of(name) for name in names]


def dashboard_order(client, meeting):
    page = client.get(f"/secretariat/meetings/{meeting.slug}/delegations/").content.decode()
    return codes(re.findall(r'data-testid="dashboard-delegation"[^>]*>([^<]+)</a>', page))


def participants_order(client, meeting, prefix=""):
    url = f"{prefix}/secretariat/meetings/{meeting.slug}/participants/"
    page = client.get(url).content.decode()
    return codes(re.findall(r'data-testid="participant-delegation">([^<]+)</h2>', page))


def csv_order(client, meeting):
    response = client.get(f"/secretariat/meetings/{meeting.slug}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    seen = []
    for row in rows:
        if row[1] not in seen:
            seen.append(row[1])
    return codes(seen)


def pdf_order(meeting, language):
    with translation.override(language):
        return codes(d["name"] for d in participants_content(meeting)["delegations"])


@pytest.fixture
def by_credentials(demo_meeting):
    """The demo meeting ordered by credentials date, nobody's credentials presented yet."""
    demo_meeting.precedence = Precedence.CREDENTIALS_DATE
    demo_meeting.save(update_fields=["precedence"])
    Delegation.objects.filter(meeting=demo_meeting).update(credentials_presented_at=None)
    for delegation in Delegation.objects.filter(meeting=demo_meeting, members__isnull=True):
        # Every delegation gets a CSV row: the CSV lists members.
        delegation.members.create(order=1, full_name="Someone", role="head")
    return demo_meeting


@pytest.mark.parametrize(
    ("presented", "expected"),
    [
        # Nobody presented: the OAS Spanish alphabetical order (Barbados, México, Panamá,
        # República Dominicana, Uruguay), not the English one nor the order of creation.
        ({}, ["BB", "MX", "PA", "DO", "UY"]),
        # Those who presented come first, by date; the others follow in OAS Spanish order.
        ({"UY": 1, "DO": 2}, ["UY", "DO", "BB", "MX", "PA"]),
    ],
)
def test_every_list_follows_one_order_of_precedence_in_every_language(
    by_credentials, presented, expected
):
    base = timezone.make_aware(datetime.datetime(2022, 11, 1, 9))
    for iso2, day in presented.items():
        Delegation.objects.filter(meeting=by_credentials, member_state__iso2=iso2).update(
            credentials_presented_at=base + datetime.timedelta(days=day)
        )
    client = Client()
    client.force_login(User.objects.get(email="secretariat@example.org"))

    assert dashboard_order(client, by_credentials) == expected
    assert participants_order(client, by_credentials) == expected
    assert participants_order(client, by_credentials, prefix="/es") == expected
    translation.activate("en")
    assert csv_order(client, by_credentials) == expected
    assert pdf_order(by_credentials, "en") == expected
    assert pdf_order(by_credentials, "es") == expected
