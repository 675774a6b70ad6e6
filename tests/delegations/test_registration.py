import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import User
from delegations import services
from delegations.enums import DelegationStatus
from delegations.models import Delegation, DelegationMember
from tests.speakers.factories import PDF_BYTES  # a whole one-page PDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def delegation_of(meeting, iso2):
    return Delegation.objects.get(meeting=meeting, member_state__iso2=iso2)


def member_data(name, role="adviser", **extra):
    return {
        "protocol_title": "Ms.",
        "full_name": name,
        "position": "Adviser",
        "role": role,
        "email": "",
        "preferred_language": "es",
        "attendance": "in_room",
        "needs": "",
        **extra,
    }


def register(client, delegation, *names_and_roles):
    for name, role in names_and_roles:
        response = client.post(
            f"/delegations/{delegation.pk}/members/new/", member_data(name, role)
        )
        assert response.status_code == 302, response.content.decode()[:2000]


def upload(client, delegation, content=PDF_BYTES, name="nota.pdf"):
    return client.post(
        f"/delegations/{delegation.pk}/credentials/",
        {"letter": SimpleUploadedFile(name, content, "application/pdf")},
    )


def test_focal_point_registers_members_in_protocol_order(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    register(
        focal,
        panama,
        ("Ana Head", "head"),
        ("Luis Alternate", "alternate"),
        ("Eva Adviser", "adviser"),
    )

    assert list(panama.members.values_list("order", "full_name")) == [
        (1, "Ana Head"),
        (2, "Luis Alternate"),
        (3, "Eva Adviser"),
    ]
    eva = panama.members.get(full_name="Eva Adviser")
    focal.post(f"/delegations/{panama.pk}/members/{eva.pk}/move/up/")
    assert list(panama.members.order_by("order").values_list("full_name", flat=True)) == [
        "Ana Head",
        "Eva Adviser",
        "Luis Alternate",
    ]


def test_a_member_beyond_the_quota_is_refused_and_the_form_keeps_what_was_typed(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    panama.quota = 2
    panama.save()
    focal = signed_in("focal.pa@example.org")
    register(focal, panama, ("Ana Head", "head"), ("Luis Alternate", "alternate"))

    response = focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Third Person"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Your delegation has 2 seats for this meeting and all of them are taken." in page
    assert 'value="Third Person"' in page
    assert panama.members.count() == 2


def test_after_the_deadline_focal_points_are_read_only_and_the_secretariat_can_edit(demo_meeting):
    demo_meeting.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    demo_meeting.save()
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    response = focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Late Member"))
    page = focal.get(f"/delegations/{panama.pk}/").content.decode()

    assert "The registration deadline has passed" in response.content.decode()
    assert 'value="Late Member"' in response.content.decode()
    assert "your registration is shown read-only" in page
    assert "Register a member" not in page
    assert not panama.members.exists()
    secretariat = signed_in("secretariat@example.org")
    register(secretariat, panama, ("Late Member", "head"))
    assert panama.members.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 200, "credentials.pdf", "This file is not a PDF document"),
        (b"PK\x03\x04" + b"0" * 200, "credentials.pdf", "This file is not a PDF document"),
        (b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10), "big.pdf", "the limit is 10.0"),
    ],
)
def test_bad_credentials_files_are_refused_with_a_clear_message(
    demo_meeting, content, name, message
):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    response = upload(focal, panama, content, name)

    assert message in response.content.decode()
    assert not panama.credentials_letters.exists()


