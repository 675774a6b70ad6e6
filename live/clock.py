"""The one place the live console reads the time, so tests can set it."""

from django.utils import timezone


def now():
    """Return the server's current time (aware, UTC)."""
    return timezone.now()
