import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.enums import MeetingStatus
from tests.factories import (
    GuidingQuestionFactory,
    MeetingFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    secretariat_user,
)


def test_home_lists_the_published_demo_meeting(client, demo_meeting):
    response = client.get("/")

    assert response.status_code == 200
    assert demo_meeting.title in response.content.decode()


def test_meeting_page_shows_code_date_and_agenda(client, demo_meeting):
    response = client.get("/meetings/social-safety-nets/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "CIDRP03454E01" in page
    assert re.search(r"Nov\. 17, 2022</time>,\s*<time [^>]*data-clock>10:00</time>", page)
    assert "Part Two: Technical panel" in page
    assert "5 + 2 min" in page
    assert "Maricarmen Plata" in page
    assert '<a class="skip-link' in page
    assert '<main id="main"' in page


@pytest.mark.django_db
def test_draft_meeting_is_hidden_from_the_public_and_shown_to_the_secretariat(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/").content.decode()
    client.force_login(secretariat_user())
    assert client.get(draft.get_absolute_url()).status_code == 200


def build_agenda(meeting, *, segments, slots_per_segment):
    for _ in range(segments):
        segment = SegmentFactory(meeting=meeting)
        slots = [SpeakerSlotFactory(segment=segment) for _ in range(slots_per_segment)]
        question = GuidingQuestionFactory(segment=segment)
        question.addressed_slots.add(slots[0])
        GuidingQuestionFactory(segment=segment)


def count_page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_meeting_page_runs_the_same_queries_for_small_and_large_agendas(client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=6, slots_per_segment=12)

    assert count_page_queries(client, small.get_absolute_url()) == count_page_queries(
        client, large.get_absolute_url()
    )


@pytest.mark.django_db
def test_home_page_runs_the_same_queries_for_few_and_many_meetings(client):
    MeetingFactory()
    few = count_page_queries(client, "/")
    MeetingFactory.create_batch(25)

    assert count_page_queries(client, "/") == few
