"""The CIDI meeting portal's project package."""

from cidi_meeting.celery import app as celery_app

__all__ = ["celery_app"]
