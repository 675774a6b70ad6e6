"""Numbers written for machines (SVG geometry, CSS, data attributes) in every language.

In Spanish, French and Portuguese Django writes "237,3" and "1.200" (or "1 200") for
people; a browser reading ``width="237,3"`` draws nothing. Every page that draws the
planned versus actual chart, or that hands numbers to its scripts, writes them as
"237.3" and "1200" whatever the language.
"""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from documents import services as documents
from live import services
from live.models import ClockAction
from tests.live.room_time import at

LANGUAGES = ["es", "fr", "pt"]
# Attributes of SVG elements that take a number (viewBox takes four).
GEOMETRY = re.compile(
    r'\s(x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|stroke-width|font-size|viewBox)="([^"]*)"'
)
STYLE = re.compile(r'\sstyle="([^"]*)"')
DATA = re.compile(r'\s(data-[\w-]+)="([^"]*)"')
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# A number as a person reads it in some language: "237,3", "1 200", "1 200" (no-break).
LOCALIZED = re.compile(r"\d[,\u00a0\u202f]\d|\d \d{3}\b")


def numeric_problems(html):
    """Return the attributes whose numbers a browser or a script could not read."""
    problems = []
    for name, value in GEOMETRY.findall(html):
        for part in value.split():
            number = part.removesuffix("%") if name in {"width", "height"} else part
            try:
                float(number)
            except ValueError:
                problems.append(f'{name}="{value}"')
    for value in STYLE.findall(html):
        if LOCALIZED.search(value):
            problems.append(f'style="{value}"')
    for name, value in DATA.findall(html):
        looks_numeric = re.fullmatch(r"[-\d.,\s\u00a0\u202f]+", value) and re.search(r"\d", value)
        if LOCALIZED.search(value) or (looks_numeric and not NUMBER.fullmatch(value.strip())):
            problems.append(f'{name}="{value}"')
    return problems


def test_numeric_problems_finds_localized_numbers():
    html = (
        '<svg viewBox="0 0 480 204"><rect x="190" width="237,3" height="8"/></svg>'
        '<div style="width: 12,5%" data-limit-seconds="1.200,5" data-server-now="1 668 697 201">'
    )

    assert numeric_problems(html) == [
        'width="237,3"',
        'style="width: 12,5%"',
        'data-limit-seconds="1.200,5"',
        'data-server-now="1 668 697 201"',
    ]


@pytest.fixture
def room_run(demo_meeting, clock):
    """Panama held with a pause and over time, Barbados speaking: odd widths, big numbers."""
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 2, 3)
    services.clock_press(meeting=demo_meeting, action=ClockAction.PAUSE)
    clock.at = at(10, 3, 0)
    services.clock_press(meeting=demo_meeting, action=ClockAction.RESUME)
    clock.at = at(10, 8, 31)
    services.clock_press(meeting=demo_meeting, action=ClockAction.NEXT)
    services.clock_press(meeting=demo_meeting, action=ClockAction.START)
    clock.at = at(10, 9, 40)
    return demo_meeting


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["live:timekeeping", "live:console"])
def test_live_pages_write_numbers_without_the_language_s_separators(
    client, room_run, language, page
):
    client.force_login(User.objects.get(email="secretariat@example.org"))

    response = client.get(f"/{language}" + reverse(page, kwargs={"slug": room_run.slug}))

    html = response.content.decode()
    assert response.context["LANGUAGE_CODE"] == language
    assert numeric_problems(html) == []
    if page == "live:timekeeping":
        assert '<svg class="pva-chart"' in html
        assert re.search(r'<rect x="\d+" y="\d+" width="\d+\.\d+"', html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_summary_writes_its_chart_numbers_without_the_language_s_separators(room_run, language):
    html, _version = documents.document_html(
        meeting=room_run, kind="summary", language=language, paper="a4", orientation="portrait"
    )

    assert '<svg class="pva-chart"' in html
    assert numeric_problems(html) == []
