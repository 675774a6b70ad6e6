from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
]
