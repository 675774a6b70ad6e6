from django.urls import path

from inclusion.figures import views

urlpatterns = [
    path("secretariat/meetings/<slug:slug>/inclusion/", views.figures, name="figures"),
]
