"""Published meetings: the same clock times as the page and the calendar, in the reader's
language, 404 for the others, and a fixed number of queries."""

import datetime
import re

import icalendar
import pytest
from django.core.cache import cache

from agenda import selectors
from agenda.calendar import event_uid
from agenda.enums import MeetingStatus
from agenda.models import Meeting
from tests.factories import GuidingQuestionFactory, MeetingFactory, meeting_with_parts

pytestmark = pytest.mark.django_db

PAGE_TIME = re.compile(r'<time datetime="([^"]+)" data-clock>')


def api_items(detail):
    """Return [(kind, pk, planned start), …] of every part and slot in the API's order."""
    items = []
    for part in detail["parts"]:
        items.append(("part", part["id"], part["planned_start"]))
        items.extend(("slot", slot["id"], slot["planned_start"]) for slot in part["slots"])
    return items


def in_order(wanted, found):
    """Tell whether ``wanted`` occur in ``found`` in the same order (others between)."""
    position = 0
    for value in wanted:
        try:
            position = found.index(value, position) + 1
        except ValueError:
            return False
    return True


@pytest.mark.parametrize("slug", ["social-safety-nets", "remdes-v"])
def test_every_part_and_slot_has_the_time_of_the_page_and_the_calendar(client, demo_meeting, slug):
    meeting = Meeting.objects.get(slug=slug)
    detail = client.get(f"/api/v1/meetings/{slug}/").json()
    items = api_items(detail)
    assert len(items) > 5

    # The timing the page and the calendar are made from.
    agenda = selectors.meeting_get_for_agenda(slug=slug)
    expected = []
    for part in selectors.agenda_timing(agenda).segments:
        expected.append(("part", part.segment.pk, part.planned_start.isoformat()))
        expected.extend(
            ("slot", timing.slot.pk, timing.planned_start.isoformat()) for timing in part.slots
        )
    assert items == expected
    offset = "-05:00" if slug == "social-safety-nets" else "-04:00"
    assert all(start.endswith(offset) for *_, start in items)

    # The calendar: every part and slot by its UID.
    calendar = icalendar.Calendar.from_ical(client.get(f"/meetings/{slug}/agenda.ics").content)
    starts = {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert [starts[event_uid(kind, pk, meeting)] for kind, pk, _ in items] == [
        datetime.datetime.fromisoformat(start) for *_, start in items
    ]

    # The page: each part's span, then its slots' starts, in the agenda's order.
    page = PAGE_TIME.findall(client.get(f"/meetings/{slug}/").content.decode())
    shown = []
    for part in detail["parts"]:
        shown += [part["planned_start"], part["planned_end"]]
        shown += [slot["planned_start"] for slot in part["slots"]]
    assert in_order(shown, page)


def test_sessions_have_their_span_and_parts(client, ministerial):
    detail = client.get("/api/v1/meetings/remdes-v/").json()

    sessions = detail["sessions"]
    assert len(sessions) == 5
    parts = {part["id"]: part for part in detail["parts"]}
    for session in sessions:
        assert session["parts"]
        assert all(parts[pk]["session"] == session["id"] for pk in session["parts"])
        assert parts[session["parts"][0]]["planned_start"] == session["planned_start"]
    assert sorted(pk for s in sessions for pk in s["parts"]) == sorted(parts)


def test_an_unpublished_meeting_is_not_found(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT, slug="draft-meeting")

    assert client.get(f"/api/v1/meetings/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{draft.slug}/documents/").status_code == 404
    assert client.get(f"/api/v1/meetings/{draft.slug}/cooperation-matrix/").status_code == 404
    assert draft.slug not in [m["slug"] for m in client.get("/api/v1/meetings/").json()]


def test_texts_come_with_the_language_they_are_in(client):
    meeting = MeetingFactory(title_en="Social protection", title_es="Protección social")
    GuidingQuestionFactory(
        segment__meeting=meeting,
        text_en="What works?",
        text_es="",
        text_fr="Qu'est-ce qui marche ?",
    )
    url = f"/api/v1/meetings/{meeting.slug}/"

    spanish = client.get(url, {"lang": "es"})
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    portuguese = client.get(url, {"lang": "pt"}, HTTP_ACCEPT_LANGUAGE="es")

    assert spanish["Content-Language"] == "es"
    body = spanish.json()
    assert (body["title"], body["title_language"]) == ("Protección social", "es")
    question = body["parts"][0]["guiding_questions"][0]
    assert (question["text"], question["text_language"]) == ("What works?", "en")
    body = french.json()
    assert (body["title"], body["title_language"]) == ("Social protection", "en")
    assert body["parts"][0]["guiding_questions"][0]["text_language"] == "fr"
    assert portuguese["Content-Language"] == "pt"
    assert portuguese.json()["title_language"] == "en"
    # An empty text is in no language.
    assert portuguese.json()["parts"][0]["description_language"] is None


def test_the_page_shows_no_declined_slot_and_neither_does_the_api(client):
    from speakers.enums import SlotStatus

    meeting = meeting_with_parts([5, 5])
    declined = meeting.segments.get().slots.last()
    declined.status = SlotStatus.DECLINED
    declined.save()

    part = client.get(f"/api/v1/meetings/{meeting.slug}/").json()["parts"][0]

    assert [slot["id"] for slot in part["slots"]] == [meeting.segments.get().slots.first().pk]
    assert "email" not in str(part)


def test_an_edit_changes_the_etag_and_an_unchanged_meeting_answers_304(client):
    meeting = meeting_with_parts([5, 5])
    url = f"/api/v1/meetings/{meeting.slug}/"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, {"lang": "es"}, HTTP_IF_NONE_MATCH=etag).status_code == 200

    slot = meeting.segments.get().slots.first()
    slot.speaking_minutes = 9
    slot.save()

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["parts"][0]["slots"][0]["speaking_minutes"] == 9


