"""The meeting's PDF documents: a registry of kinds, one builder per kind, rendered by workers.

A document prints what every other app holds (the agenda, speakers, delegations,
outcomes, the room's actual times), so this app sits above all of them; the meeting
page shows its panel through ``agenda.panels``, which this app contributes to.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from agenda import panels
        from documents import contributions, kinds  # noqa: F401 - kinds register themselves

        panels.register(contributions.documents_panel_for)

        from documents.register import contributions as register_contributions

        register_contributions.connect()
