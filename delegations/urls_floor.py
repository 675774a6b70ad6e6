"""URLs of the requests for the floor (see delegations/floor.py)."""

from django.urls import path, re_path

from delegations import floor

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
    # A regular expression rather than agenda's "direction" converter: this module is
    # loaded before agenda.urls registers that converter.
    re_path(
        r"^secretariat/meetings/(?P<slug>[-a-zA-Z0-9_]+)/floor/requests/(?P<pk>[0-9]+)/"
        r"move/(?P<direction>up|down)/\Z",
        floor.floor_move_view,
        name="floor_move",
    ),
    path(REQUEST + "minutes/", floor.floor_minutes_view, name="floor_minutes"),
    path(REQUEST + "accept/", floor.floor_accept_view, name="floor_accept"),
    path(REQUEST + "decline/", floor.floor_decline_view, name="floor_decline"),
]
