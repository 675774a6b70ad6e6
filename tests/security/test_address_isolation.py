"""An address added and confirmed through the account pages opens no delegation.

Read access to a delegation follows ``DelegationMember.account`` (delegations.rules,
delegations.member_access), set only when the member confirms the focal point's
invitation. These tests go through allauth's own pages (/accounts/email/ and the
confirmation link), as someone would who wants to read another delegation.
"""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core.files.base import ContentFile
from django.test import Client

from accounts.enums import Role
from accounts.models import User
from delegations.member_access import member_access_token_make
from delegations.models import CredentialsLetter, Delegation, DelegationMember
from tests.factories import user_with_role

EDITOR = "/secretariat/meetings/social-safety-nets/"
BARBADOS_MEMBER = "kemar.member@example.org"
PANAMA_MEMBER = "ana.member@example.org"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def delegation_of(meeting, iso2):
    return Delegation.objects.get(meeting=meeting, member_state__iso2=iso2)


def account(email):
    user = user_with_role(Role.DELEGATE, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def add_and_confirm(client, email):
    """Add ``email`` on the account's address page and open its confirmation link.

    The confirmation mail goes through the workers' outbox once the request commits;
    the key it carries is the one allauth makes for the address (HMAC confirmations).
    """
    response = client.post("/accounts/email/", {"email": email, "action_add": ""})
    assert response.status_code == 302, response.status_code
    key = EmailConfirmationHMAC(EmailAddress.objects.get(email=email)).key
    client.post(f"/accounts/confirm-email/{key}/")
    assert EmailAddress.objects.get(email=email).verified


def remove_address(client, email):
    client.post("/accounts/email/", {"email": email, "action_remove": ""})
    assert not EmailAddress.objects.filter(email=email).exists()


def delegation_pages(delegation):
    """Return the paths of a delegation's pages that only its readers may open."""
    letter = CredentialsLetter.objects.create(
        delegation=delegation,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="credentials/letter.pdf"),
        original_name="letter.pdf",
        size=16,
    )
    base = f"/delegations/{delegation.pk}/"
    return [
        base,
        f"{base}credentials/{letter.pk}/",
        f"{base}members/{delegation.members.first().pk}/",
        f"{base}floor/new/",
        f"{base}practices/",
        f"{base}cooperation/",
    ]


def statuses(client, paths):
    return {path: client.get(path).status_code for path in paths}


@pytest.mark.parametrize("who", ["delegate", "focal_point_a"])
def test_a_confirmed_address_equal_to_another_delegations_member_opens_nothing(demo_meeting, who):
    barbados = delegation_of(demo_meeting, "BB")
    DelegationMember.objects.create(
        delegation=barbados, full_name="Kemar", role="head", email=BARBADOS_MEMBER
    )
    user = (
        account("curious@example.org")
        if who == "delegate"
        else User.objects.get(email="focal.pa@example.org")
    )
    client = signed_in(user)
    pages = delegation_pages(barbados)

    add_and_confirm(client, BARBADOS_MEMBER)

    assert set(statuses(client, pages).values()) == {404}
    assert client.get(f"{EDITOR}participants/").status_code == 403
    assert not DelegationMember.objects.filter(account=user).exists()


def test_after_the_invitation_is_accepted_addresses_change_nothing(demo_meeting):
    panama, barbados = delegation_of(demo_meeting, "PA"), delegation_of(demo_meeting, "BB")
    member = DelegationMember.objects.create(
        delegation=panama, full_name="Ana", role="adviser", email=PANAMA_MEMBER
    )
    DelegationMember.objects.create(
        delegation=barbados, full_name="Kemar", role="head", email=BARBADOS_MEMBER
    )
    user = account(PANAMA_MEMBER)
    client = signed_in(user)
    client.post(f"/delegations/member-access/{member_access_token_make(member=member)}/")
    member.refresh_from_db()
    assert member.account == user
    panama_pages, barbados_pages = delegation_pages(panama), delegation_pages(barbados)
    reads_panama = client.get(f"/delegations/{panama.pk}/").status_code
    assert reads_panama == 200

    add_and_confirm(client, BARBADOS_MEMBER)
    after_adding = statuses(client, barbados_pages)
    remove_address(client, BARBADOS_MEMBER)
    add_and_confirm(client, "ana.other@example.org")
    client.post("/accounts/email/", {"email": "ana.other@example.org", "action_primary": ""})
    remove_address(client, PANAMA_MEMBER)

    assert set(after_adding.values()) == {404}
    assert set(statuses(client, barbados_pages).values()) == {404}
    assert client.get(f"/delegations/{panama.pk}/").status_code == reads_panama
    member.refresh_from_db()
    assert member.account == user
    assert not DelegationMember.objects.filter(delegation=barbados, account=user).exists()
    # What the member read before, they read still: the link is the account, not an address.
    assert statuses(client, panama_pages[:1]) == {panama_pages[0]: 200}
