"""Focal point invitations: sending them, the emailed link, and sign-up through it."""

import datetime
import zoneinfo
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from delegations import tasks
from delegations.enums import DelegationStatus
from delegations.invitations import services
from delegations.invitations.links import (
    invitation_path,
    invitation_token_make,
    invitation_token_read,
    my_delegations_url,
)
from delegations.models import Delegation, FocalPointInvitation, MemberState
from tests.delegations.factories import (
    DelegationFactory,
    FocalPointInvitationFactory,
    member_states,
    organization_delegation,
)
from tests.factories import MeetingFactory, UserFactory, secretariat_user, user_with_role
from tests.test_worker import real_worker, wait_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
SIGNUP_FORM = "delegations.invitations.signup.InvitationSignupForm"


@pytest.fixture(autouse=True)
def invitation_signup_form(settings):
    """The sign-up form of invitations (the line cidi_meeting/settings.py receives)."""
    settings.ACCOUNT_FORMS = {"signup": SIGNUP_FORM}


def page(response):
    return response.content.decode()


def secretariat_path(meeting, name, **kwargs):
    return reverse(f"delegations:{name}", kwargs={"slug": meeting.slug, **kwargs})


def email_link_path(message):
    """Return the path of the invitation link in an email's body, without its language.

    The link opens the page in the email's language (``/es/delegations/invitation/…``);
    the tests follow it in English.
    """
    link = next(line for line in message.body.splitlines() if "/delegations/invitation/" in line)
    language = message.extra_headers["Content-Language"]
    prefix = "" if language == "en" else f"/{language}"
    assert link.startswith(f"http://127.0.0.1:8000{prefix}/delegations/invitation/")
    return urlsplit(link).path.removeprefix(prefix)


def open_invitation(meeting, iso2, email):
    """Return an open invitation of the state's delegation to ``meeting``, already sent."""
    delegation, _created = Delegation.objects.get_or_create(
        meeting=meeting, member_state=MemberState.objects.get(iso2=iso2)
    )
    return FocalPointInvitationFactory(delegation=delegation, email=email)


# Bulk invitation ------------------------------------------------------------------------


def test_bulk_page_proposes_the_states_not_invited_with_their_last_address(client, demo_meeting):
    open_invitation(demo_meeting, "AR", "cancilleria@example.org")
    earlier_meeting = MeetingFactory(date=datetime.date(2021, 6, 1))
    open_invitation(earlier_meeting, "CL", "previous.focal@example.org")
    client.force_login(secretariat_user())

    response = client.get(secretariat_path(demo_meeting, "invite_bulk"))

    assert response.status_code == 200
    form = response.context["form"]
    proposed = [state.iso2 for state in form.states]
    assert proposed[:3] == ["AG", "BS", "BB"]  # Spanish order: Argentina is invited
    assert "AR" not in proposed
    assert {"CU", "NI"}.isdisjoint(proposed)  # they do not take part
    assert len(proposed) == MemberState.objects.filter(participates=True).count() - 1
    assert form["email_cl"].value() == "previous.focal@example.org"
    assert form["email_pa"].value() == "focal.pa@example.org"  # the account of the focal point
    assert form["email_ag"].value() == ""
    text = page(response)
    assert "1 member state already invited is not listed:" in text
    assert 'for="id_email_bb">Barbados</label>' in text


