"""A member reads the delegation's page only through an explicit, verified link.

The link is made when the member, signed in under a verified address equal to the
member's, confirms the focal point's invitation; or by the secretariat in the admin. An
address alone, primary or added later, opens nothing.
"""

import datetime
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from delegations.member_access import member_access_token_make, member_access_url
from delegations.models import Delegation, DelegationMember
from delegations.rules import can_view_delegation
from tests.factories import UserFactory, secretariat_user, user_with_role

MEMBER_EMAIL = "ana.delegate@example.org"


@pytest.fixture
def panama(demo_meeting):
    return Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")


@pytest.fixture
def member(panama):
    return DelegationMember.objects.create(
        delegation=panama, full_name="Ana Delegate", role="alternate", email=MEMBER_EMAIL
    )


def account(email, *, verified=True):
    user = user_with_role(Role.DELEGATE, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def registration_url(delegation):
    return reverse("delegations:registration", args=[delegation.pk])


def access_path(member):
    return reverse("delegations:member_access", args=[member_access_token_make(member=member)])


# The defect: read access followed an email address ---------------------------------------


def test_an_account_with_the_members_address_but_no_link_gets_404(client, panama, member):
    client.force_login(account(MEMBER_EMAIL.upper()))

    assert client.get(registration_url(panama)).status_code == 404


def test_an_added_and_confirmed_address_equal_to_the_members_opens_nothing(client, panama, member):
    user = account("someone@example.org")
    EmailAddress.objects.create(user=user, email=MEMBER_EMAIL, verified=True, primary=False)
    client.force_login(user)

    assert client.get(registration_url(panama)).status_code == 404


def test_rules_read_access_is_focal_point_secretariat_or_linked_account(panama, member):
    linked, stranger = account("linked@example.org"), account(MEMBER_EMAIL)
    member.account = linked
    member.save()
    panama = Delegation.objects.prefetch_related("members").get(pk=panama.pk)

    assert [
        can_view_delegation(user, panama)
        for user in (panama.focal_point, secretariat_user(), linked, stranger)
    ] == [True, True, True, False]


# The focal point invites a member -----------------------------------------------------------


def test_the_focal_point_invites_a_member_by_email(
    client, panama, member, django_capture_on_commit_callbacks
):
    client.force_login(panama.focal_point)
    url = reverse("delegations:member_invite", args=[panama.pk, member.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert response.status_code == 200
    assert "invitation to the portal is on its way" in response.content.decode()
    sent = [message for message in mail.outbox if MEMBER_EMAIL in message.to]
    assert len(sent) == 1
    assert "/delegations/member-access/" in sent[0].body


def test_the_registration_page_offers_the_invitation(client, panama, member):
    client.force_login(panama.focal_point)

    page = client.get(registration_url(panama)).content.decode()

    assert reverse("delegations:member_invite", args=[panama.pk, member.pk]) in page


def test_another_focal_point_cannot_invite_panamas_member(client, demo_meeting, panama, member):
    barbados = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="BB")
    client.force_login(barbados.focal_point)

    response = client.post(reverse("delegations:member_invite", args=[panama.pk, member.pk]))

    assert response.status_code == 404


def test_a_member_without_an_address_cannot_be_invited(client, panama, mailoutbox):
    member = DelegationMember.objects.create(delegation=panama, full_name="No Mail", role="adviser")
    client.force_login(panama.focal_point)

    response = client.post(
        reverse("delegations:member_invite", args=[panama.pk, member.pk]), follow=True
    )

    assert "has no email address" in response.content.decode()
    assert mailoutbox == []


# The member accepts -----------------------------------------------------------------------


def test_the_member_confirms_and_then_reads_the_delegation(client, panama, member):
    user = account(MEMBER_EMAIL.title())
    client.force_login(user)
    path = access_path(member)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == registration_url(panama)
    member.refresh_from_db()
    assert member.account == user
    assert client.get(registration_url(panama)).status_code == 200


def test_a_get_of_the_link_links_nothing(client, panama, member):
    client.force_login(account(MEMBER_EMAIL))

    client.get(access_path(member))

    member.refresh_from_db()
    assert member.account is None


def test_a_visitor_is_asked_to_sign_in_with_next(client, member):
    path = access_path(member)

    response = client.get(path)

    assert response.status_code == 200
    assert f"{reverse('account_login')}?{urlencode({'next': path})}" in response.content.decode()


def test_an_unverified_address_is_refused(client, member):
    client.force_login(account(MEMBER_EMAIL, verified=False))

    response = client.post(access_path(member))

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.account is None


def test_someone_under_another_address_is_refused(client, member):
    client.force_login(account("forwarded@example.org"))
    path = access_path(member)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == response.status_code == 403
    assert "was sent to another address" in page.content.decode()
    member.refresh_from_db()
    assert member.account is None


def test_a_forged_or_altered_link_is_refused(client, member):
    client.force_login(account(MEMBER_EMAIL))
    forged = signing.dumps(
        {"member": member.pk, "email": MEMBER_EMAIL, "expires": 4102444800}, salt="other"
    )

    responses = [
        client.post(reverse("delegations:member_access", args=[token]))
        for token in (forged, member_access_token_make(member=member)[:-3] + "abc")
    ]

    assert [response.status_code for response in responses] == [400, 400]
    member.refresh_from_db()
    assert member.account is None


def test_an_expired_link_is_refused(client, member, settings):
    client.force_login(account(MEMBER_EMAIL))
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    token = member_access_token_make(member=member, expires_at=long_ago)

    response = client.post(reverse("delegations:member_access", args=[token]))

    assert response.status_code == 410


def test_a_link_for_an_address_since_changed_is_refused(client, member):
    client.force_login(account(MEMBER_EMAIL))
    path = access_path(member)
    member.email = "changed@example.org"
    member.save()

    response = client.post(path)

    assert response.status_code == 410
    member.refresh_from_db()
    assert member.account is None


def test_a_members_edit_by_the_focal_point_keeps_the_link(client, panama, member):
    linked = account(MEMBER_EMAIL)
    member.account = linked
    member.save()
    client.force_login(panama.focal_point)

    client.post(
        reverse("delegations:member_edit", args=[panama.pk, member.pk]),
        {
            "full_name": "Ana Delegate",
            "position": "Adviser to the minister",
            "role": "alternate",
            "email": MEMBER_EMAIL,
            "preferred_language": "es",
            "attendance": "in_room",
            "version": member.version,
        },
    )

    member.refresh_from_db()
    assert (member.position, member.account) == ("Adviser to the minister", linked)


def test_the_link_is_absolute(member, settings):
    settings.SITE_URL = "https://cidi.example.org/"

    assert member_access_url(member=member).startswith(
        "https://cidi.example.org/delegations/member-access/"
    )


def test_the_admin_lets_the_secretariat_set_the_account(client, member):
    staff = secretariat_user(is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get(reverse("admin:delegations_delegationmember_change", args=[member.pk]))

    assert response.status_code == 200
    assert 'name="account"' in response.content.decode()


def test_a_user_factory_without_emailaddress_is_not_linked(client, panama, member):
    user = UserFactory(email=MEMBER_EMAIL)
    client.force_login(user)

    assert client.post(access_path(member)).status_code == 403
    assert client.get(registration_url(panama)).status_code == 404
    assert User.objects.filter(delegation_memberships__isnull=False).count() == 0


def test_my_delegations_leads_a_linked_member_to_the_delegation(client, panama, member):
    """A linked member was told "not the focal point of any delegation" and left there."""
    user = account(member.email)
    DelegationMember.objects.filter(pk=member.pk).update(account=user)
    client.force_login(user)

    response = client.get(reverse("delegations:my_delegations"))

    assert response.status_code == 302
    assert response["Location"] == registration_url(panama)


# The secretariat links (or unlinks) an account from the member's page --------------------


def account_url(member):
    return reverse("delegations:member_account", args=[member.delegation_id, member.pk])


def test_the_secretariat_links_the_account_that_confirmed_an_address(client, panama, member):
    ana = account("ana.private@example.org")
    client.force_login(secretariat_user())

    response = client.post(account_url(member), {"email": " Ana.Private@example.org "})

    member.refresh_from_db()
    assert response.status_code == 302
    assert member.account == ana
    reason = member.history.latest().history_change_reason
    assert reason == "Portal account linked by the secretariat"
    client.force_login(ana)
    assert client.get(registration_url(panama)).status_code == 200


def test_an_address_no_account_has_confirmed_is_refused_with_a_message(client, panama, member):
    account("ana.private@example.org", verified=False)
    client.force_login(secretariat_user())

    response = client.post(account_url(member), {"email": "ana.private@example.org"}, follow=True)

    member.refresh_from_db()
    assert member.account is None
    assert "No portal account has confirmed this address" in response.content.decode()


def test_the_secretariat_unlinks_an_account(client, panama, member):
    member.account = account(MEMBER_EMAIL)
    member.save(update_fields=["account"])
    client.force_login(secretariat_user())

    client.post(account_url(member), {"unlink": "1"})

    member.refresh_from_db()
    assert member.account is None


def test_a_focal_point_cannot_link_an_account_itself(client, panama, member):
    account("ana.private@example.org")
    client.force_login(panama.focal_point)

    response = client.post(account_url(member), {"email": "ana.private@example.org"})

    member.refresh_from_db()
    assert response.status_code == 403
    assert member.account is None


def test_the_member_page_offers_the_secretariat_the_link(client, panama, member):
    client.force_login(secretariat_user())

    page = client.get(reverse("delegations:member_edit", args=[panama.pk, member.pk]))

    assert f'action="{account_url(member)}"' in page.content.decode()
