from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, register_converter

from cidi_meeting.health import healthz
from cidi_meeting.language import set_language
from cidi_meeting.ordering import DirectionConverter
from cidi_meeting.security import admin_login

# Before the apps' URLconfs below are included: they use <direction:…>.
register_converter(DirectionConverter, "direction")

# The admin signs in through allauth (throttled, two-factor), never its own form.
admin.site.login = admin_login


def favicon(request):
    """Send a browser that asks for /favicon.ico to the portal's SVG icon.

    A temporary redirect: in production the icon's static name carries its hash.
    """
    return redirect(static("img/favicon.svg"))


# Outside the language prefix: machine endpoints, the public API (its language is a
# parameter), the switcher's target and the icon.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
]

# Pages: English without a prefix, /es/, /fr/ and /pt/ for the other official languages.
urlpatterns += i18n_patterns(
    path("", include("agenda.urls_root")),
    path("accounts/", include("allauth.urls")),
    path("secretariat/accounts/", include("accounts.urls")),
    path("secretariat/", include("directory.urls")),
    path("", include("accounts.urls_root")),
    path("admin/", admin.site.urls),
    path("speakers/", include("speakers.urls")),
    path("", include("speakers.urls_root")),
    path("", include("delegations.urls")),
    path("", include("outcomes.urls")),
    path("", include("agenda.urls")),
    path("", include("live.urls")),
    path("", include("reminders.urls")),
    path("", include("documents.urls")),
    path("", include("inclusion.urls")),
    prefix_default_language=False,
)

# Uploaded files are never served as static media: each kind is served by a view that
# checks who may read it.
