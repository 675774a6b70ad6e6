"""Write events to the security log (``accounts.models.SecurityEvent``)."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import DatabaseError, transaction

from accounts.models import SecurityEvent
from cidi_meeting.security import client_ip

logger = logging.getLogger("accounts.security")


def _ip(request):
    if request is None:
        return None

    address = client_ip(request)
    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None
    return address


def security_event_record(*, kind, request=None, user=None, email="", detail=""):
    """Add one event to the security log; never lets a logging failure break the request.

    Side effects: one row in ``SecurityEvent``, one line in the ``accounts.security`` log.
    """

    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if not email and user is not None:
        email = user.email
    path = request.get_full_path()[:500] if request is not None else ""
    ip_address = _ip(request)
    logger.info("%s user=%s email=%s ip=%s path=%s %s", kind, user, email, ip_address, path, detail)
    try:
        with transaction.atomic():
            return SecurityEvent.objects.create(
                kind=kind,
                user=user,
                email=(email or "")[:254],
                ip_address=ip_address,
                path=path,
                detail=(detail or "")[:500],
            )
    except DatabaseError:
        logger.exception("Could not record a security event.")
        return None