def test_a_live_agenda_has_a_forecast_and_no_last_modified(client):
    from django.utils import timezone

    meeting = meeting_with_parts([5, 5])
    slot = meeting.segments.get().slots.first()
    slot.actual_start = timezone.now()
    slot.save(update_fields=["actual_start"])

    response = client.get(f"/api/v1/meetings/{meeting.slug}/")

    assert "Last-Modified" not in response
    body = response.json()
    assert body["is_live"] is True
    assert [s["live_state"] for s in body["parts"][0]["slots"]] == ["speaking", "upcoming"]
    assert body["parts"][0]["slots"][1]["forecast_start"] is not None


def test_a_conditional_hit_costs_two_queries(client, django_assert_num_queries):
    meeting = meeting_with_parts([5, 5, 5])
    url = f"/api/v1/meetings/{meeting.slug}/"
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(2):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    etag = client.get("/api/v1/meetings/")["ETag"]
    with django_assert_num_queries(1):
        assert client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def grow(meeting, parts):
    """Give ``meeting`` more parts, each with slots and questions addressed to them."""
    from tests.factories import SegmentFactory, SpeakerSlotFactory

    for _ in range(parts):
        segment = SegmentFactory(meeting=meeting)
        slots = [SpeakerSlotFactory(segment=segment) for _ in range(3)]
        question = GuidingQuestionFactory(segment=segment)
        question.addressed_slots.set(slots[:2])


@pytest.mark.parametrize("parts", [1, 4])
def test_a_meeting_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, parts
):
    meeting = meeting_with_parts([5])
    grow(meeting, parts)
    cache.clear()

    with django_assert_num_queries(10):
        assert client.get(f"/api/v1/meetings/{meeting.slug}/").status_code == 200
    # Built once per revision and language: the next reader costs the validators only.
    with django_assert_num_queries(2):
        assert client.get(f"/api/v1/meetings/{meeting.slug}/").status_code == 200


@pytest.mark.parametrize("meetings", [1, 5])
def test_the_list_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, meetings
):
    for _ in range(meetings):
        MeetingFactory()

    with django_assert_num_queries(2):
        body = client.get("/api/v1/meetings/").json()
    assert len(body) == meetings
