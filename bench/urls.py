"""The portal's URLs plus the bench's floor view (``bench.floor``), for measuring only.

``bench_pages`` switches to this URLconf (``override_settings(ROOT_URLCONF=...)``) while
it measures, so the floor goes through the same middleware as the real pages. The
portal's own URLconf never includes it. ``i18n_patterns`` may not be included from
another URLconf, so the portal's patterns are added as they are.
"""

from django.urls import path

from bench.floor import floor
from cidi_meeting.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/floor/<slug:slug>/", floor, name="bench_floor"),
    *portal_urlpatterns,
]
