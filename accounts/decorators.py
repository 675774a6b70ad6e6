from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django_htmx.http import HttpResponseClientRefresh

from accounts import roles


def sign_in_required(view):
    """Send visitors to sign in, then back to the page they asked for.

    An htmx request would draw the sign-in page inside the page that sent it: its page is
    reloaded instead, and that load is sent to sign in.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if getattr(request, "htmx", False):
                return HttpResponseClientRefresh()
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def role_required(predicate):
    """Let only users for whom ``predicate(user)`` holds reach the view.

    Anonymous visitors are sent to sign in; signed-in users without the role get 403.
    """

    def decorator(view):
        @sign_in_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_required = role_required(roles.is_secretariat)
