"""The secretariat's directory of people and organizations.

People (speakers, chairs, moderators) and organizations are made in passing while an
agenda is built; this app is where the secretariat finds them again, completes them
(an email for the chair, a time zone, an account), adds an organization that takes part
for the first time, and merges a person entered twice. It reads and writes the models of
``speakers`` and ``delegations`` and sits directly above them; no app imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")
