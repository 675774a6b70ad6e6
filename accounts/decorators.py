from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts import roles


def role_required(predicate):
    """Let only users for whom ``predicate(user)`` holds reach the view.

    Anonymous visitors are sent to sign in; signed-in users without the role get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_required = role_required(roles.is_secretariat)
