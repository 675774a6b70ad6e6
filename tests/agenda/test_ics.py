import datetime

import icalendar
import pytest
from django.urls import reverse

from agenda import selectors, services
from agenda.enums import MeetingStatus, SegmentKind
from agenda.models import Meeting
from speakers.enums import InvitationResponse, SlotStatus
from speakers.models import SpeakerSlot
from speakers.tokens import invitation_token_make
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import (
    MeetingFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    secretariat_user,
)
from tests.speakers.factories import SpeakerInvitationFactory


def ics_path(meeting):
    return f"/meetings/{meeting.slug}/agenda.ics"


def download_calendar(client, meeting):
    response = client.get(ics_path(meeting))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def events_of(calendar, kind):
    """Return the events whose UID names a record of ``kind`` (meeting, part, slot)."""
    return [event for event in calendar.events if str(event["uid"]).startswith(f"{kind}-")]


def clock(event):
    return f"{event.start:%H:%M}–{event.end:%H:%M}"


def test_demo_agenda_has_one_event_per_slot_at_its_clock_time(client, demo_meeting):
    response = client.get(ics_path(demo_meeting))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="social-safety-nets.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    timing = selectors.agenda_timing(selectors.meeting_get_for_agenda(slug=demo_meeting.slug))
    planned = [item.planned_start for part in timing.segments for item in part.slots]
    slots = events_of(calendar, "slot")
    assert [event.start for event in slots] == planned
    assert [event.start.strftime("%H:%M") for event in slots] == [
        "10:00",
        "10:07",
        "10:14",
        "10:21",
        "10:28",
        "10:35",
    ]
    assert {event.start.tzinfo.key for event in calendar.events} == {"America/New_York"}
    assert {event["dtstart"].params["TZID"] for event in calendar.events} == {"America/New_York"}
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    assert str(calendar["x-wr-calname"]) == demo_meeting.title


def test_demo_agenda_has_events_for_the_meeting_every_part_and_every_slot(client, demo_meeting):
    calendar = download_calendar(client, demo_meeting)

    parts = list(demo_meeting.segments.order_by("order"))
    slots = list(SpeakerSlot.objects.filter(segment__meeting=demo_meeting))
    uid = "{}@social-safety-nets.cidi-meeting".format
    assert [str(event["uid"]) for event in calendar.events] == [
        uid(f"meeting-{demo_meeting.pk}"),
        uid(f"part-{parts[0].pk}"),
        *[uid(f"slot-{slot.pk}") for slot in slots[:3]],
        uid(f"part-{parts[1].pk}"),
        *[uid(f"slot-{slot.pk}") for slot in slots[3:]],
        uid(f"part-{parts[2].pk}"),
    ]
    [meeting] = events_of(calendar, "meeting")
    assert str(meeting["summary"]) == demo_meeting.title
    assert clock(meeting) == "10:00–11:42"
    assert [(str(event["summary"]), clock(event)) for event in events_of(calendar, "part")] == [
        ("Part One: Remarks by high-level social development authorities", "10:00–10:21"),
        ("Part Two: Technical panel", "10:21–10:42"),
        ("Dialogue with the delegations, led by the Chair of CIDI", "10:42–11:42"),
    ]
    assert max(event.end for event in calendar.events) == demo_meeting.ends_at


def test_demo_meeting_event_lists_the_parts_and_the_chair(client, demo_meeting):
    calendar = download_calendar(client, demo_meeting)

    [meeting] = events_of(calendar, "meeting")
    description = str(meeting["description"])
    assert "10:42–11:42 Dialogue with the delegations, led by the Chair of CIDI" in description
    assert "Chair: Chair of CIDI" in description
    assert str(meeting["location"]) == "OAS headquarters, Washington, D.C."
    assert str(meeting["status"]) == "CONFIRMED"
    dialogue = events_of(calendar, "part")[2]
    assert "Chair: Chair of CIDI" in str(dialogue["description"])
    assert "share best practices, needs" in str(dialogue["description"])


def test_meeting_event_ends_at_the_planned_end_when_one_is_set(client, demo_meeting):
    demo_meeting.end_time = datetime.time(12, 30)
    demo_meeting.save()

    [meeting] = events_of(download_calendar(client, demo_meeting), "meeting")

    assert meeting.end.isoformat() == "2022-11-17T12:30:00-05:00"


@pytest.mark.django_db
def test_meeting_event_ends_with_the_agenda_without_a_planned_end(client):
    meeting = MeetingFactory(end_time=None)
    panel = SegmentFactory(meeting=meeting, order=1)
    SpeakerSlotFactory(segment=panel, speaking_minutes=5, qa_minutes=2)
    SegmentFactory(meeting=meeting, order=2, kind=SegmentKind.BREAK, allotted_minutes=15)

    [event] = events_of(download_calendar(client, meeting), "meeting")

    assert clock(event) == "10:00–10:22"


