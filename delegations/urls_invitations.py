"""URLs of the focal points' invitations (see delegations/invitations/)."""

from django.urls import path

from delegations.invitations import views

MEETING = "secretariat/meetings/<slug:slug>/"

urlpatterns = [
    path(MEETING + "invitations/", views.invitation_list, name="invitations"),
    path(MEETING + "invitations/bulk/", views.invite_bulk, name="invite_bulk"),
    path(
        MEETING + "invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(MEETING + "delegations/<int:pk>/invite/", views.invite, name="invite"),
    path("delegations/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
