"""Time zones by the names readers know, in their language; the IANA id for machines."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from cidi_meeting.templatetags.zones import zone_city, zone_name

pytestmark = pytest.mark.django_db

MEETING = "/meetings/social-safety-nets/"
HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
NAMES = {
    "en": "Eastern Time, New York",
    "es": "hora oriental, Nueva York",
    "fr": "heure de l’Est nord-américain, New York",
    "pt": "Horário do Leste, Nova York",
}


def page_text(html):
    """Return what a reader sees: no tags, no attributes, no scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


@pytest.mark.parametrize(("language", "expected"), NAMES.items())
def test_a_zone_is_named_in_the_active_language(language, expected):
    with translation.override(language):
        assert zone_name("America/New_York") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "New York"), ("es", "Nueva York"), ("fr", "New York"), ("pt", "Nova York")],
)
def test_where_room_is_short_a_zone_is_its_city(language, expected):
    with translation.override(language):
        assert zone_city("America/New_York") == expected


def test_an_unknown_or_placeless_zone_keeps_its_id():
    assert zone_name("Mars/Olympus_Mons") == "Mars/Olympus_Mons"
    assert zone_name("UTC") == "UTC"
    assert zone_name("") == ""
    assert zone_city("Mars/Olympus_Mons") == "Mars/Olympus_Mons"


@pytest.mark.parametrize(("language", "expected"), NAMES.items())
def test_the_meeting_page_names_its_zone_and_keeps_the_id_for_machines(
    client, demo_meeting, language, expected
):
    prefix = "" if language == "en" else f"/{language}"

    html = client.get(prefix + MEETING, **HTML).content.decode()

    text = page_text(html)
    assert expected in text
    assert "America/New_York" not in text
    assert 'data-meeting-zone="America/New_York"' in html


@pytest.mark.parametrize(("language", "expected"), NAMES.items())
def test_the_home_page_names_the_zone(client, demo_meeting, language, expected):
    prefix = "" if language == "en" else f"/{language}"

    text = page_text(client.get(prefix + "/", **HTML).content.decode())

    assert expected in text
    assert "America/New_York" not in text


def test_the_calendar_file_keeps_the_zone_id(client, demo_meeting):
    response = client.get(MEETING + "agenda.ics", HTTP_ACCEPT="text/calendar")

    assert "America/New_York" in response.content.decode()


@pytest.mark.parametrize(("language", "expected"), NAMES.items())
def test_an_email_names_the_zone_in_the_recipients_language(demo_meeting, language, expected):
    with translation.override(language):
        text = render_to_string(
            "delegations/invitations/_registration_deadline.txt", {"meeting": demo_meeting}
        )

    assert f"({expected})" in text
    assert "America/New_York" not in text


def test_the_zone_choices_name_each_zone_in_the_readers_language():
    from django.utils import translation

    from cidi_meeting.timezones import time_zone_choices

    with translation.override("es"):
        labels = dict(time_zone_choices())

    assert labels["America/New_York"] == "America/New York · hora oriental, Nueva York"
    assert labels["UTC"] == "UTC"
