import icalendar
import pytest

from agenda import selectors
from agenda.enums import MeetingStatus, SegmentKind
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import (
    MeetingFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    secretariat_user,
)


def ics_path(meeting):
    return f"/meetings/{meeting.slug}/agenda.ics"


def download_calendar(client, meeting):
    response = client.get(ics_path(meeting))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def test_demo_agenda_has_one_event_per_slot_at_its_clock_time(client, demo_meeting):
    response = client.get(ics_path(demo_meeting))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="social-safety-nets.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    timing = selectors.agenda_timing(selectors.meeting_get_for_agenda(slug=demo_meeting.slug))
    planned = [item.planned_start for part in timing.segments for item in part.slots]
    events = calendar.events
    assert [event.start for event in events] == planned
    assert [event.start.strftime("%H:%M") for event in events] == [
        "10:00",
        "10:07",
        "10:14",
        "10:21",
        "10:28",
        "10:35",
    ]
    assert {event.start.tzinfo.key for event in events} == {"America/New_York"}
    assert [event["dtstart"].params["TZID"] for event in events] == ["America/New_York"] * 6
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    assert str(calendar["x-wr-calname"]) == demo_meeting.title


def test_demo_slot_event_names_the_speaker_part_and_questions(client, demo_meeting):
    calendar = download_calendar(client, demo_meeting)

    panama, *_, eclac = calendar.events
    assert str(panama["summary"]) == (
        "Panama — High authority of the Ministry of Social Development (7 min)"
    )
    assert str(eclac["summary"]) == "ECLAC — Representative of ECLAC (5 + 2 min)"
    assert str(eclac["location"]) == "OAS headquarters, Washington, D.C."
    description = str(eclac["description"])
    assert "Part Two: Technical panel" in description
    assert "what role have social safety nets played" in description
    assert "How do you think the OAS could contribute" not in description
    assert "dtstamp" in eclac
    assert (eclac.end - eclac.start).total_seconds() == 7 * 60


def test_event_uids_stay_the_same_when_times_change(client, demo_meeting):
    first = download_calendar(client, demo_meeting)
    again = download_calendar(client, demo_meeting)
    opening = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).first()
    opening.speaking_minutes = 10
    opening.save()
    moved = download_calendar(client, demo_meeting)

    uids = [str(event["uid"]) for event in first.events]
    slots = SpeakerSlot.objects.filter(segment__meeting=demo_meeting)
    assert uids == [f"slot-{slot.pk}@social-safety-nets.cidi-meeting" for slot in slots]
    assert [str(event["uid"]) for event in again.events] == uids
    assert [str(event["uid"]) for event in moved.events] == uids
    assert moved.events[1].start.strftime("%H:%M") == "10:10"


@pytest.mark.django_db
def test_breaks_have_events_and_declined_slots_do_not(client):
    meeting = MeetingFactory(venue="")
    panel = SegmentFactory(meeting=meeting, order=1)
    speaking = SpeakerSlotFactory(segment=panel, speaking_minutes=5, qa_minutes=0)
    SpeakerSlotFactory(segment=panel, status=SlotStatus.DECLINED)
    pause = SegmentFactory(
        meeting=meeting, order=2, kind=SegmentKind.BREAK, title="Coffee", allotted_minutes=15
    )

    calendar = download_calendar(client, meeting)

    assert [str(event["uid"]) for event in calendar.events] == [
        f"slot-{speaking.pk}@{meeting.slug}.cidi-meeting",
        f"break-{pause.pk}@{meeting.slug}.cidi-meeting",
    ]
    coffee = calendar.events[1]
    assert str(coffee["summary"]) == "Coffee"
    assert [coffee.start.strftime("%H:%M"), coffee.end.strftime("%H:%M")] == ["10:05", "10:20"]
    assert "location" not in coffee


@pytest.mark.django_db
def test_draft_agenda_is_hidden_from_the_public_and_given_to_the_secretariat(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)

    assert client.get(ics_path(draft)).status_code == 404
    client.force_login(secretariat_user())
    assert client.get(ics_path(draft)).status_code == 200


@pytest.mark.django_db
def test_agenda_calendar_runs_the_same_queries_for_small_and_large_agendas(client):
    small, large = MeetingFactory(), MeetingFactory()
    for meeting, size in [(small, 1), (large, 12)]:
        build_agenda(meeting, segments=size // 2 + 1, slots_per_segment=size)
        SegmentFactory(meeting=meeting, kind=SegmentKind.BREAK, allotted_minutes=15)

    assert count_page_queries(client, ics_path(small)) == count_page_queries(
        client, ics_path(large)
    )
