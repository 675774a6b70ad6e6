"""URLs of the public compendium of good practices (see outcomes/compendium/)."""

from django.urls import path

from outcomes.compendium import views

urlpatterns = [
    path("practices/", views.compendium, name="compendium"),
    path("practices/export.csv", views.compendium_csv, name="compendium_csv"),
    path("practices/export.json", views.compendium_json, name="compendium_json"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
]
