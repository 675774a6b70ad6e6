"""The Celery application: workers render documents and send emails."""

import os

from celery import Celery
from celery.signals import worker_process_init

from cidi_meeting.memory import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")

app = Celery("cidi_meeting")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Project-wide tasks live outside the installed apps, so name them explicitly.
app.conf.imports = ("cidi_meeting.tasks",)
app.autodiscover_tasks()


@worker_process_init.connect
def _freeze_loaded_objects(**kwargs):
    """Each worker process keeps what it loaded out of the collector's full passes."""
    freeze_loaded_objects()