def test_credentials_are_stored_under_a_new_name_and_served_only_to_their_delegation(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    upload(signed_in("focal.pa@example.org"), panama, name="Nota verbal Panamá.pdf")
    letter = panama.credentials_letters.get()
    url = f"/delegations/{panama.pk}/credentials/{letter.pk}/"

    assert letter.file.name.startswith("credentials/") and "Panam" not in letter.file.name
    assert signed_in("focal.pa@example.org").get(url).status_code == 200
    assert signed_in("secretariat@example.org").get(url).status_code == 200
    assert signed_in("focal.bb@example.org").get(url).status_code == 404
    assert signed_in("moderator@example.org").get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_another_delegations_pages_answer_404(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    member = DelegationMember.objects.create(delegation=panama, full_name="Ana", role="head")
    barbados_focal = signed_in("focal.bb@example.org")

    for response in [
        barbados_focal.get(f"/delegations/{panama.pk}/"),
        barbados_focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Intruder")),
        barbados_focal.get(f"/delegations/{panama.pk}/members/{member.pk}/"),
        barbados_focal.post(f"/delegations/{panama.pk}/members/{member.pk}/delete/"),
        barbados_focal.post(f"/delegations/{panama.pk}/submit/", {"version": panama.version}),
    ]:
        assert response.status_code == 404
    assert list(panama.members.values_list("full_name", flat=True)) == ["Ana"]


def test_focal_points_cannot_accredit_or_change_their_quota(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    accredit = focal.post(f"/delegations/{panama.pk}/accredit/", {"version": panama.version})
    quota = focal.post(f"/delegations/{panama.pk}/quota/", {"quota": 50, "version": panama.version})

    assert (accredit.status_code, quota.status_code) == (403, 403)
    panama.refresh_from_db()
    assert (panama.status, panama.quota) == (DelegationStatus.REGISTERING, 5)


def test_submission_needs_a_head_and_credentials(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")

    response = focal.post(
        f"/delegations/{panama.pk}/submit/", {"version": panama.version}, follow=True
    )

    assert "Register the head of delegation before submitting." in response.content.decode()
    register(focal, panama, ("Ana Head", "head"))
    upload(focal, panama)
    focal.post(f"/delegations/{panama.pk}/submit/", {"version": panama.version})
    panama.refresh_from_db()
    assert panama.status == DelegationStatus.SUBMITTED
    assert panama.credentials_presented_at is not None


def test_accreditation_and_return_notify_the_focal_point_and_are_kept_in_history(
    demo_meeting, django_capture_on_commit_callbacks
):
    panama = delegation_of(demo_meeting, "PA")
    secretariat = signed_in("secretariat@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/delegations/{panama.pk}/return/",
            {"reason": "The letter is not signed.", "version": panama.version},
        )
    panama.refresh_from_db()
    assert (panama.status, panama.return_reason) == (
        DelegationStatus.RETURNED,
        "The letter is not signed.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/delegations/{panama.pk}/accredit/",
            {"presented_on": "2022-11-10", "presented_at": "09:30", "version": panama.version},
        )

    panama.refresh_from_db()
    assert panama.status == DelegationStatus.ACCREDITED
    assert (
        panama.credentials_presented_at.astimezone(demo_meeting.tzinfo).strftime("%Y-%m-%d %H:%M")
        == "2022-11-10 09:30"
    )
    assert [m.to for m in mail.outbox] == [["focal.pa@example.org"]] * 2
    assert "not signed" in mail.outbox[0].body
    assert list(panama.history.order_by("history_date").values_list("status", flat=True))[-2:] == [
        "returned",
        "accredited",
    ]


def test_stale_accreditation_form_is_refused(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    stale = panama.version
    services.delegation_return(delegation=panama, reason="Fix", expected_version=stale)

    response = signed_in("secretariat@example.org").post(
        f"/delegations/{panama.pk}/accredit/",
        {"presented_on": "2022-11-10", "presented_at": "09:30", "version": stale},
        follow=True,
    )

    assert "Someone else changed this in the meantime" in response.content.decode()
    panama.refresh_from_db()
    assert panama.status == DelegationStatus.RETURNED


def test_secretariat_adds_an_organizations_delegation_with_its_quota(demo_meeting):
    from delegations.models import Organization

    eclac = Organization.objects.get(acronym="ECLAC")
    secretariat = signed_in("secretariat@example.org")

    secretariat.post(
        f"/secretariat/meetings/{demo_meeting.slug}/delegations/new/", {"organization": eclac.pk}
    )
    response = secretariat.post(
        f"/secretariat/meetings/{demo_meeting.slug}/delegations/new/", {}, follow=True
    )

    assert Delegation.objects.get(meeting=demo_meeting, organization=eclac).quota == 1
    assert "Choose either a member state or an organization." in response.content.decode()


def test_the_secretariat_sets_the_deadlines_in_the_meetings_time_zone(demo_meeting):
    secretariat = signed_in("secretariat@example.org")

    secretariat.post(
        f"/secretariat/meetings/{demo_meeting.slug}/delegations/",
        {
            "version": demo_meeting.version,
            "precedence": "alphabetical_en",
            "quota_member_state": 5,
            "quota_observer": 2,
            "quota_organization": 1,
            "deadline_date": "2022-11-10",
            "deadline_time": "18:00",
            "practice_deadline_date": "2022-11-12",
            "confirmation_deadline_date": "2022-11-14",
            "confirmation_deadline_time": "12:00",
        },
    )

    demo_meeting.refresh_from_db()
    local = {
        name: getattr(demo_meeting, name).astimezone(demo_meeting.tzinfo).strftime("%Y-%m-%d %H:%M")
        for name in ("registration_deadline", "practice_deadline", "speaker_confirmation_deadline")
    }
    assert local == {
        "registration_deadline": "2022-11-10 18:00",
        "practice_deadline": "2022-11-12 23:59",
        "speaker_confirmation_deadline": "2022-11-14 12:00",
    }
    assert demo_meeting.precedence == "alphabetical_en"
