"""How often one reader (one address) may ask the API."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class ReaderRateThrottle(AnonRateThrottle):
    """Every reader of the API is anonymous: throttled per address at the "anon" rate.

    The rate is read from the settings on every request (DRF keeps the first it reads),
    so that a deployment's ``API_THROTTLE_RATE`` and a test's setting both hold.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
