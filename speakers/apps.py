from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self):
        from agenda import panels
        from speakers import contributions

        panels.register(contributions.documents_panel_for, shared=True)
