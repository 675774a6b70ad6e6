from django.urls import include, path

app_name = "inclusion"

urlpatterns = [
    path("", include("inclusion.declarations.urls")),
    path("", include("inclusion.figures.urls")),
]
