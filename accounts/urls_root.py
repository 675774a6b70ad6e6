"""The security log and one's own profile, outside any namespace (``{% url 'profile' %}``)."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("secretariat/security/", views.security_log, name="security_log"),
    path("profile/", views.profile, name="profile"),
]
