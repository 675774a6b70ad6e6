from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from agenda import revision
        from outcomes import cache
        from outcomes.models import OutcomeRecord

        cache.connect()
        # The meeting's page shows each expected outcome's record (priorities, summary).
        revision.watch(OutcomeRecord, lambda record: [record.expected_outcome.meeting_id])
