from django.urls import path

from delegations import member_access, urls_floor, urls_invitations, views

app_name = "delegations"

MEETING = "secretariat/meetings/<slug:slug>/"
DELEGATION = "delegations/<int:pk>/"

urlpatterns = [
    path("delegations/", views.my_delegations, name="my_delegations"),
    path(DELEGATION, views.registration, name="registration"),
    path(DELEGATION + "members/new/", views.member_add, name="member_add"),
    path(DELEGATION + "members/<int:member_pk>/", views.member_edit, name="member_edit"),
    path(DELEGATION + "members/<int:member_pk>/delete/", views.member_delete, name="member_delete"),
    path(
        DELEGATION + "members/<int:member_pk>/move/<direction:direction>/",
        views.member_move,
        name="member_move",
    ),
    path(
        DELEGATION + "members/<int:member_pk>/invite/",
        member_access.member_invite,
        name="member_invite",
    ),
    path(
        DELEGATION + "members/<int:member_pk>/account/",
        member_access.member_account,
        name="member_account",
    ),
    path(
        "delegations/member-access/<str:token>/",
        member_access.member_access,
        name="member_access",
    ),
    path(DELEGATION + "credentials/", views.credentials_upload, name="credentials_upload"),
    path(
        DELEGATION + "credentials/<int:letter_pk>/",
        views.credentials_download,
        name="credentials_download",
    ),
    path(
        DELEGATION + "credentials/<int:letter_pk>/remove/",
        views.credentials_remove,
        name="credentials_remove",
    ),
    path(DELEGATION + "submit/", views.submit, name="submit"),
    path(DELEGATION + "change-request/", views.change_request, name="change_request"),
    path(DELEGATION + "change-request/handled/", views.change_handled, name="change_handled"),
    path(DELEGATION + "accredit/", views.accredit, name="accredit"),
    path(DELEGATION + "return/", views.return_registration, name="return"),
    path(DELEGATION + "quota/", views.quota, name="quota"),
    path(MEETING + "delegations/", views.dashboard, name="dashboard"),
    path(MEETING + "delegations/new/", views.delegation_add, name="delegation_add"),
    path(MEETING + "delegations/lot/", views.draw_lot, name="draw_lot"),
    path(MEETING + "participants/", views.participants, name="participants"),
    path(MEETING + "participants.csv", views.participants_csv, name="participants_csv"),
    *urls_invitations.urlpatterns,
    *urls_floor.urlpatterns,
]
