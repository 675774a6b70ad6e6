"""Publishing with a checklist, the status in the editor's header, the planned end."""

import datetime

import pytest

from agenda.content_languages import meeting_records, translated_fields
from agenda.enums import MeetingStatus
from agenda.models import GuidingQuestion, Meeting
from agenda.publishing import publish_checklist
from speakers.models import SpeakerSlot
from tests.agenda.test_editor import HTMX, editor_url
from tests.factories import meeting_with_parts, secretariat_user


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


def translate_everything(meeting):
    """Give every translated text of the meeting the same words in all four languages."""
    for _kind, record in meeting_records(Meeting.objects.get(pk=meeting.pk)):
        for field in translated_fields(type(record)):
            english = getattr(record, f"{field}_en")
            if english:
                for language in ("es", "fr", "pt"):
                    setattr(record, f"{field}_{language}", english)
        record.save()


def texts(warnings):
    return [warning.text for warning in warnings]


@pytest.mark.django_db
def test_the_checklist_names_what_is_not_ready():
    meeting = meeting_with_parts([7, 7], published=False, venue="", end_time=datetime.time(10, 5))
    SpeakerSlot.objects.filter(segment__meeting=meeting).update(status="invited")

    warnings = publish_checklist(meeting)

    assert texts(warnings) == [
        "2 speakers have not been invited.",
        "Some texts are not translated into every language; readers see another language.",
        "Deadlines not set.",
        "No venue: delegations do not know where to go.",
        "No connection link for those who join online.",
        "The agenda runs 9 minutes past the planned end.",
        "Parts without guiding questions.",
    ]
    assert warnings[1].details[0].startswith("Spanish: ")
    assert warnings[2].details == [
        "registration deadline",
        "speaker-confirmation deadline",
        "good-practice deadline",
    ]


@pytest.mark.django_db
def test_a_ready_meeting_has_an_empty_checklist():
    meeting = meeting_with_parts(
        [7],
        published=False,
        venue="OAS, Washington",
        connection_link="https://meet.example.org/cidi",
        end_time=datetime.time(11, 0),
        registration_deadline=datetime.datetime(2022, 11, 10, tzinfo=datetime.UTC),
        speaker_confirmation_deadline=datetime.datetime(2022, 11, 10, tzinfo=datetime.UTC),
        practice_deadline=datetime.datetime(2022, 11, 10, tzinfo=datetime.UTC),
    )
    GuidingQuestion.objects.create(segment=meeting.segments.get(), order=1, text="How?")
    translate_everything(meeting)

    assert publish_checklist(meeting) == []


def test_publishing_shows_the_checklist_then_publishes(secretariat_client):
    meeting = meeting_with_parts([7], published=False)

    page = secretariat_client.get(editor_url(meeting, "publish/")).content.decode()
    response = secretariat_client.post(
        editor_url(meeting, "publish/"), {"version": meeting.version}, follow=True
    )

    assert "Deadlines not set." in page
    assert "Publish now" in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    header = response.content.decode().split('id="meeting-status"')[1][:120]
    assert "Published" in header


def test_the_header_follows_a_status_changed_in_the_details(secretariat_client):
    meeting = meeting_with_parts([7], published=False)

    response = secretariat_client.post(
        editor_url(meeting, "unpublish/"), {"version": meeting.version}
    )
    meeting.refresh_from_db()
    page = secretariat_client.post(
        editor_url(meeting, "parts/new/"),
        {
            "title": "Dialogue",
            "kind": "delegations_dialogue",
            "lead_role": "chair",
            "buffer_minutes": 0,
            "floor_minutes": 3,
            "allotted_minutes": 30,
        },
        **HTMX,
    ).content.decode()

    assert response.status_code == 302
    assert 'id="meeting-status"' in page
    assert 'hx-swap-oob="true">Draft<' in page


def test_the_editor_warns_when_the_agenda_runs_past_the_planned_end(secretariat_client):
    meeting = meeting_with_parts([30, 30], end_time=datetime.time(10, 45))

    page = secretariat_client.get(editor_url(meeting)).content.decode()

    assert "Planned end" in page
    assert "The agenda runs 15 minutes past the planned end" in page


def test_a_planned_end_before_the_start_is_refused(secretariat_client):
    meeting = meeting_with_parts([7])
    page = secretariat_client.get(editor_url(meeting, "details/")).content.decode()
    assert 'name="end_time"' in page

    Meeting.objects.filter(pk=meeting.pk).update(end_time=None)
    from agenda.forms import MeetingForm

    form = MeetingForm(
        {"start_time": "10:00", "end_time": "09:00"}, instance=Meeting.objects.get(pk=meeting.pk)
    )
    form.is_valid()
    assert form.errors["end_time"] == ["The planned end must come after the start."]


def test_the_console_warns_when_the_forecast_runs_past_the_planned_end(secretariat_client):
    meeting = meeting_with_parts([30, 30], end_time=datetime.time(10, 45))

    page = secretariat_client.get(f"/meetings/{meeting.slug}/console/").content.decode()

    assert "The forecast runs 15 minutes past the meeting's planned end (10:45)." in page
