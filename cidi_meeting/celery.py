"""The Celery application: workers render documents and send emails."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")

app = Celery("cidi_meeting")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Project-wide tasks live outside the installed apps, so name them explicitly.
app.conf.imports = ("cidi_meeting.tasks",)
app.autodiscover_tasks()
