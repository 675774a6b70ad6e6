"""A delegate in Madrid switches the agenda to her own time zone: every time follows.

The planned times, and also the times the console recorded (a speaker held 10:00–10:07)
and the forecast end, which used to stay in the meeting's zone.
"""

import datetime

import pytest
from playwright.sync_api import expect

from speakers.models import SpeakerSlot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_YORK_TO_MADRID = datetime.timedelta(hours=6)  # in November


def test_the_time_zone_switch_converts_held_times_and_the_forecast(
    live_server, demo_meeting, browser
):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    start = demo_meeting.starts_at
    SpeakerSlot.objects.filter(pk=panama.pk).update(
        actual_start=start, actual_end=start + datetime.timedelta(minutes=7)
    )
    page = browser.new_context(locale="en-US", timezone_id="Europe/Madrid").new_page()
    page.goto(f"{live_server.url}/meetings/{demo_meeting.slug}/")
    held = page.get_by_test_id(f"live-slot-{panama.pk}")
    forecast = page.get_by_test_id("live-forecast")
    expect(held).to_contain_text("held 10:00–10:07")
    forecast_in_new_york = forecast.locator("time").inner_text()

    page.get_by_role("button", name="Show times in my time zone").click()

    expect(held).to_contain_text("held 16:00–16:07")
    in_madrid = datetime.datetime.strptime(forecast_in_new_york, "%H:%M") + NEW_YORK_TO_MADRID
    expect(forecast.locator("time")).to_have_text(in_madrid.strftime("%H:%M"))
    # The meeting's times at the top name the zone they are in, as people know it.
    expect(page.locator("[data-zone-name]")).to_have_text("Central European Time, Madrid")
    expect(page.locator("dd time[data-clock]").first).to_have_text("16:00")
