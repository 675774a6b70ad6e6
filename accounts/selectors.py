from django.db.models import Prefetch

from accounts.models import User


def account_list():
    """Return every account with its roles and email verification, in two queries."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    return User.objects.order_by("email").prefetch_related(
        Prefetch("groups", queryset=Group.objects.order_by("name")),
        Prefetch("emailaddress_set", queryset=EmailAddress.objects.filter(primary=True)),
    )
