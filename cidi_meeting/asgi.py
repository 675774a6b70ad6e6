"""ASGI entry point."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")

from django.core.asgi import get_asgi_application

from cidi_meeting.preflight import ensure_configured

ensure_configured()
application = get_asgi_application()
