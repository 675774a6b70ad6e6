from django.contrib import admin
from django.urls import include, path

from agenda.views import home
from cidi_meeting.health import healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("secretariat/accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("speakers/", include("speakers.urls")),
    path("", include("delegations.urls")),
    path("", include("outcomes.urls")),
    path("", include("agenda.urls")),
]

# Uploaded files are never served as static media: each kind is served by a view that
# checks who may read it.
