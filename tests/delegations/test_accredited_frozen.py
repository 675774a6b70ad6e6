"""After accreditation the list is frozen: a change goes back to the secretariat."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from delegations.enums import DelegationStatus
from delegations.models import DelegationMember
from speakers.models import Person
from tests.delegations.test_registration import (
    PDF_BYTES,
    delegation_of,
    member_data,
    signed_in,
    upload,
)

FROZEN = "Your delegation is accredited: its members and credentials can no longer be changed"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def accredited(demo_meeting):
    """Panama, accredited, with its head of delegation and one letter."""
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")
    focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Ana Head", "head"))
    upload(focal, panama)
    panama.refresh_from_db()
    focal.post(f"/delegations/{panama.pk}/submit/", {"version": panama.version})
    panama.refresh_from_db()
    signed_in("secretariat@example.org").post(
        f"/delegations/{panama.pk}/accredit/",
        {"presented_on": "2022-11-10", "presented_at": "09:30", "version": panama.version},
    )
    panama.refresh_from_db()
    assert panama.status == DelegationStatus.ACCREDITED
    mail.outbox.clear()
    return panama


def test_editing_a_member_after_accreditation_is_refused(accredited):
    head = accredited.members.get()
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{accredited.pk}/members/{head.pk}/",
        {**member_data("Renamed Head", "head"), "version": head.version},
        follow=True,
    )

    assert FROZEN in response.content.decode()
    assert list(accredited.members.values_list("full_name", flat=True)) == ["Ana Head"]


def test_adding_a_member_after_accreditation_is_refused(accredited):
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{accredited.pk}/members/new/", member_data("Fourth Member")
    )

    assert FROZEN in response.content.decode()
    assert list(accredited.members.values_list("full_name", flat=True)) == ["Ana Head"]


def test_removing_or_moving_a_member_after_accreditation_is_refused(accredited):
    head = accredited.members.get()
    focal = signed_in("focal.pa@example.org")

    removed = focal.post(f"/delegations/{accredited.pk}/members/{head.pk}/delete/", follow=True)

    assert FROZEN in removed.content.decode()
    assert accredited.members.count() == 1


def test_uploading_a_letter_after_accreditation_is_refused(accredited):
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{accredited.pk}/credentials/",
        {"letter": SimpleUploadedFile("second.pdf", PDF_BYTES, "application/pdf")},
        follow=True,
    )

    assert FROZEN in response.content.decode()
    assert accredited.credentials_letters.count() == 1


def test_a_replayed_submit_keeps_the_accreditation(accredited):
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{accredited.pk}/submit/", {"version": accredited.version}, follow=True
    )

    accredited.refresh_from_db()
    assert accredited.status == DelegationStatus.ACCREDITED
    assert "already accredited" in response.content.decode()
    assert accredited.accredited_at is not None


def test_the_page_offers_a_change_request_instead_of_the_edit_controls(accredited):
    page = signed_in("focal.pa@example.org").get(f"/delegations/{accredited.pk}/").content.decode()

    assert "Register a member" not in page
    assert "Upload the letter" not in page
    assert "Request a change" in page


def test_a_change_request_notifies_the_secretariat_and_keeps_the_accreditation(
    accredited, django_capture_on_commit_callbacks
):
    focal = signed_in("focal.pa@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = focal.post(
            f"/delegations/{accredited.pk}/change-request/",
            {"change": "Our minister replaces Ana Head as head of delegation."},
            follow=True,
        )

    accredited.refresh_from_db()
    assert accredited.status == DelegationStatus.ACCREDITED
    assert "Your request was sent to the secretariat" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["secretariat@example.org"]]
    assert "Our minister replaces Ana Head" in mail.outbox[0].body
    assert accredited.history.latest("history_date").history_change_reason.startswith(
        "Change requested"
    )
    assert list(accredited.members.values_list("full_name", flat=True)) == ["Ana Head"]


def test_the_secretariat_still_changes_an_accredited_list(accredited):
    head = accredited.members.get()
    secretariat = signed_in("secretariat@example.org")

    secretariat.post(
        f"/delegations/{accredited.pk}/members/{head.pk}/",
        {**member_data("Renamed Head", "head"), "version": head.version},
    )

    assert DelegationMember.objects.get(pk=head.pk).full_name == "Renamed Head"


def test_a_returned_registration_can_be_changed_again(accredited):
    signed_in("secretariat@example.org").post(
        f"/delegations/{accredited.pk}/return/",
        {"reason": "Send the new head's letter.", "version": accredited.version},
    )
    focal = signed_in("focal.pa@example.org")

    focal.post(f"/delegations/{accredited.pk}/members/new/", member_data("New Adviser"))

    assert accredited.members.count() == 2


def test_a_rename_by_the_secretariat_reaches_the_speaker_record(accredited):
    head = accredited.members.get()
    head.person = Person.objects.create(full_name="Ana Head", protocol_title="Ms.")
    head.save(update_fields=["person"])
    secretariat = signed_in("secretariat@example.org")

    secretariat.post(
        f"/delegations/{accredited.pk}/members/{head.pk}/",
        {
            **member_data("Renamed Head", "head", protocol_title="H.E.", position="Minister"),
            "version": head.version,
        },
    )

    head.person.refresh_from_db()
    assert (head.person.protocol_title, head.person.full_name, head.person.position) == (
        "H.E.",
        "Renamed Head",
        "Minister",
    )


def test_the_pending_change_request_is_shown_on_the_delegations_page(accredited):
    focal = signed_in("focal.pa@example.org")
    focal.post(
        f"/delegations/{accredited.pk}/change-request/", {"change": "A new adviser, Eva Ruiz."}
    )

    pages = [
        client.get(f"/delegations/{accredited.pk}/").content.decode()
        for client in (focal, signed_in("secretariat@example.org"))
    ]

    assert all("A new adviser, Eva Ruiz." in page for page in pages)
    assert all("the secretariat reviews it" in page for page in pages)


# The secretariat's side of a change request ------------------------------------------------

LONG_CHANGE = (
    "Our minister, Ana Head, cannot travel: the Vice-Minister for Social Development, "
    "Carlos Mendoza, heads the delegation and Eva Ruiz joins as adviser; both letters follow."
)


def request_change(delegation, change=LONG_CHANGE):
    return signed_in("focal.pa@example.org").post(
        f"/delegations/{delegation.pk}/change-request/", {"change": change}
    )


def test_the_whole_request_is_kept_not_only_its_first_words(accredited):
    request_change(accredited)

    page = signed_in("secretariat@example.org").get(f"/delegations/{accredited.pk}/")

    assert LONG_CHANGE in page.content.decode()


def test_the_dashboard_flags_delegations_that_asked_for_a_change(accredited):
    secretariat = signed_in("secretariat@example.org")
    dashboard = f"/secretariat/meetings/{accredited.meeting.slug}/delegations/"
    before = secretariat.get(dashboard).content.decode()

    request_change(accredited)
    page = secretariat.get(dashboard).content.decode()

    assert 'data-testid="change-requests">0<' in before
    assert 'data-testid="change-requests">1<' in page
    assert 'data-testid="change-requested"' in page


def test_the_secretariat_marks_a_request_as_handled(accredited):
    request_change(accredited)
    secretariat = signed_in("secretariat@example.org")
    accredited.refresh_from_db()

    response = secretariat.post(
        f"/delegations/{accredited.pk}/change-request/handled/",
        {"version": accredited.version},
        follow=True,
    )

    accredited.refresh_from_db()
    assert response.status_code == 200
    assert accredited.change_request == ""
    assert accredited.change_requested_at is None
    assert accredited.status == DelegationStatus.ACCREDITED
    assert LONG_CHANGE not in response.content.decode()
    assert accredited.history.filter(history_change_reason="Change request handled").exists()


def test_a_focal_point_cannot_mark_its_own_request_handled(accredited):
    request_change(accredited)

    response = signed_in("focal.pa@example.org").post(
        f"/delegations/{accredited.pk}/change-request/handled/", {"version": 1}
    )

    accredited.refresh_from_db()
    assert response.status_code == 403
    assert accredited.change_request == LONG_CHANGE


def test_returning_the_registration_closes_the_request(accredited):
    request_change(accredited)
    accredited.refresh_from_db()

    signed_in("secretariat@example.org").post(
        f"/delegations/{accredited.pk}/return/",
        {"reason": "Please add Mr Mendoza and his letter.", "version": accredited.version},
    )

    accredited.refresh_from_db()
    assert (accredited.status, accredited.change_request) == (DelegationStatus.RETURNED, "")


def test_the_focal_point_is_told_when_the_request_is_handled(
    accredited, django_capture_on_commit_callbacks
):
    request_change(accredited)
    accredited.refresh_from_db()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        signed_in("secretariat@example.org").post(
            f"/delegations/{accredited.pk}/change-request/handled/",
            {"version": accredited.version},
        )

    assert [message.to for message in mail.outbox] == [["focal.pa@example.org"]]
    body = mail.outbox[0].body
    assert "Carlos Mendoza" in body
    assert f"/delegations/{accredited.pk}/" in body


def test_the_accreditation_notice_gives_the_time_zone_and_the_link(
    demo_meeting, django_capture_on_commit_callbacks
):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")
    focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Ana Head", "head"))
    upload(focal, panama)
    panama.refresh_from_db()
    focal.post(f"/delegations/{panama.pk}/submit/", {"version": panama.version})
    panama.refresh_from_db()
    panama.focal_point.preferred_language = "en"
    panama.focal_point.save(update_fields=["preferred_language"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        signed_in("secretariat@example.org").post(
            f"/delegations/{panama.pk}/accredit/",
            {"presented_on": "2022-11-10", "presented_at": "09:30", "version": panama.version},
        )

    body = mail.outbox[0].body
    assert (
        "Credentials recorded as presented on Nov. 10, 2022 at 09:30 (Eastern Time, New York)."
        in body
    )
    assert ".." not in body
    assert f"/delegations/{panama.pk}/" in body
