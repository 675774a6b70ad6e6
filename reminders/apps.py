"""Reminders: rules the secretariat sets, the outbox, and its effectively-once delivery.

Reminders write to speakers, focal points and delegations about deadlines and the
meeting itself, so this app reads the agenda, speakers, delegations and outcomes and
none of them knows about it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")
