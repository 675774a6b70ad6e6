"""A form sent twice is acted on once: members, letters, requests, offers, change requests.

Each test takes the submission token from the page as a browser would, then sends the
same form again as a double click or a reload does.
"""

import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from accounts.models import User
from delegations.models import CredentialsLetter, DelegationMember, FloorRequest
from outcomes.enums import CooperationKind
from outcomes.models import CooperationItem
from tests.delegations.floor_factories import DelegationMemberFactory, dialogue
from tests.delegations.floor_factories import delegation as accredited_delegation
from tests.delegations.test_registration import PDF_BYTES, delegation_of, member_data
from tests.outcomes.test_cooperation import item_data

TOKEN = re.compile(r'name="submission" value="(?P<token>[0-9a-f]{32})"')


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def panama(demo_meeting):
    return delegation_of(demo_meeting, "PA")


@pytest.fixture
def focal(demo_meeting):
    client = Client()
    client.force_login(User.objects.get(email="focal.pa@example.org"))
    return client


def token_of(page, action):
    """Return the submission token of the form that posts to ``action`` on ``page``."""
    html = page.content.decode()
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"(?P<body>.*?)</form>', html, re.S)
    assert form, f"no form posts to {action}"
    found = TOKEN.search(form["body"])
    assert found, f"the form posting to {action} has no submission token"
    return found["token"]


def send_twice(client, page_url, action, data):
    token = token_of(client.get(page_url), action)
    return [client.post(action, {**data(), "submission": token}) for _ in range(2)]


def test_a_member_saved_twice_is_registered_once(focal, panama):
    action = f"/delegations/{panama.pk}/members/new/"

    first, second = send_twice(
        focal, f"/delegations/{panama.pk}/", action, lambda: member_data("Ana Twice")
    )

    assert panama.members.filter(full_name="Ana Twice").count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    page = focal.get(second["Location"]).content.decode()
    assert "This form had already been sent: it was saved once." in page


def test_a_letter_uploaded_twice_is_stored_once(focal, panama):
    action = f"/delegations/{panama.pk}/credentials/"

    send_twice(
        focal,
        f"/delegations/{panama.pk}/",
        action,
        lambda: {"letter": SimpleUploadedFile("nota.pdf", PDF_BYTES, "application/pdf")},
    )

    assert CredentialsLetter.objects.filter(delegation=panama).count() == 1


def test_an_offer_sent_twice_is_posted_once(focal, panama):
    CooperationItem.objects.filter(delegation=panama).delete()
    page = focal.get(f"/delegations/{panama.pk}/cooperation/").content.decode()
    action = re.search(r'action="(/delegations/\d+/cooperation/new/[^"]*offer[^"]*)"', page)[1]
    action = action.replace("&amp;", "&")

    send_twice(focal, f"/delegations/{panama.pk}/cooperation/", action, lambda: item_data("offer-"))

    offers = CooperationItem.objects.filter(delegation=panama, kind=CooperationKind.OFFER)
    assert offers.count() == 1


def test_a_request_for_the_floor_sent_twice_is_one_request(focal, panama, demo_meeting):
    accredited_delegation(demo_meeting, "PA")
    member = DelegationMemberFactory(delegation=panama, full_name="Ana Floor")
    segment = dialogue(demo_meeting)
    data = {
        "segment": segment.pk,
        "member": member.pk,
        "floor_language": "es",
        "topic": "Cash transfers",
    }

    first, second = send_twice(
        focal, f"/delegations/{panama.pk}/", f"/delegations/{panama.pk}/floor/new/", lambda: data
    )

    assert FloorRequest.objects.filter(delegation=panama).count() == 1
    # Not the duplicate check's refusal: the copy is sent where the first went.
    assert (first.status_code, second.status_code) == (302, 302)


def test_the_same_form_sent_again_with_other_content_is_a_new_submission(focal, panama):
    action = f"/delegations/{panama.pk}/members/new/"
    token = token_of(focal.get(f"/delegations/{panama.pk}/"), action)

    focal.post(action, {**member_data("First Adviser"), "submission": token})
    # Back in the browser, another name typed into the same form, sent again.
    focal.post(action, {**member_data("Second Adviser"), "submission": token})

    assert set(panama.members.values_list("full_name", flat=True)) >= {
        "First Adviser",
        "Second Adviser",
    }


def test_a_form_shown_again_with_errors_can_be_corrected_and_sent(focal, panama):
    action = f"/delegations/{panama.pk}/members/new/"
    token = token_of(focal.get(f"/delegations/{panama.pk}/"), action)

    invalid = focal.post(action, {**member_data(""), "submission": token})
    invalid_again = focal.post(action, {**member_data(""), "submission": token})
    focal.post(action, {**member_data("Now Named"), "submission": token})

    assert (invalid.status_code, invalid_again.status_code) == (200, 200)
    assert "Give the member&#x27;s full name." in invalid_again.content.decode()
    assert panama.members.filter(full_name="Now Named").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_the_same_moment_store_one_member(demo_meeting):
    """A double click: the second copy arrives while the first is still being saved."""
    panama = delegation_of(demo_meeting, "PA")
    focal_point = User.objects.get(email="focal.pa@example.org")
    first = Client()
    first.force_login(focal_point)
    action = f"/delegations/{panama.pk}/members/new/"
    token = token_of(first.get(f"/delegations/{panama.pk}/"), action)
    second = Client()
    second.cookies = first.cookies
    answers = []
    start = threading.Barrier(2)

    def send(client):
        start.wait()
        try:
            answers.append(client.post(action, {**member_data("Ana Click"), "submission": token}))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert DelegationMember.objects.filter(full_name="Ana Click").count() == 1
    assert sorted(answer.status_code for answer in answers) == [302, 302]
    assert len({answer["Location"] for answer in answers}) == 1


def test_every_portal_form_carries_a_submission_token(focal, panama):
    page = focal.get(f"/delegations/{panama.pk}/").content.decode()
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', page, re.S | re.I)

    assert forms
    assert all(TOKEN.search(body) for body in forms)
