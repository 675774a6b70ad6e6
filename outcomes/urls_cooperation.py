"""URLs of cooperation offers, needs and matches (see the outcomes.cooperation package)."""

from django.urls import path

from outcomes.cooperation import views

OWN = "delegations/<int:pk>/cooperation/"
MATCHES = "secretariat/meetings/<slug:slug>/cooperation/"

urlpatterns = [
    path(OWN, views.cooperation_own, name="cooperation_own"),
    path(OWN + "new/", views.cooperation_add, name="cooperation_add"),
    path(OWN + "<int:item_pk>/", views.cooperation_edit, name="cooperation_edit"),
    path(OWN + "<int:item_pk>/close/", views.cooperation_close, name="cooperation_close"),
    path(MATCHES, views.cooperation_matches, name="cooperation_matches"),
    path(
        MATCHES + "matches/<int:pk>/",
        views.cooperation_match_update,
        name="cooperation_match_update",
    ),
    path(
        "meetings/<slug:slug>/cooperation/matrix/",
        views.cooperation_matrix,
        name="cooperation_matrix",
    ),
]
