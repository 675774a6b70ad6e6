"""The room: its speaking clock, the moderator's console, room displays, planned vs actual.

The agenda says what should happen and when; this app records what did happen while the
meeting runs. It sits above the agenda, speakers and delegations (it reads their slots
and parts) and below the documents, which print its figures.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live meeting")

    def ready(self):
        from agenda import panels
        from live import contributions

        panels.register(contributions.console_link)
