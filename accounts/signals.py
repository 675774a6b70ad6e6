import time

from allauth.account.signals import password_reset
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_migrate
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from accounts.models import User
from accounts.security_log import security_event_record
from accounts.services import email_mark_verified_after_reset, roles_grant_secretariat_permissions
from cidi_meeting.security import LAST_SEEN_SESSION_KEY


@receiver(post_migrate)
def grant_secretariat_permissions(sender, **kwargs):
    """After every migration, the Secretariat group holds the permissions of new models too."""
    roles_grant_secretariat_permissions()


@receiver(password_reset)
def verify_email_on_password_reset(sender, request, user, **kwargs):
    email_mark_verified_after_reset(user=user)


# Security log -----------------------------------------------------------------------------


def _current_request():
    """The request being handled (kept by simple_history's middleware), or None."""

    return getattr(HistoricalRecords.context, "request", None)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    email = credentials.get("email") or credentials.get("username") or ""
    security_event_record(kind="failed_login", request=request, email=str(email))


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # The idle timeout counts from the sign-in.
        request.session[LAST_SEEN_SESSION_KEY] = int(time.time())
    security_event_record(kind="login", request=request, user=user)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    security_event_record(kind="logout", request=request, user=user)


@receiver(m2m_changed, sender=User.groups.through)
def log_role_change(sender, instance, action, reverse, **kwargs):
    pk_set = kwargs.get("pk_set")
    if action not in {"post_add", "post_remove", "post_clear"}:
        return

    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    if reverse:
        # group.user_set.add(...): ``instance`` is the group, ``pk_set`` the users.
        users = list(User.objects.filter(pk__in=pk_set or []))
        groups = [instance.name]
    else:
        users = [instance]
        groups = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    request = _current_request()
    actor = getattr(request, "user", None) if request is not None else None
    by = f" by {actor.email}" if actor is not None and actor.is_authenticated else ""
    for user in users:
        security_event_record(
            kind="role_change",
            request=request,
            user=user,
            detail=f"{verb} {', '.join(groups) or 'all roles'}{by}",
        )
