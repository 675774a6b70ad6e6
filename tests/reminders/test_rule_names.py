"""The default reminder rules are named in the page's language; a name typed stays as typed."""

from django.utils import translation

from accounts.models import User
from reminders.models import ReminderRule
from reminders.services import reminder_rules_default


def test_the_demos_rules_are_named_in_spanish_on_a_spanish_page(client, demo_meeting):
    reminder_rules_default(meeting=demo_meeting)
    client.force_login(User.objects.get(email="secretariat@example.org"))

    page = client.get(f"/es/secretariat/meetings/{demo_meeting.slug}/reminders/")

    html = page.content.decode()
    assert "Oradores: un día antes de su turno" in html
    assert "Speakers: one day before their slot" not in html


def test_rules_made_from_a_spanish_page_are_still_named_in_every_language(demo_meeting):
    ReminderRule.objects.filter(meeting=demo_meeting).delete()

    with translation.override("es"):
        rules = reminder_rules_default(meeting=demo_meeting)

    with translation.override("fr"):
        assert rules[0].display_name.replace("\xa0", " ") == (
            "Intervenants : un jour avant leur créneau"
        )


def test_a_name_the_secretariat_typed_shows_as_typed(demo_meeting):
    rule = ReminderRule(meeting=demo_meeting, name="Recordatorio especial para Barbados")

    with translation.override("en"):
        assert rule.display_name == "Recordatorio especial para Barbados"
