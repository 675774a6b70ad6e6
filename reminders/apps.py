"""Reminders: rules the secretariat sets, the outbox, and its effectively-once delivery.

Reminders write to speakers, focal points and delegations about deadlines and the
meeting itself, so this app reads the agenda, speakers, delegations and outcomes and
none of them knows about it. The outbox lists every email of a meeting: the lower apps
name the meeting when they queue an email (``cidi_meeting.mail``), and this app records
it there through the hook it registers when it is ready.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from cidi_meeting import mail

        # Rules go with a duplicated meeting (agenda.duplication's registry).
        from reminders import (
            duplication,  # noqa: F401
            outbox,
        )

        # Every email that names its meeting is recorded in that meeting's outbox.
        mail.outbox_register(outbox.outbox_email_record)
