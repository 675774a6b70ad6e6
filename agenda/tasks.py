"""Celery tasks of the agenda app: documents and reminders (imported for autodiscovery)."""

from agenda.documents import tasks as document_tasks  # noqa: F401
from agenda.reminders import tasks as reminder_tasks  # noqa: F401
