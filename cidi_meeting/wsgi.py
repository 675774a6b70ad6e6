"""WSGI entry point (gunicorn cidi_meeting.wsgi)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")

from django.core.wsgi import get_wsgi_application

from cidi_meeting.memory import freeze_loaded_objects
from cidi_meeting.preflight import ensure_configured

ensure_configured()
application = get_wsgi_application()
freeze_loaded_objects()
