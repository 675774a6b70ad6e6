"""URLs of the public API, version 1 (included under /api/v1/, outside the language prefix)."""

from django.urls import path

from api import reference, views

app_name = "api"

urlpatterns = [
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/<slug:slug>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path(
        "meetings/<slug:slug>/documents/",
        views.MeetingDocuments.as_view(),
        name="meeting_documents",
    ),
    path(
        "meetings/<slug:slug>/cooperation-matrix/",
        views.CooperationMatrix.as_view(),
        name="cooperation_matrix",
    ),
    path("practices/", views.PracticeList.as_view(), name="practice_list"),
    path("practices/<int:pk>/", views.PracticeDetail.as_view(), name="practice_detail"),
    path("schema/", reference.SchemaView.as_view(), name="schema"),
    path("docs/", reference.api_reference, name="reference"),
]
