"""The demo: the concept note's meeting in four languages, and the scale seed for benches.

Seeding touches every app's models, so this app sits at the top of the layers and no
other app imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = _("Demo data")
