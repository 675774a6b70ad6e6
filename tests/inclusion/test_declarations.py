"""A person reads, changes and deletes their own declaration, and nobody else's."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from delegations.models import DelegationMember
from inclusion.declarations.services import declaration_save
from inclusion.enums import Gender, Group
from inclusion.models import SelfDeclaration
from speakers.enums import SlotStatus
from speakers.tokens import invitation_token_make
from tests.delegations.factories import DelegationFactory
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    UserFactory,
    secretariat_user,
    user_with_role,
)
from tests.speakers.factories import SpeakerInvitationFactory

pytestmark = pytest.mark.django_db

MINE = "/me/self-declaration/"


def page(response):
    return response.content.decode()


def person_url(person):
    return reverse("inclusion:declaration_person", kwargs={"pk": person.pk})


def member_url(member):
    return reverse("inclusion:declaration_member", kwargs={"pk": member.pk})


def answers(prefix, gender="", groups=()):
    """Return the POST data of a declaration form with the prefix ``prefix``."""
    data = {f"{prefix}-gender": gender}
    if groups:
        data[f"{prefix}-groups"] = list(groups)
    return data


def declaration_of(**owner):
    return SelfDeclaration.objects.filter(**owner).first()


@pytest.fixture
def meeting():
    return MeetingFactory(title="CIDI dialogue on social protection")


@pytest.fixture
def delegate():
    return user_with_role(Role.DELEGATE, email="ana@example.org")


@pytest.fixture
def speaker_record(delegate, meeting):
    """Ana's speaker record: she speaks at the meeting."""
    person = PersonFactory(full_name="Ana Pérez", user=delegate)
    SpeakerSlotFactory(person=person, segment=SegmentFactory(meeting=meeting))
    return person


@pytest.fixture
def focal_point():
    return user_with_role(Role.DELEGATE, email="focal.pa@example.org")


@pytest.fixture
def membership(delegate, meeting, focal_point):
    """Ana as a member of the delegation whose focal point is ``focal_point``."""
    delegation = DelegationFactory(meeting=meeting, focal_point=focal_point)
    return DelegationMember.objects.create(
        delegation=delegation, full_name="Ana Pérez", role="head", account=delegate
    )


# The person's own page ------------------------------------------------------------------


def test_the_page_lists_the_users_records_with_their_meetings_and_delegations(
    client, delegate, speaker_record, membership
):
    client.force_login(delegate)

    response = client.get(MINE)

    text = page(response)
    assert response.status_code == 200
    assert [entry["record"].prefix for entry in response.context["entries"]] == [
        f"person-{speaker_record.pk}",
        f"member-{membership.pk}",
    ]
    assert "CIDI dialogue on social protection" in text
    assert f"{membership.delegation.name} · CIDI dialogue on social protection" in text
    assert "As a speaker" in text
    assert "As a delegation member" in text
    assert "Only you and the OAS secretariat can read your answers." in text
    assert "fewer than 5" in text
    assert "never included in lists or exports" in text
    assert "change or delete your answers at any time" in text


def test_the_form_has_a_fieldset_of_radio_buttons_and_one_of_checkboxes(
    client, delegate, speaker_record
):
    client.force_login(delegate)

    text = page(client.get(MINE))

    assert text.count("<fieldset") == 2
    assert re.search(r"<legend[^>]*>\s*Gender\s*</legend>", text)
    assert re.search(r"<legend[^>]*>\s*Groups you belong to\s*</legend>", text)
    assert text.count('type="radio"') == len(Gender.values) + 1
    assert text.count('type="checkbox"') == len(Group.values)
    assert "No answer" in text
    assert "Prefer not to say" in text
    # Nothing declared yet: "No answer" is the one chosen, no Delete button.
    assert re.search(r'value=""[^>]*checked', text)
    assert "Delete my answers" not in text


