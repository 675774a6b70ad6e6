"""What a reminder says, in whose language and time zone, with which attachment."""

import datetime

import icalendar
from django.core import mail

from delegations.enums import DelegationStatus, MemberRole
from delegations.models import Delegation, DelegationMember
from reminders import services, sweep
from reminders.models import ReminderAnchor, ReminderAudience
from speakers.enums import Attendance
from speakers.models import Person, SpeakerSlot
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE


def send_due(now, capture):
    with capture(execute=True):
        sweep.reminders_sweep(now=now)
    return {message.to[0]: message for message in mail.outbox}


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_of(message):
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    return filename, icalendar.Calendar.from_ical(content)


def test_a_spanish_speaker_gets_the_slot_in_spanish_in_the_meeting_time_zone(
    demo_rules, django_capture_on_commit_callbacks
):
    sent = send_due(DAY_BEFORE, django_capture_on_commit_callbacks)

    panama = sent["speaker.pa@example.org"]
    assert panama.extra_headers["Content-Language"] == "es"
    assert panama.subject.startswith(
        "[CIDI] Recordatorio: usted interviene el 17 de noviembre de 2022"
    )
    assert "el 17 de noviembre de 2022 a las 10:00 (hora oriental, Nueva York)." in panama.body
    assert "17 de noviembre de 2022, 10:00–10:07 (hora oriental, Nueva York)" in panama.body
    assert (
        "No conocemos su zona horaria: los horarios corresponden a la de la reunión, "
        "hora oriental, Nueva York." in panama.body
    )
    assert "Tiempo asignado: 7 min" in panama.body
    assert "1. ¿Cuáles son los principales desafíos que enfrenta su país" in panama.body
    assert "Enlace de conexión" not in panama.body
    assert '<html lang="es">' in html_of(panama)
    assert "10:00–10:07 (hora oriental, Nueva York)" in html_of(panama)
    filename, calendar = calendar_of(panama)
    [event] = calendar.walk("VEVENT")
    assert filename.startswith("social-safety-nets-slot-")
    assert event.decoded("dtstart") == datetime.datetime(2022, 11, 17, 15, tzinfo=datetime.UTC)
    assert str(event.decoded("dtstart").tzinfo) == "America/New_York"


def test_a_speaker_with_a_time_zone_also_gets_the_time_in_it(
    demo_rules, django_capture_on_commit_callbacks
):
    Person.objects.filter(email="speaker.bb@example.org").update(time_zone="America/Barbados")

    barbados = send_due(DAY_BEFORE, django_capture_on_commit_callbacks)["speaker.bb@example.org"]

    assert barbados.extra_headers["Content-Language"] == "en"
    assert "Your time: Nov. 17, 2022, 10:07–10:14 (Eastern Time, New York)" in barbados.body
    assert (
        "In your time zone: Nov. 17, 2022, 11:07–11:14 (Atlantic Time, Barbados)" in barbados.body
    )
    assert "We do not know your time zone" not in barbados.body


def test_a_panelist_gets_the_questions_addressed_to_them_and_the_general_ones(
    demo_rules, django_capture_on_commit_callbacks
):
    sent = send_due(DAY_BEFORE, django_capture_on_commit_callbacks)

    mexico, eclac = sent["speaker.mx@example.org"].body, sent["speaker.eclac@example.org"].body
    assert "Tiempo asignado: 5 + 2 min" in mexico
    assert "1. ¿Cuáles son los desafíos más importantes" in mexico
    assert "2. ¿De qué manera considera que la OEA podría contribuir" in mexico
    assert "qué papel han desempeñado las redes" not in mexico
    assert "2. Desde una perspectiva regional, ¿qué papel han desempeñado las redes" in eclac
    assert "podría contribuir" not in eclac


def test_a_remote_speaker_gets_the_connection_link(demo_rules, django_capture_on_commit_callbacks):
    SpeakerSlot.objects.filter(person__email="speaker.mx@example.org").update(
        attendance=Attendance.REMOTE
    )

    sent = send_due(DAY_BEFORE, django_capture_on_commit_callbacks)

    link = "https://meetings.example.org/cidi/social-safety-nets"
    assert f"Enlace de conexión: {link}" in sent["speaker.mx@example.org"].body
    assert f'href="{link}"' in html_of(sent["speaker.mx@example.org"])
    [event] = calendar_of(sent["speaker.mx@example.org"])[1].walk("VEVENT")
    assert link in str(event["description"])
    assert link not in sent["speaker.do@example.org"].body


def test_a_focal_point_is_told_what_is_due_and_when(
    demo_meeting, django_capture_on_commit_callbacks
):
    demo_meeting.registration_deadline = datetime.datetime(2022, 11, 10, 23, tzinfo=datetime.UTC)
    demo_meeting.save()
    Delegation.objects.filter(meeting=demo_meeting).exclude(member_state__iso2="BB").update(
        status=DelegationStatus.ACCREDITED
    )
    services.reminder_rule_create(
        meeting=demo_meeting,
        name="Focal points",
        anchor=ReminderAnchor.REGISTRATION_DEADLINE,
        offset_minutes=-3 * 1440,
        audience=ReminderAudience.FOCAL_POINTS_UNREGISTERED,
        message="Bring the credentials letter.",
        now=RULES_MADE,
    )

    sent = send_due(
        datetime.datetime(2022, 11, 8, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    [message] = sent.values()
    barbados = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="BB")
    assert message.to == ["focal.bb@example.org"]
    assert "closes on Nov. 10, 2022 at 18:00 (Eastern Time, New York)." in message.body
    assert "The registration of Barbados is not complete yet (Registering)." in message.body
    assert f"http://127.0.0.1:8000/delegations/{barbados.pk}/" in message.body
    assert "Bring the credentials letter." in message.body
    assert message.attachments == []


def test_the_moderator_is_told_when_the_meeting_starts(
    demo_rules, django_capture_on_commit_callbacks
):
    moderator = send_due(DAY_BEFORE, django_capture_on_commit_callbacks)["moderator@example.org"]

    assert moderator.extra_headers["Content-Language"] == "es"
    assert (
        "La reunión comienza el 17 de noviembre de 2022 a las 10:00 (hora oriental, Nueva York)."
        in moderator.body
    )
    assert "/secretariat/meetings/social-safety-nets/participants/" in moderator.body
    assert moderator.attachments == []


def test_a_registered_delegate_is_told_which_delegation_registered_them(
    demo_meeting, django_capture_on_commit_callbacks
):
    uruguay = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="UY")
    uruguay.status = DelegationStatus.ACCREDITED
    uruguay.save()
    DelegationMember.objects.create(
        delegation=uruguay,
        full_name="Delegate of Uruguay",
        role=MemberRole.HEAD,
        email="delegate.uy@example.org",
        preferred_language="en",
    )
    services.reminder_rule_create(
        meeting=demo_meeting,
        name="Delegates",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-1440,
        audience=ReminderAudience.DELEGATES_REGISTERED,
        now=RULES_MADE,
    )

    [message] = send_due(DAY_BEFORE, django_capture_on_commit_callbacks).values()

    assert message.to == ["delegate.uy@example.org"]
    assert "The meeting starts on Nov. 17, 2022 at 10:00 (Eastern Time, New York)." in message.body
    assert "You are registered as a member of the delegation of Uruguay." in message.body
    assert "/delegations/" not in message.body  # no registration page for a delegate
