"""The history page: changes in the meeting's time zone, and only changes one can see."""

import datetime
import re

import pytest
from django.utils.formats import date_format

from agenda.history import meeting_history
from tests.agenda.test_editor import editor_url, meeting_form_data
from tests.factories import meeting_with_parts, secretariat_user

TOKYO = datetime.timezone(datetime.timedelta(hours=9))


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


@pytest.fixture
def meeting():
    """A meeting in Tokyo, nine hours from UTC, so that a time in UTC shows."""
    return meeting_with_parts([5], published=False, time_zone="Asia/Tokyo")


def history_page(client, meeting):
    response = client.get(editor_url(meeting, "history/"))
    assert response.status_code == 200
    return response.content.decode()


def change_lines(page):
    return [
        " ".join(re.sub(r"<[^>]+>", " ", line).split())
        for line in re.findall(r"<li><strong>.*?</li>", page)
    ]


def test_history_shows_when_in_the_meetings_time_zone(secretariat_client, meeting):
    secretariat_client.post(
        editor_url(meeting, "details/"), meeting_form_data(meeting, document_code="CIDI/1")
    )

    page = history_page(secretariat_client, meeting)

    changed = meeting.history.order_by("-history_date").first().history_date.astimezone(TOKYO)
    assert "Dates and times are in the meeting's time zone, Japan Time, Tokyo." in page
    shown = date_format(changed, "DATETIME_FORMAT")
    assert f'<time datetime="{changed.isoformat()}">{shown}</time>' in page


def test_a_deadline_changed_shows_in_the_meetings_time_zone(secretariat_client, meeting):
    meeting.registration_deadline = datetime.datetime(2022, 11, 10, 9, 0, tzinfo=TOKYO)
    meeting.save()

    lines = change_lines(history_page(secretariat_client, meeting))

    assert "Registration deadline : — → Nov. 10, 2022, 9 a.m." in lines


def test_history_leaves_out_changes_nothing_shows(secretariat_client, meeting):
    # Saved in Spanish, the empty Spanish venue goes from "none" to "empty".
    secretariat_client.post(
        "/es" + editor_url(meeting, "details/"),
        meeting_form_data(meeting, title="", venue="", document_code="CIDI/1"),
    )

    lines = change_lines(history_page(secretariat_client, meeting))

    assert lines == ["Document code : — → CIDI/1"]


@pytest.mark.django_db
def test_a_save_that_changes_nothing_visible_is_not_listed(meeting):
    listed = len(meeting_history(meeting=meeting))
    meeting.venue_fr = ""
    meeting.save()

    assert len(meeting_history(meeting=meeting)) == listed


def test_a_text_changed_in_one_language_is_listed_with_its_language(secretariat_client, meeting):
    part = meeting.segments.get()
    secretariat_client.post(
        f"/es/secretariat/meetings/{meeting.slug}/parts/{part.pk}/",
        {
            "title": "Apertura",
            "kind": part.kind,
            "lead_role": part.lead_role,
            "buffer_minutes": 0,
            "floor_minutes": 3,
            "version": part.version,
        },
    )

    lines = change_lines(history_page(secretariat_client, meeting))

    assert lines == ["Title (ES) : — → Apertura"]
