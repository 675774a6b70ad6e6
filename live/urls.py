"""URLs of the live console, the room displays and the timekeeping report (live/)."""

from django.urls import path

from live import views

MEETING = "meetings/<slug:slug>/"
SECRETARIAT = "secretariat/meetings/<slug:slug>/"

app_name = "live"

urlpatterns = [
    path(MEETING + "console/", views.console, name="console"),
    path(MEETING + "console/state/", views.console_state, name="console_state"),
    path(MEETING + "console/<str:action>/", views.console_press, name="console_press"),
    path(MEETING + "timekeeping/", views.timekeeping, name="timekeeping"),
    path("room/<str:token>/", views.display, name="display"),
    path("room/<str:token>/state/", views.display_state, name="display_state"),
    path(SECRETARIAT + "displays/", views.displays, name="displays"),
    path(SECRETARIAT + "displays/<int:pk>/revoke/", views.display_revoke, name="display_revoke"),
]
