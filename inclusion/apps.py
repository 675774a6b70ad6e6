"""Inclusion: what people declare of themselves, and the figures made from it.

Delegation members and speakers may declare their gender and whether they belong to a
group the concept note names. Nothing is required; each person reads, changes and
deletes their own declaration, and only the secretariat reads anyone else's. The
figures (women among speakers and heads of delegation, speaking time by gender and
group, good practices by target group) are made here from the agenda, the console's
actual times and the outcomes, which know nothing of this app.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "inclusion"
    verbose_name = _("Inclusion")

    def ready(self):
        # The figures' panel on the meeting page (agenda.panels) and the editor's warning
        # when no woman speaks in a part (agenda.publishing): each registers on import.
        from inclusion import warnings  # noqa: F401
        from inclusion.figures import panels  # noqa: F401
