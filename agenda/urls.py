from django.urls import path

from agenda import calendar, content_languages, editor, views

app_name = "agenda"

EDITOR = "secretariat/meetings/<slug:slug>/"

urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/agenda.ics", calendar.meeting_ics, name="meeting_ics"),
    path("meetings/<slug:slug>/concept-note/", views.concept_note, name="concept_note"),
    path("secretariat/meetings/", editor.meeting_list, name="editor_list"),
    path("secretariat/meetings/new/", editor.meeting_create, name="meeting_create"),
    path(EDITOR, editor.meeting_editor, name="editor"),
    path(EDITOR + "details/", editor.meeting_edit, name="meeting_edit"),
    path(EDITOR + "history/", editor.meeting_history, name="meeting_history"),
    path(EDITOR + "publish/", editor.meeting_publish, name="meeting_publish"),
    path(EDITOR + "duplicate/", editor.meeting_duplicate, name="meeting_duplicate"),
    path(EDITOR + "unpublish/", editor.meeting_unpublish, name="meeting_unpublish"),
    path(EDITOR + "languages/", content_languages.content_languages, name="content_languages"),
    path(
        EDITOR + "languages/<str:kind>/<int:pk>/",
        content_languages.content_languages_edit,
        name="content_languages_edit",
    ),
    path(EDITOR + "people/new/", editor.person_add, name="person_add"),
    path(EDITOR + "sessions/new/", editor.session_add, name="session_add"),
    path(EDITOR + "sessions/<int:pk>/", editor.session_edit, name="session_edit"),
    path(EDITOR + "sessions/<int:pk>/delete/", editor.session_delete, name="session_delete"),
    path(EDITOR + "parts/new/", editor.segment_add, name="segment_add"),
    path(EDITOR + "parts/<int:pk>/", editor.segment_edit, name="segment_edit"),
    path(EDITOR + "parts/<int:pk>/delete/", editor.segment_delete, name="segment_delete"),
    path(
        EDITOR + "parts/<int:pk>/move/<direction:direction>/",
        editor.segment_move,
        name="segment_move",
    ),
    path(EDITOR + "parts/<int:segment_pk>/slots/new/", editor.slot_add, name="slot_add"),
    path(
        EDITOR + "parts/<int:segment_pk>/slots/order/", editor.slots_reorder, name="slots_reorder"
    ),
    path(
        EDITOR + "parts/<int:segment_pk>/questions/new/", editor.question_add, name="question_add"
    ),
    path(EDITOR + "slots/<int:pk>/", editor.slot_edit, name="slot_edit"),
    path(EDITOR + "slots/<int:pk>/delete/", editor.slot_delete, name="slot_delete"),
    path(EDITOR + "slots/<int:pk>/move/<direction:direction>/", editor.slot_move, name="slot_move"),
    path(EDITOR + "questions/<int:pk>/", editor.question_edit, name="question_edit"),
    path(EDITOR + "questions/<int:pk>/delete/", editor.question_delete, name="question_delete"),
]
