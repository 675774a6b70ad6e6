"""The portal's home page, outside any namespace (``{% url 'home' %}``)."""

from django.urls import path

from agenda import views

urlpatterns = [path("", views.home, name="home")]
