"""The security log, outside any namespace (``{% url 'security_log' %}``)."""

from django.urls import path

from accounts import views

urlpatterns = [path("secretariat/security/", views.security_log, name="security_log")]
