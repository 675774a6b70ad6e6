from django.urls import path

from outcomes import urls_compendium, urls_cooperation, views

app_name = "outcomes"

MEETING = "secretariat/meetings/<slug:slug>/"

urlpatterns = [
    path("delegations/<int:pk>/practices/", views.practice_list_own, name="practice_list_own"),
    path("delegations/<int:pk>/practices/new/", views.practice_add, name="practice_add"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "practices/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="practice_attachment",
    ),
    path(
        "practices/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("practices/<int:pk>/delete/", views.practice_delete, name="practice_delete"),
    path("practices/<int:pk>/review/", views.review, name="practice_review"),
    path(MEETING + "practices/", views.review_list, name="review_list"),
    path(MEETING + "outcomes/", views.outcome_list, name="outcome_list"),
    path(MEETING + "outcomes/<int:pk>/", views.outcome_edit, name="outcome_edit"),
    *urls_compendium.urlpatterns,
    *urls_cooperation.urlpatterns,
]