def test_the_speaker_saves_and_changes_their_answers(client, delegate, speaker_record):
    client.force_login(delegate)
    prefix = f"person-{speaker_record.pk}"

    saved = client.post(person_url(speaker_record), answers(prefix, "woman", ["indigenous"]))
    changed = client.post(
        person_url(speaker_record), answers(prefix, "undisclosed", ["older", "youth"]), follow=True
    )

    assert saved.status_code == 302
    assert saved["Location"] == f"{MINE}#{prefix}"
    declaration = declaration_of(person=speaker_record)
    assert declaration.gender == Gender.UNDISCLOSED
    assert declaration.groups == ["older", "youth"]
    assert SelfDeclaration.objects.count() == 1
    text = page(changed)
    assert "Your answers are saved." in text
    assert re.search(r'value="undisclosed"[^>]*checked', text)
    assert re.search(r'value="youth"[^>]*checked', text)
    assert "Delete my answers" in text


def test_the_member_saves_then_deletes_their_answers(client, delegate, membership):
    client.force_login(delegate)
    prefix = f"member-{membership.pk}"
    client.post(member_url(membership), answers(prefix, "man", ["disability"]))
    assert declaration_of(member=membership).groups == ["disability"]

    response = client.post(member_url(membership), {"delete": "1"}, follow=True)

    assert declaration_of(member=membership) is None
    assert "Your answers are deleted; no copy is kept." in page(response)


def test_a_speaker_record_and_a_membership_keep_answers_of_their_own(
    client, delegate, speaker_record, membership
):
    client.force_login(delegate)

    client.post(person_url(speaker_record), answers(f"person-{speaker_record.pk}", "woman"))
    client.post(member_url(membership), answers(f"member-{membership.pk}", "", ["youth"]))
    client.post(person_url(speaker_record), {"delete": "1"})

    assert declaration_of(person=speaker_record) is None
    assert declaration_of(member=membership).groups == ["youth"]


def test_a_post_with_no_values_at_all_creates_nothing(client, delegate, speaker_record):
    client.force_login(delegate)

    response = client.post(person_url(speaker_record), {}, follow=True)

    assert SelfDeclaration.objects.count() == 0
    assert "You left every question unanswered: nothing is kept." in page(response)


def test_leaving_every_question_unanswered_deletes_the_answers_there_were(
    client, delegate, membership
):
    SelfDeclaration.objects.create(member=membership, gender=Gender.WOMAN, youth=True)
    client.force_login(delegate)

    client.post(member_url(membership), answers(f"member-{membership.pk}", ""))

    assert SelfDeclaration.objects.count() == 0


def test_prefer_not_to_say_is_an_answer_kept(client, delegate, speaker_record):
    client.force_login(delegate)

    client.post(person_url(speaker_record), answers(f"person-{speaker_record.pk}", "undisclosed"))

    declaration = declaration_of(person=speaker_record)
    assert declaration.gender == Gender.UNDISCLOSED
    assert declaration.groups == []


def test_deleting_when_nothing_is_recorded_says_so(client, delegate, speaker_record):
    client.force_login(delegate)

    response = client.post(person_url(speaker_record), {"delete": "1"}, follow=True)

    assert "There were no answers to delete." in page(response)