def test_bulk_invite_creates_the_missing_delegations_and_emails_each_address(
    client, demo_meeting, django_capture_on_commit_callbacks
):
    demo_meeting.quota_member_state = 4
    demo_meeting.save()
    officer = secretariat_user()
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            secretariat_path(demo_meeting, "invite_bulk"),
            {
                "language": "es",
                "email_ag": "focal.antigua@example.org",
                "email_ar": "Focal.Argentina@example.org",
                "email_bb": "focal.bb@example.org",
                "email_do": "",
            },
            follow=True,
        )

    assert response.redirect_chain == [(secretariat_path(demo_meeting, "invitations"), 302)]
    assert "3 invitations are on their way." in page(response)
    antigua = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="AG")
    assert (antigua.status, antigua.quota) == (DelegationStatus.INVITED, 4)
    assert antigua.history.count() == 1
    barbados = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="BB")
    assert barbados.status == DelegationStatus.REGISTERING  # it existed: left as it was
    invitations = FocalPointInvitation.objects.filter(delegation__meeting=demo_meeting)
    assert sorted(invitations.values_list("email", flat=True)) == [
        "Focal.Argentina@example.org",
        "focal.antigua@example.org",
        "focal.bb@example.org",
    ]
    assert all(
        invitation.sent_at and invitation.created_by == officer for invitation in invitations
    )
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "Focal.Argentina@example.org",
        "focal.antigua@example.org",
        "focal.bb@example.org",
    ]
    antigua_email = next(m for m in mail.outbox if m.to == ["focal.antigua@example.org"])
    assert antigua_email.extra_headers["Content-Language"] == "es"
    assert antigua_email.subject.startswith("[CIDI] ")
    assert "Antigua y Barbuda" in antigua_email.body
    # Barbados's focal point has an account in English: the email follows the account.
    barbados_email = next(m for m in mail.outbox if m.to == ["focal.bb@example.org"])
    assert barbados_email.extra_headers["Content-Language"] == "en"
    assert "focal point of the delegation of Barbados" in barbados_email.body
    assert "sign in with this address to accept" in barbados_email.body
    dominican_republic = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="DO")
    assert not dominican_republic.invitations.exists()


def test_bulk_invite_without_any_address_says_so_and_sends_nothing(client, demo_meeting):
    client.force_login(secretariat_user())

    response = client.post(secretariat_path(demo_meeting, "invite_bulk"), {"email_pa": ""})

    assert response.status_code == 200
    assert "Fill in the address of at least one focal point." in page(response)
    assert 'role="alert"' in page(response)
    assert not FocalPointInvitation.objects.exists()


def test_bulk_invite_refuses_a_malformed_address_and_keeps_what_was_typed(client, demo_meeting):
    client.force_login(secretariat_user())

    response = client.post(
        secretariat_path(demo_meeting, "invite_bulk"),
        {"email_ag": "not an address", "email_ar": "focal.argentina@example.org"},
    )

    text = page(response)
    assert response.status_code == 200
    assert 'href="#id_email_ag">Antigua and Barbuda</a>: Enter a valid email address.' in text
    assert 'value="focal.argentina@example.org"' in text
    assert not FocalPointInvitation.objects.exists()
    assert not Delegation.objects.filter(meeting=demo_meeting, member_state__iso2="AR").exists()


def test_bulk_page_says_when_every_state_is_invited(client, demo_meeting):
    for state in member_states():
        open_invitation(demo_meeting, state.iso2, f"focal.{state.iso2.lower()}@example.org")
    client.force_login(secretariat_user())

    response = client.get(secretariat_path(demo_meeting, "invite_bulk"))

    assert "Every participating member state has been invited to this meeting." in page(response)


# One by one, and re-sending -------------------------------------------------------------


def test_secretariat_invites_an_organization_focal_point_in_the_chosen_language(
    client, demo_meeting, django_capture_on_commit_callbacks
):
    eclac = organization_delegation(demo_meeting)
    client.force_login(secretariat_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            secretariat_path(demo_meeting, "invite", pk=eclac.pk),
            {"email": "protocolo@example.org", "language": "en"},
            follow=True,
        )

    assert "Invitation for Economic Commission for Latin America" in page(response)
    assert "sent to protocolo@example.org" in page(response)
    [message] = mail.outbox
    assert message.to == ["protocolo@example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert "focal point of the delegation of the Economic Commission" in message.body
    assert "it works only for protocolo@example.org" in message.body
    assert eclac.invitations.get().sent_at is not None


def test_inviting_another_address_revokes_the_open_invitation(client, demo_meeting):
    earlier = open_invitation(demo_meeting, "UY", "old.focal@example.org")
    client.force_login(secretariat_user())

    client.post(
        secretariat_path(demo_meeting, "invite", pk=earlier.delegation_id),
        {"email": "new.focal@example.org"},
    )

    earlier.refresh_from_db()
    assert earlier.revoked_at is not None
    latest = earlier.delegation.invitations.first()
    assert (latest.email, latest.revoked_at) == ("new.focal@example.org", None)


def test_invite_refuses_a_malformed_address(client, demo_meeting):
    delegation = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="MX")
    client.force_login(secretariat_user())

    response = client.post(
        secretariat_path(demo_meeting, "invite", pk=delegation.pk),
        {"email": "mexico"},
        follow=True,
    )

    assert "Enter a valid email address." in page(response)
    assert not delegation.invitations.exists()