def test_demo_slot_event_names_the_speaker_part_and_questions(client, demo_meeting):
    calendar = download_calendar(client, demo_meeting)

    panama, *_, eclac = events_of(calendar, "slot")
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
    assert [str(event["uid"]) for event in again.events] == uids
    assert [str(event["uid"]) for event in moved.events] == uids
    assert events_of(moved, "slot")[1].start.strftime("%H:%M") == "10:10"


def test_every_event_carries_the_agenda_revision_as_its_sequence(client, demo_meeting):
    before = download_calendar(client, demo_meeting)
    slot = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).last()
    services.slot_update(slot=slot, data={"qa_minutes": 3}, expected_version=slot.version)
    after = download_calendar(client, demo_meeting)

    revision = Meeting.objects.get(pk=demo_meeting.pk).agenda_revision
    assert {int(event["sequence"]) for event in after.events} == {revision}
    assert {int(event["sequence"]) for event in before.events} == {revision - 1}


def test_every_event_says_when_the_agenda_last_changed(client, demo_meeting):
    before = download_calendar(client, demo_meeting)
    part = demo_meeting.segments.get(order=3)
    services.segment_update(segment=part, data={"allotted_minutes": 40}, expected_version=1)
    after = download_calendar(client, demo_meeting)

    changed = Meeting.objects.get(pk=demo_meeting.pk).updated_at
    assert {event.decoded("last-modified") for event in after.events} == {
        changed.replace(microsecond=0)
    }
    assert max(e.decoded("last-modified") for e in before.events) < changed
    assert all(event.decoded("dtstamp") >= event.decoded("last-modified") for event in after.events)


def test_event_links_follow_the_site_url(client, demo_meeting, settings):
    settings.SITE_URL = "http://127.0.0.1:8801/"

    calendar = download_calendar(client, demo_meeting)

    page = "http://127.0.0.1:8801/meetings/social-safety-nets/"
    dialogue = demo_meeting.segments.get(order=3)
    [meeting] = events_of(calendar, "meeting")
    assert str(meeting["url"]) == page
    assert str(events_of(calendar, "part")[2]["url"]) == f"{page}#segment-{dialogue.pk}"
    assert {str(event["url"]).split("#")[0] for event in calendar.events} == {page}


def test_speaker_slot_calendar_carries_the_sequence_and_the_site_url(
    client, demo_meeting, settings
):
    settings.SITE_URL = "http://127.0.0.1:8801"
    slot = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="MX")
    invitation = SpeakerInvitationFactory(
        slot=slot, email="speaker.mx@example.org", response=InvitationResponse.CONFIRMED
    )
    token = invitation_token_make(invitation=invitation)

    response = client.get(reverse("speakers:slot_ics", kwargs={"token": token}))

    [event] = icalendar.Calendar.from_ical(response.content).events
    revision = Meeting.objects.get(pk=demo_meeting.pk).agenda_revision
    assert int(event["sequence"]) == revision
    assert str(event["url"]).startswith("http://127.0.0.1:8801/meetings/social-safety-nets/")
    assert "last-modified" in event


@pytest.mark.django_db
def test_parts_without_slots_and_breaks_have_events_and_declined_slots_do_not(client):
    meeting = MeetingFactory(venue="")
    panel = SegmentFactory(meeting=meeting, order=1)
    speaking = SpeakerSlotFactory(segment=panel, speaking_minutes=5, qa_minutes=0)
    SpeakerSlotFactory(segment=panel, status=SlotStatus.DECLINED)
    pause = SegmentFactory(
        meeting=meeting, order=2, kind=SegmentKind.BREAK, title="Coffee", allotted_minutes=15
    )

    calendar = download_calendar(client, meeting)

    assert [str(event["uid"]) for event in calendar.events] == [
        f"meeting-{meeting.pk}@{meeting.slug}.cidi-meeting",
        f"part-{panel.pk}@{meeting.slug}.cidi-meeting",
        f"slot-{speaking.pk}@{meeting.slug}.cidi-meeting",
        f"part-{pause.pk}@{meeting.slug}.cidi-meeting",
    ]
    coffee = calendar.events[-1]
    assert str(coffee["summary"]) == "Coffee"
    assert clock(coffee) == "10:05–10:20"
    assert "location" not in coffee


@pytest.mark.django_db
def test_draft_agenda_is_hidden_from_the_public_and_given_to_the_secretariat(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)

    assert client.get(ics_path(draft)).status_code == 404
    client.force_login(secretariat_user())
    [meeting] = events_of(download_calendar(client, draft), "meeting")
    assert str(meeting["status"]) == "TENTATIVE"


@pytest.mark.django_db
def test_agenda_calendar_runs_the_same_queries_for_small_and_large_agendas(client):
    small, large = MeetingFactory(), MeetingFactory()
    for meeting, size in [(small, 1), (large, 12)]:
        build_agenda(meeting, segments=size // 2 + 1, slots_per_segment=size)
        SegmentFactory(meeting=meeting, kind=SegmentKind.BREAK, allotted_minutes=15)

    assert count_page_queries(client, ics_path(small)) == count_page_queries(
        client, ics_path(large)
    )
