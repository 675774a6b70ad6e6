"""Writes to accounts: creation by the secretariat and role changes."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from cidi_meeting.links import absolute_url
from cidi_meeting.mail import queue_message, render_email


def set_password_url(user):
    """Return the absolute link where the user chooses a password."""
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    return absolute_url(path)


@transaction.atomic
def account_create(*, email, full_name, roles, preferred_language, created_by=None):
    """Create an account, give it its roles, and email a link to choose a password.

    Side effects: queues the welcome email (sent by a worker after commit). The address
    counts as verified once the person sets a password through the emailed link.
    """
    user = User.objects.create_user(
        email=email, full_name=full_name, preferred_language=preferred_language
    )
    user.set_unusable_password()
    # The secretariat edits every record in the administration site, which needs staff.
    user.is_staff = Role.SECRETARIAT in roles
    user.save(update_fields=["password", "is_staff"])
    user.groups.set(Group.objects.filter(name__in=roles))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    account_send_welcome(user=user, created_by=created_by)
    return user


def account_send_welcome(*, user, created_by=None):
    """Queue the email that tells a new account holder how to choose a password."""
    context = {
        "user": user,
        "set_password_url": set_password_url(user),
        "created_by": created_by,
        "site_url": settings.SITE_URL,
    }
    queue_message(
        render_email(
            subject_template="accounts/email/welcome_subject.txt",
            body_template="accounts/email/welcome_message.txt",
            context=context,
            language=user.preferred_language,
            to=[user.email],
        )
    )


def email_mark_verified_after_reset(*, user):
    """Mark the user's addresses verified: a reset link reached them at that address."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)


# Apps whose records the secretariat manages in the administration site.
SECRETARIAT_APP_LABELS = [
    "accounts",
    "agenda",
    "delegations",
    "speakers",
    "outcomes",
    "live",
    "reminders",
    "documents",
]


def roles_grant_secretariat_permissions():
    """Give the Secretariat group every permission on the portal's own records."""

    group, _created = Group.objects.get_or_create(name=Role.SECRETARIAT)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APP_LABELS)
    )
    return group


def roles_ensure():
    """Create any of the portal's role groups that is missing."""

    for role in Role:
        Group.objects.get_or_create(name=role.value)
