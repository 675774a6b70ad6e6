"""URLs of the live console, the room displays and the timekeeping report (live/)."""

from django.urls import path

from live import views

MEETING = "meetings/<slug:slug>/"
SECRETARIAT = "secretariat/meetings/<slug:slug>/"
# One console per session of a meeting run by session (parallel rooms run side by side).
SESSION = MEETING + "console/session/<int:session_pk>/"
ROOM = "room/<str:token>/"

app_name = "live"

urlpatterns = [
    path(MEETING + "console/", views.console, name="console"),
    path(MEETING + "console/state/", views.console_state, name="console_state"),
    path(MEETING + "console/<str:action>/", views.console_press, name="console_press"),
    path(SESSION, views.console, name="console_session"),
    path(SESSION + "state/", views.console_state, name="console_session_state"),
    path(SESSION + "<str:action>/", views.console_press, name="console_session_press"),
    path(MEETING + "timekeeping/", views.timekeeping, name="timekeeping"),
    path(ROOM, views.display, name="display"),
    path(ROOM + "state/", views.display_state, name="display_state"),
    path(ROOM + "session/<int:session_pk>/", views.display, name="display_session"),
    path(
        ROOM + "session/<int:session_pk>/state/",
        views.display_state,
        name="display_session_state",
    ),
    path(SECRETARIAT + "displays/", views.displays, name="displays"),
    path(SECRETARIAT + "displays/<int:pk>/revoke/", views.display_revoke, name="display_revoke"),
]
