"""URLs of the requests for the floor (see delegations/floor/)."""

from django.urls import path

from delegations.floor import views as floor

FLOOR = "secretariat/meetings/<slug:slug>/floor/"
REQUEST = FLOOR + "requests/<int:pk>/"

urlpatterns = [
    path("delegations/<int:pk>/floor/new/", floor.floor_request_add_view, name="floor_request_add"),
    path(
        "delegations/<int:pk>/floor/<int:request_pk>/withdraw/",
        floor.floor_request_withdraw_view,
        name="floor_request_withdraw",
    ),
    path(FLOOR, floor.floor_list_view, name="floor_list"),
    path(FLOOR + "<int:segment_pk>/sort/", floor.floor_sort_view, name="floor_sort"),
    path(REQUEST + "move/<direction:direction>/", floor.floor_move_view, name="floor_move"),
    path(REQUEST + "minutes/", floor.floor_minutes_view, name="floor_minutes"),
    path(REQUEST + "accept/", floor.floor_accept_view, name="floor_accept"),
    path(REQUEST + "decline/", floor.floor_decline_view, name="floor_decline"),
]
