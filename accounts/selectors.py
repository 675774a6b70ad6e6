from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import Prefetch

from accounts.models import SecurityEvent, User


def account_list():
    """Return every account with its roles and email verification, in two queries."""

    return User.objects.order_by("email").prefetch_related(
        Prefetch("groups", queryset=Group.objects.order_by("name")),
        Prefetch("emailaddress_set", queryset=EmailAddress.objects.filter(primary=True)),
    )


def security_event_list(*, kind=None):
    """Return the security log, newest first, optionally one kind only, with each user."""

    events = SecurityEvent.objects.select_related("user").order_by("-at", "-pk")
    if kind:
        events = events.filter(kind=kind)
    return events