def test_invite_for_a_delegation_of_another_meeting_is_not_found(client, demo_meeting):
    elsewhere = DelegationFactory()
    client.force_login(secretariat_user())

    response = client.post(
        secretariat_path(demo_meeting, "invite", pk=elsewhere.pk), {"email": "a@example.org"}
    )

    assert response.status_code == 404


def test_resend_revokes_the_old_link_and_sends_a_fresh_one(
    client, demo_meeting, django_capture_on_commit_callbacks
):
    old = open_invitation(demo_meeting, "DO", "focal.do@example.org")
    old.expires_at = timezone.now() - datetime.timedelta(days=1)
    old.save()
    client.force_login(secretariat_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            secretariat_path(demo_meeting, "invitation_resend", pk=old.pk), follow=True
        )

    assert "sent to focal.do@example.org" in page(response)
    old.refresh_from_db()
    fresh = old.delegation.invitations.first()
    assert old.revoked_at is not None
    assert fresh.pk != old.pk
    assert fresh.email == "focal.do@example.org"
    assert fresh.expires_at > timezone.now() + datetime.timedelta(days=29)
    [message] = mail.outbox
    token = email_link_path(message).rstrip("/").rsplit("/", 1)[-1]
    assert invitation_token_read(token) == (fresh.pk, "focal.do@example.org")
    client.logout()
    assert client.get(invitation_path(invitation=old)).status_code == 410


def test_resend_pressed_twice_sends_one_fresh_invitation(client, demo_meeting):
    old = open_invitation(demo_meeting, "DO", "focal.do@example.org")
    client.force_login(secretariat_user())
    path = secretariat_path(demo_meeting, "invitation_resend", pk=old.pk)

    client.post(path)
    response = client.post(path, follow=True)

    assert "A newer invitation has replaced this one" in page(response)
    assert old.delegation.invitations.count() == 2
    assert old.delegation.invitations.filter(revoked_at__isnull=True).count() == 1


def test_resend_of_an_accepted_invitation_is_refused(client, demo_meeting):
    accepted = open_invitation(demo_meeting, "MX", "focal.mx@example.org")
    accepted.accepted_at = timezone.now()
    accepted.save()
    client.force_login(secretariat_user())

    response = client.post(
        secretariat_path(demo_meeting, "invitation_resend", pk=accepted.pk), follow=True
    )

    assert "focal.mx@example.org has already accepted this invitation" in page(response)
    assert accepted.delegation.invitations.count() == 1


# The email task -------------------------------------------------------------------------


def test_invitation_email_is_queued_until_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    delegation = DelegationFactory()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        invitation = services.invitation_send(delegation=delegation, email="a@example.org")

    assert len(queued) == 1
    assert mail.outbox == []
    queued[0]()
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "es"
    assert message.subject == (
        "[CIDI] Invitación para ser punto focal de una delegación: CIDI regular meeting "
        + delegation.meeting.title.removeprefix("CIDI regular meeting ")
    )
    assert "El enlace le permite crear su cuenta en el portal con esta dirección." in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_revoked_invitation_is_not_sent():
    invitation = FocalPointInvitationFactory(sent_at=None, revoked_at=timezone.now())

    assert tasks.invitation_email_send.delay(invitation.pk).get() is False

    assert mail.outbox == []


