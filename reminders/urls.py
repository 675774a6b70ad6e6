"""URLs of reminder rules and the outbox, in the "reminders" namespace."""

from django.urls import path

from reminders import views

MEETING = "secretariat/meetings/<slug:slug>/"

app_name = "reminders"

urlpatterns = [
    path(MEETING + "reminders/", views.rule_list, name="reminder_rules"),
    path(MEETING + "reminders/new/", views.rule_create, name="reminder_rule_create"),
    path(MEETING + "reminders/<int:pk>/", views.rule_edit, name="reminder_rule_edit"),
    path(
        MEETING + "reminders/<int:pk>/deactivate/",
        views.rule_deactivate,
        name="reminder_rule_deactivate",
    ),
    path(MEETING + "outbox/", views.outbox, name="outbox"),
    path(MEETING + "outbox/<int:pk>/", views.outbox_message, name="outbox_message"),
    path(
        MEETING + "outbox/<int:pk>/send-again/",
        views.outbox_send_again,
        name="outbox_send_again",
    ),
]
