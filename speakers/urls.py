from django.urls import path

from speakers import statements, views

app_name = "speakers"

urlpatterns = [
    path("slots/<int:slot_pk>/invite/", views.invitation_send, name="invitation_send"),
    path("meetings/<slug:slug>/invite-all/", views.invite_all, name="invite_all"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("invitation/<str:token>/slot.ics", views.slot_ics, name="slot_ics"),
    path("statements/<int:pk>/", views.statement_download, name="statement_download"),
    path(
        "invitation/<str:token>/statements/<int:pk>/",
        statements.invitation_statement,
        name="invitation_statement",
    ),
]