def test_invitation_already_sent_is_not_sent_twice():
    invitation = FocalPointInvitationFactory(sent_at=None)

    assert tasks.invitation_email_send.delay(invitation.pk, "en").get() is True
    assert tasks.invitation_email_send.delay(invitation.pk, "en").get() is False

    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_invitation_email_goes_through_the_worker_to_the_smtp_server(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    delegation = DelegationFactory()

    with real_worker(settings):
        invitation = services.invitation_send(
            delegation=delegation, email="ministere@example.org", language="fr"
        )

        assert wait_for(lambda: smtp_server.messages), "no email reached the SMTP server"
        assert wait_for(lambda: FocalPointInvitation.objects.get(pk=invitation.pk).sent_at)

    [message] = smtp_server.messages
    assert message["to"] == ["ministere@example.org"]
    assert "Content-Language: fr" in message["data"]


# The invitations list -------------------------------------------------------------------


def test_invitation_list_shows_each_delegation_with_its_latest_invitation(client, demo_meeting):
    accepted = open_invitation(demo_meeting, "MX", "focal.mx@example.org")
    accepted.accepted_at = timezone.now()
    accepted.save()
    open_invitation(demo_meeting, "AR", "focal.ar@example.org")
    expired = open_invitation(demo_meeting, "CL", "focal.cl@example.org")
    expired.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save()
    organization_delegation(demo_meeting)
    client.force_login(secretariat_user())

    response = client.get(secretariat_path(demo_meeting, "invitations"))

    rows = {row.delegation.name: row for row in response.context["rows"]}
    assert list(rows) == [
        "Argentina",
        "Barbados",
        "Chile",
        "Mexico",
        "Panama",
        "Dominican Republic",
        "Uruguay",
        "Economic Commission for Latin America and the Caribbean",
    ]
    assert {name: row.state.label for name, row in rows.items()} == {
        "Argentina": "Sent, not accepted",
        "Barbados": "Not invited",
        "Chile": "Expired",
        "Mexico": "Accepted",
        "Panama": "Not invited",
        "Dominican Republic": "Not invited",
        "Uruguay": "Not invited",
        "Economic Commission for Latin America and the Caribbean": "Not invited",
    }
    assert [name for name, row in rows.items() if row.needs_attention] == [
        "Argentina",
        "Chile",
        "Economic Commission for Latin America and the Caribbean",
    ]
    text = page(response)
    assert text.count('class="table-warning"') == 3
    assert text.count("No focal point yet") == 3
    assert "5 of 8 delegations have a focal point." in text
    assert text.count(">Re-send<") == 2
    assert secretariat_path(demo_meeting, "invitation_resend", pk=expired.pk) in text


def count_list_queries(client, meeting):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(secretariat_path(meeting, "invitations"))
    assert response.status_code == 200
    return len(queries)


def test_invitation_list_runs_the_same_queries_for_few_and_many_delegations(client):
    small, large = MeetingFactory(), MeetingFactory()
    for state in member_states(2):
        FocalPointInvitationFactory(delegation__meeting=small, delegation__member_state=state)
    for state in member_states(20):
        delegation = DelegationFactory(meeting=large, member_state=state, focal_point=UserFactory())
        FocalPointInvitationFactory.create_batch(2, delegation=delegation)
    organization_delegation(large)
    client.force_login(secretariat_user())

    assert count_list_queries(client, small) == count_list_queries(client, large)


# The link: signing up -------------------------------------------------------------------


def test_invited_person_signs_up_through_the_link_and_becomes_the_focal_point(
    client, demo_meeting, django_capture_on_commit_callbacks
):
    delegation = organization_delegation(demo_meeting, acronym="CIM")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            delegation=delegation, email="Punto.Focal@example.org", sent_by=secretariat_user()
        )
    [invitation_email] = mail.outbox
    link = email_link_path(invitation_email)

    opened = client.get(link)

    assert opened.status_code == 302
    assert opened["Location"] == reverse("account_signup")
    form_page = client.get(opened["Location"])
    text = page(form_page)
    assert form_page.status_code == 200
    assert "You are invited to be the focal point of the Inter-American Commission of Women" in text
    assert 'value="Punto.Focal@example.org"' in text
    assert "readonly" in text
    assert 'name="full_name"' in text
    assert 'name="preferred_language"' in text

    with django_capture_on_commit_callbacks(execute=True):
        signed_up = client.post(
            reverse("account_signup"),
            {
                "email": "Punto.Focal@example.org",
                "full_name": "Ana Punto Focal",
                "preferred_language": "pt",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    assert signed_up.status_code == 302
    assert signed_up["Location"] == my_delegations_url()
    user = User.objects.get(email="punto.focal@example.org")
    assert (user.full_name, user.preferred_language) == ("Ana Punto Focal", "pt")
    assert list(user.groups.values_list("name", flat=True)) == [Role.FOCAL_POINT]
    assert EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1  # no confirmation email: the link proved the address
    delegation.refresh_from_db()
    assert delegation.focal_point == user
    assert delegation.status == DelegationStatus.REGISTERING
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    # The session no longer opens the sign-up form.
    client.logout()
    assert 'name="password1"' not in page(client.get(reverse("account_signup")))


def test_forwarded_link_cannot_create_an_account_for_another_address(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    client.get(invitation_path(invitation=invitation))

    response = client.post(
        reverse("account_signup"),
        {
            "email": "colleague@example.org",
            "full_name": "A Colleague",
            "preferred_language": "es",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    text = page(response)
    assert response.status_code == 200
    assert "This invitation was sent to focal.point.uy@example.org and can only create" in text
    assert "If it was forwarded to you, ask the secretariat to invite your own address." in text
    assert 'role="alert"' in text
    assert 'value="focal.point.uy@example.org"' in text  # the read-only field shows it again
    assert 'value="colleague@example.org"' not in text
    assert not User.objects.filter(email="colleague@example.org").exists()
    assert not User.objects.filter(email="focal.point.uy@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_sign_up_closes_when_the_invitation_is_revoked_meanwhile(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    client.get(invitation_path(invitation=invitation))
    invitation.revoked_at = timezone.now()
    invitation.save()

    client.post(
        reverse("account_signup"),
        {
            "email": "focal.point.uy@example.org",
            "full_name": "Late",
            "preferred_language": "es",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert not User.objects.filter(email="focal.point.uy@example.org").exists()


@pytest.mark.parametrize(
    "session",
    [
        {},
        {"invitation_email": "focal.point.uy@example.org"},
        {"invitation_email": "someone.else@example.org", "invitation_id": "{pk}"},
    ],
)
def test_sign_up_stays_closed_without_a_valid_invitation_in_the_session(
    client, demo_meeting, session
):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    stored = client.session
    for key, value in session.items():
        stored[key] = invitation.pk if value == "{pk}" else value
    stored.save()

    response = client.get(reverse("account_signup"))

    assert 'name="password1"' not in page(response)


# The link: existing accounts ------------------------------------------------------------


def test_existing_account_accepts_by_signing_in(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "BB", "focal.bb@example.org")
    link = invitation_path(invitation=invitation)

    opened = client.get(link, follow=True)

    login_path = reverse("account_login")
    assert opened.redirect_chain[-1][0].startswith(login_path + "?next=")
    assert "focal.bb@example.org already has an account: sign in to accept" in page(opened)
    signed_in = client.post(
        login_path,
        {"login": "focal.bb@example.org", "password": "cidi-demo-2022", "next": link},
        follow=True,
    )
    assert [location for location, _status in signed_in.redirect_chain][:2] == [
        link,
        my_delegations_url(),
    ]
    invitation.refresh_from_db()
    assert invitation.accepted_by.email == "focal.bb@example.org"


def test_account_signed_in_under_the_invited_address_accepts_at_once(client, demo_meeting):
    user = UserFactory(email="new.focal.uy@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    invitation = open_invitation(demo_meeting, "UY", "New.Focal.UY@example.org")
    client.force_login(user)

    response = client.get(invitation_path(invitation=invitation))

    assert response.status_code == 302
    assert response["Location"] == my_delegations_url()
    delegation = Delegation.objects.get(pk=invitation.delegation_id)
    assert delegation.focal_point == user
    assert delegation.status == DelegationStatus.REGISTERING  # the demo's status is kept
    assert user.groups.filter(name=Role.FOCAL_POINT).exists()
    assert EmailAddress.objects.get(user=user).verified
    # Opening the link again changes nothing and does not fail.
    assert client.get(invitation_path(invitation=invitation)).status_code == 302
    assert delegation.history.count() == 2


def test_invited_delegation_moves_to_registering_when_accepted(client):
    invitation = FocalPointInvitationFactory(email="focal.ag@example.org")
    client.force_login(UserFactory(email="focal.ag@example.org"))

    client.get(invitation_path(invitation=invitation))

    delegation = Delegation.objects.get(pk=invitation.delegation_id)
    assert delegation.status == DelegationStatus.REGISTERING
    assert delegation.version == 2


# The link: refusals ---------------------------------------------------------------------


def test_link_opened_under_another_account_is_refused(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    client.force_login(User.objects.get(email="focal.pa@example.org"))

    response = client.get(invitation_path(invitation=invitation))

    text = page(response)
    assert response.status_code == 403
    assert "This invitation is addressed to someone else" in text
    assert "You are signed in as focal.pa@example.org" in text
    assert "sign out first" in text
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    # The page's button signs out and opens the link again, now for the invited person.
    signed_out = client.post(reverse("account_logout"), {"next": response.request["PATH_INFO"]})
    assert signed_out["Location"] == response.request["PATH_INFO"]
    assert client.get(signed_out["Location"])["Location"] == reverse("account_signup")


def test_expired_link_is_refused_with_its_date(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    invitation.expires_at = timezone.make_aware(datetime.datetime(2022, 11, 10, 12))
    invitation.save()

    response = client.get(invitation_path(invitation=invitation))

    assert response.status_code == 410
    assert "This invitation has expired" in page(response)
    assert "It could be accepted until Nov. 10, 2022." in page(response)
    assert reverse("account_signup") not in response.get("Location", "")


def test_revoked_link_is_refused(client, demo_meeting):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    invitation.revoked_at = timezone.now()
    invitation.save()

    response = client.get(invitation_path(invitation=invitation))

    assert response.status_code == 410
    assert "This invitation is no longer valid" in page(response)


@pytest.mark.parametrize("change", ["tamper", "truncate", "garbage", "other_address"])
def test_altered_link_is_refused(client, demo_meeting, change):
    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")
    token = invitation_token_make(invitation=invitation)
    invitation.email = "someone.else@example.org"
    altered = {
        "tamper": token.replace(token[3], "x" if token[3] != "x" else "y", 1),
        "truncate": token[:-6],
        "garbage": "hello",
        "other_address": invitation_token_make(invitation=invitation),
    }[change]

    response = client.get(reverse("delegations:invitation_accept", kwargs={"token": altered}))

    assert response.status_code == 400
    assert "This invitation link is not valid" in page(response)
    assert "Traceback" not in page(response)


def test_speaker_token_does_not_open_a_focal_point_invitation(client, demo_meeting):
    from speakers.tokens import invitation_token_make as speaker_token_make

    invitation = open_invitation(demo_meeting, "UY", "focal.point.uy@example.org")

    response = client.get(
        reverse(
            "delegations:invitation_accept",
            kwargs={"token": speaker_token_make(invitation=invitation)},
        )
    )

    assert response.status_code == 400


# Who reaches the secretariat's pages ----------------------------------------------------


def secretariat_urls(meeting):
    delegation = Delegation.objects.get(meeting=meeting, member_state__iso2="PA")
    invitation = FocalPointInvitationFactory(delegation=delegation)
    return {
        "GET": [
            secretariat_path(meeting, "invitations"),
            secretariat_path(meeting, "invite_bulk"),
        ],
        "POST": [
            secretariat_path(meeting, "invite_bulk"),
            secretariat_path(meeting, "invite", pk=delegation.pk),
            secretariat_path(meeting, "invitation_resend", pk=invitation.pk),
        ],
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, demo_meeting):
    urls = secretariat_urls(demo_meeting)

    for method, paths in urls.items():
        for path in paths:
            response = getattr(client, method.lower())(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("account_login") + "?next="), path


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.DELEGATE, Role.MODERATOR])
def test_other_roles_are_refused_the_secretariat_pages(client, demo_meeting, role):
    urls = secretariat_urls(demo_meeting)
    client.force_login(user_with_role(role))

    for method, paths in urls.items():
        for path in paths:
            assert getattr(client, method.lower())(path).status_code == 403, path
    assert FocalPointInvitation.objects.count() == 1


def test_demo_focal_point_is_refused_the_secretariat_pages(client, demo_meeting):
    urls = secretariat_urls(demo_meeting)
    client.force_login(User.objects.get(email="focal.pa@example.org"))

    assert [client.get(path).status_code for path in urls["GET"]] == [403, 403]


def test_secretariat_changes_are_post_only(client, demo_meeting):
    urls = secretariat_urls(demo_meeting)
    client.force_login(secretariat_user())

    assert [client.get(path).status_code for path in urls["POST"][1:]] == [405, 405]


# Deadlines: the registration deadline, never the link's expiry --------------------------

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Invited on Dec. 4, 2026 for a meeting on Dec. 18: thirty days later is Jan. 3, 2027.
INVITED_AT = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=datetime.UTC)
REGISTRATION_DEADLINE = datetime.datetime(2026, 12, 10, 18, 0, tzinfo=NEW_YORK)


@pytest.fixture
def invited_at(monkeypatch):
    """Stop the clock at the moment of the invitation."""
    monkeypatch.setattr(timezone, "now", lambda: INVITED_AT)
    return INVITED_AT


def december_delegation(*, deadline=REGISTRATION_DEADLINE, date=datetime.date(2026, 12, 18)):
    meeting = MeetingFactory(
        title="CIDI dialogue on digital education",
        date=date,
        time_zone="America/New_York",
        registration_deadline=deadline,
    )
    return DelegationFactory(meeting=meeting)


def sent_focal_email(delegation, django_capture_on_commit_callbacks, language="en"):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            delegation=delegation, email="focal.point@example.org", language=language
        )
    [message] = mail.outbox
    return invitation, message


def test_focal_point_email_states_the_registration_deadline(
    invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_focal_email(
        december_delegation(), django_capture_on_commit_callbacks
    )

    assert (
        "Please register the delegation by Dec. 10, 2026, 6 p.m. (Eastern Time, New York)."
        in message.body
    )
    assert "Jan. 3, 2027" not in message.body


def test_focal_point_email_in_spanish_states_the_deadline_in_the_meeting_zone(
    invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_focal_email(
        december_delegation(), django_capture_on_commit_callbacks, language="es"
    )

    assert "10 de diciembre de 2026 a las 18:00 (hora oriental, Nueva York)" in message.body
    assert "3 de enero de 2027" not in message.body


def test_focal_point_email_without_deadline_names_no_date(
    invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_focal_email(
        december_delegation(deadline=None), django_capture_on_commit_callbacks
    )

    assert "Please register the delegation by" not in message.body
    assert "Jan. 3, 2027" not in message.body
    assert "The link is personal: it works only for focal.point@example.org." in message.body


def test_sign_up_page_of_an_invited_focal_point_shows_the_registration_deadline(
    client, invited_at, django_capture_on_commit_callbacks
):
    _invitation, message = sent_focal_email(
        december_delegation(), django_capture_on_commit_callbacks
    )
    opened = client.get(email_link_path(message))

    text = page(client.get(opened["Location"]))

    assert (
        "Please register the delegation by Dec. 10, 2026, 6 p.m. (Eastern Time, New York)." in text
    )
    assert "Jan. 3, 2027" not in text


def test_focal_point_link_stays_open_until_the_registration_deadline(invited_at):
    far_deadline = datetime.datetime(2027, 3, 1, 18, 0, tzinfo=NEW_YORK)
    delegation = december_delegation(deadline=far_deadline, date=datetime.date(2027, 3, 10))

    invitation = services.invitation_send(delegation=delegation, email="a@example.org")

    assert invitation.expires_at >= far_deadline


def test_focal_point_link_stays_open_until_the_meeting_has_ended(invited_at):
    delegation = december_delegation(deadline=None, date=datetime.date(2027, 3, 10))

    invitation = services.invitation_send(delegation=delegation, email="a@example.org")

    assert invitation.expires_at >= datetime.datetime(2027, 3, 11, 0, 0, tzinfo=NEW_YORK)
