"""Documents and emails in the reader's language: the run-of-show in Spanish, a reminder
in Portuguese through a real SMTP server."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from reminders import sweep
from reminders.models import ReminderAnchor, ReminderAudience, ReminderRule
from tests.documents.conftest import pdf_text
from tests.reminders.conftest import DAY_BEFORE, Received, smtp_settings

pytestmark = pytest.mark.django_db


def test_the_run_of_show_in_spanish_has_spanish_titles_questions_and_dates(demo_meeting, tmp_path):
    output = tmp_path / "guion.pdf"

    call_command(
        "render_document",
        "run-of-show",
        meeting=demo_meeting.slug,
        lang="es",
        output=str(output),
        stdout=io.StringIO(),
    )

    text = " ".join(pdf_text(output.read_bytes()).split())
    part_one = demo_meeting.segments.get(order=1)
    question = part_one.guiding_questions.first()
    assert " ".join(part_one.title_es.split()) in text
    assert " ".join(question.text_es.split())[:60] in text
    assert "17 de noviembre de 2022" in text
    assert "Guion de la sesión" in text or "guion de la sesión" in text.lower()
    assert "Part One" not in text


def test_a_portuguese_speaking_focal_point_gets_the_reminder_in_portuguese(
    settings, smtp_server, demo_meeting, django_capture_on_commit_callbacks
):
    smtp_settings(settings, smtp_server.port)
    User.objects.filter(email="focal.bb@example.org").update(preferred_language="pt")
    ReminderRule.objects.filter(meeting=demo_meeting).delete()
    ReminderRule.objects.create(
        meeting=demo_meeting,
        name="Focal points: one day before the meeting",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-24 * 60,
        audience=ReminderAudience.FOCAL_POINTS_ALL,
    )

    with django_capture_on_commit_callbacks(execute=True):
        sweep.reminders_sweep(now=DAY_BEFORE)

    received = {
        Received(message["data"]).to: Received(message["data"]) for message in smtp_server.messages
    }
    barbados = received["focal.bb@example.org"]
    assert barbados.message["Content-Language"] == "pt"
    assert barbados.subject.strip().startswith("[CIDI] Lembrete"), barbados.subject
    assert barbados.text.startswith("Prezado(a) ")
    assert "Fortalecimento das redes de proteção social" in barbados.text
    assert "Este lembrete foi enviado automaticamente" in barbados.text
    assert "/pt/meetings/social-safety-nets/" in barbados.text
    spanish = received["focal.pa@example.org"]
    assert spanish.message["Content-Language"] == "es"
    assert "/es/meetings/social-safety-nets/" in spanish.text
