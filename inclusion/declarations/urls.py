from django.urls import path

from inclusion.declarations import views
from inclusion.declarations.selectors import MEMBER, PERSON

urlpatterns = [
    path("me/self-declaration/", views.declaration_mine, name="declaration_mine"),
    path(
        "me/self-declaration/speaker/<int:pk>/",
        views.declaration_record,
        {"kind": PERSON},
        name="declaration_person",
    ),
    path(
        "me/self-declaration/member/<int:pk>/",
        views.declaration_record,
        {"kind": MEMBER},
        name="declaration_member",
    ),
    path(
        "speakers/invitation/<str:token>/self-declaration/",
        views.declaration_invitation,
        name="declaration_invitation",
    ),
]