BAD_INPUT = {
    "unknown gender": ("robot", ["youth"], "Choose one of the answers offered."),
    "unknown group": (
        "woman",
        ["youth", "<script>alert(1)</script>"],
        "Choose only among the groups offered.",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_the_answers_typed_are_kept(
    client, delegate, speaker_record, case
):
    gender, groups, message = BAD_INPUT[case]
    SelfDeclaration.objects.create(person=speaker_record, gender=Gender.MAN)
    client.force_login(delegate)
    prefix = f"person-{speaker_record.pk}"

    response = client.post(person_url(speaker_record), answers(prefix, gender, groups))

    text = page(response)
    assert response.status_code == 200
    assert message in text
    assert "There is a problem" in text
    assert "<script>alert(1)</script>" not in text
    assert re.search(r'value="youth"[^>]*checked', text)
    assert declaration_of(person=speaker_record).gender == Gender.MAN
    assert declaration_of(person=speaker_record).groups == []


# Nobody else ----------------------------------------------------------------------------


def _others(focal_point):
    return {
        "focal point of the member's delegation": focal_point,
        "another delegate": user_with_role(Role.DELEGATE),
        "moderator": user_with_role(Role.MODERATOR),
        "secretariat": secretariat_user(),
    }


@pytest.mark.parametrize(
    "who",
    ["focal point of the member's delegation", "another delegate", "moderator", "secretariat"],
)
def test_nobody_else_reads_or_writes_the_persons_answers(
    client, speaker_record, membership, focal_point, who
):
    SelfDeclaration.objects.create(person=speaker_record, gender=Gender.WOMAN)
    SelfDeclaration.objects.create(member=membership, gender=Gender.WOMAN, youth=True)
    client.force_login(_others(focal_point)[who])

    listed = client.get(MINE)
    person_saved = client.post(
        person_url(speaker_record), answers(f"person-{speaker_record.pk}", "man")
    )
    member_saved = client.post(member_url(membership), answers(f"member-{membership.pk}", "man"))
    member_deleted = client.post(member_url(membership), {"delete": "1"})

    assert listed.status_code == 200
    assert listed.context["entries"] == []
    assert "Ana Pérez" not in page(listed)
    assert [person_saved.status_code, member_saved.status_code, member_deleted.status_code] == [
        404,
        404,
        404,
    ]
    assert declaration_of(person=speaker_record).gender == Gender.WOMAN
    assert declaration_of(member=membership).gender == Gender.WOMAN


def test_a_record_of_another_kind_with_the_same_number_is_not_the_users(
    client, delegate, speaker_record
):
    """A member whose number is that of the user's speaker record is still someone else's."""
    other = DelegationFactory(meeting=MeetingFactory())
    member = DelegationMember.objects.create(
        delegation=other, full_name="Someone else", role="head", pk=speaker_record.pk
    )
    client.force_login(delegate)

    response = client.post(member_url(member), answers(f"member-{member.pk}", "woman"))

    assert response.status_code == 404
    assert SelfDeclaration.objects.count() == 0


def test_visitors_are_sent_to_sign_in(client, speaker_record):
    listed = client.get(MINE)
    saved = client.post(person_url(speaker_record), answers(f"person-{speaker_record.pk}", "man"))

    assert listed.status_code == 302
    assert listed["Location"].startswith(reverse("account_login"))
    assert saved.status_code == 302
    assert SelfDeclaration.objects.count() == 0


def test_a_record_url_takes_posts_only(client, delegate, speaker_record):
    client.force_login(delegate)

    assert client.get(person_url(speaker_record)).status_code == 405


def test_an_account_without_records_is_told_so(client):
    client.force_login(UserFactory())

    response = client.get(MINE)

    assert response.status_code == 200
    assert "there is nothing to declare here" in page(response)


@pytest.mark.parametrize("records", [1, 4])
def test_the_page_runs_a_fixed_number_of_queries(
    client, delegate, meeting, records, django_assert_num_queries
):
    for index in range(records):
        if index % 2 == 0:
            person = PersonFactory(user=delegate)
            for _ in range(2):
                SpeakerSlotFactory(person=person, segment=SegmentFactory(meeting=MeetingFactory()))
            SelfDeclaration.objects.create(person=person, gender=Gender.WOMAN)
        else:
            member = DelegationMember.objects.create(
                delegation=DelegationFactory(meeting=MeetingFactory()),
                full_name=f"Member {index}",
                role="head",
                account=delegate,
            )
            SelfDeclaration.objects.create(member=member, youth=True)
    client.force_login(delegate)

    # Session, user, the user's roles, speaker records, their slots, memberships.
    with django_assert_num_queries(6):
        response = client.get(MINE)

    assert len(response.context["entries"]) == records


# Through the invitation's link -----------------------------------------------------------


@pytest.fixture
def invitation(meeting):
    slot = SpeakerSlotFactory(
        segment=SegmentFactory(meeting=meeting),
        status=SlotStatus.INVITED,
        person=PersonFactory(full_name="Beatriz Núñez", email="beatriz@example.org"),
    )
    return SpeakerInvitationFactory(slot=slot, email="beatriz@example.org")


def declaration_path(invitation, token=None):
    token = token or invitation_token_make(invitation=invitation)
    return reverse("inclusion:declaration_invitation", kwargs={"token": token})


def test_the_invitation_page_links_to_the_declaration(client, invitation):
    token = invitation_token_make(invitation=invitation)

    response = client.get(reverse("speakers:invitation", kwargs={"token": token}))

    assert f'href="{declaration_path(invitation, token)}"' in page(response)


def test_the_speaker_declares_through_the_invitations_link(client, invitation):
    path = declaration_path(invitation)
    person = invitation.slot.person
    prefix = f"person-{person.pk}"

    shown = client.get(path)
    saved = client.post(path, answers(prefix, "another", ["afro_descendant"]), follow=True)

    assert shown.status_code == 200
    assert "Only you and the OAS secretariat can read your answers." in page(shown)
    assert "Beatriz Núñez" in page(shown)
    assert saved.redirect_chain == [(path, 302)]
    assert "Your answers are saved." in page(saved)
    declaration = declaration_of(person=person)
    assert declaration.gender == Gender.ANOTHER
    assert declaration.groups == ["afro_descendant"]


def test_the_speaker_deletes_through_the_invitations_link(client, invitation):
    SelfDeclaration.objects.create(person=invitation.slot.person, older=True)

    response = client.post(declaration_path(invitation), {"delete": "1"})

    assert response.status_code == 302
    assert SelfDeclaration.objects.count() == 0


def test_an_empty_post_through_the_link_creates_nothing(client, invitation):
    client.post(declaration_path(invitation), {})

    assert SelfDeclaration.objects.count() == 0


def test_bad_input_through_the_link_keeps_the_answers_typed(client, invitation):
    prefix = f"person-{invitation.slot.person_id}"

    response = client.post(declaration_path(invitation), answers(prefix, "robot", ["older"]))

    assert response.status_code == 200
    assert "Choose one of the answers offered." in page(response)
    assert re.search(r'value="older"[^>]*checked', page(response))
    assert SelfDeclaration.objects.count() == 0


def test_the_invited_speaker_signed_in_under_their_address_may_declare(client, invitation):
    client.force_login(UserFactory(email="beatriz@example.org"))

    assert client.get(declaration_path(invitation)).status_code == 200


def test_the_link_is_refused_under_another_account(client, invitation):
    client.force_login(UserFactory(email="colleague@example.org"))
    path = declaration_path(invitation)
    prefix = f"person-{invitation.slot.person_id}"

    shown = client.get(path)
    saved = client.post(path, answers(prefix, "woman"))

    assert shown.status_code == 403
    assert "This invitation is addressed to someone else" in page(shown)
    assert saved.status_code == 403
    assert SelfDeclaration.objects.count() == 0


def test_an_expired_or_withdrawn_link_is_refused(client, invitation):
    prefix = f"person-{invitation.slot.person_id}"
    invitation.expires_at = timezone.now() - datetime.timedelta(days=1)
    invitation.save()
    expired = client.post(declaration_path(invitation), answers(prefix, "woman"))
    invitation.expires_at = timezone.now() + datetime.timedelta(days=1)
    invitation.revoked_at = timezone.now()
    invitation.save()
    withdrawn = client.get(declaration_path(invitation))

    assert expired.status_code == 410
    assert "This invitation has expired" in page(expired)
    assert withdrawn.status_code == 410
    assert SelfDeclaration.objects.count() == 0


def test_an_altered_link_is_refused(client, invitation):
    token = invitation_token_make(invitation=invitation)

    response = client.get(declaration_path(invitation, token[:-6]))

    assert response.status_code == 400
    assert "This invitation link is not valid" in page(response)


# Links ----------------------------------------------------------------------------------


def test_the_delegations_page_links_a_member_to_their_declaration(client, delegate, membership):
    client.force_login(delegate)

    response = client.get(reverse("delegations:my_delegations"), follow=True)

    assert f'href="{MINE}"' in page(response)


# The service ------------------------------------------------------------------------------


def test_the_service_refuses_what_the_form_does_not_offer(speaker_record):
    with pytest.raises(ValidationError):
        declaration_save(owner=speaker_record, gender="robot", groups=[])
    with pytest.raises(ValidationError):
        declaration_save(owner=speaker_record, gender="", groups=["veterans"])

    assert SelfDeclaration.objects.count() == 0
