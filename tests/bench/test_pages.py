"""The bench_pages command and the bench's floor view (figures are never asserted)."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

from bench.management.commands.bench_pages import PAGES, RATIOS
from demo.scale import scale_seed
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot

CLOCK = re.compile(r"(\d\d:\d\d)")


@pytest.mark.django_db
def test_bench_pages_merges_figures_and_ratios_into_the_results_file(tmp_path):
    output = tmp_path / "bench-results.json"
    output.write_text(json.dumps({"documents": {"kept": True}, "pages": {"old": 1}}))
    stdout = io.StringIO()

    call_command("bench_pages", sizes="3", rounds=1, warm_ups=0, output=str(output), stdout=stdout)

    results = json.loads(output.read_text())
    assert results["documents"] == {"kept": True}
    pages = results["pages"]
    assert "old" not in pages
    assert sorted(pages) == ["date", "machine", "queries_constant", "settings", "sizes"]
    size = pages["sizes"]["3"]
    assert sorted(size["pages"]) == sorted(name for name, *_rest in PAGES)
    for row in size["pages"].values():
        assert sorted(row) == ["cpu_ms", "kb", "path", "queries"]
        assert row["kb"] > 0
    assert size["pages"]["floor"]["queries"] == 3
    assert sorted(size["ratios"]) == sorted(key for key, *_rest in RATIOS)
    for key, page, divisor in RATIOS:
        numerator, denominator = size["pages"][page]["cpu_ms"], size["pages"][divisor]["cpu_ms"]
        if denominator:
            assert size["ratios"][key] == round(numerator / denominator, 3)
    assert sorted(pages["queries_constant"]) == sorted(name for name, *_rest in PAGES)
    printed = stdout.getvalue()
    assert "× floor" in printed
    assert "Queries, floor: N=3: 3 (same at every N)" in printed


def test_bench_pages_refuses_sizes_that_are_not_whole_numbers(db):
    with pytest.raises(CommandError, match="whole numbers"):
        call_command("bench_pages", sizes="ten", stdout=io.StringIO())


def agenda_clock_times(html):
    """Return the clock times of the public page's agenda, parts and slots, in order."""
    agenda = html[html.index('id="agenda-heading"') :]
    return re.findall(r"data-clock>(\d\d:\d\d)</time>", agenda)


def floor_clock_times(html):
    return [
        time
        for cell in re.findall(r'class="agenda-time">([^<]*)<', html)
        for time in CLOCK.findall(cell)
    ]


@pytest.mark.django_db
def test_the_floor_shows_the_clock_times_speakers_and_questions_of_the_public_page(client):
    meeting, _counts = scale_seed(12)
    # A declined speaker leaves the agenda and gives its time to the next.
    declined = SpeakerSlot.objects.filter(segment__meeting=meeting).order_by("pk")[1]
    declined.status = SlotStatus.DECLINED
    declined.save()

    public = client.get(f"/meetings/{meeting.slug}/").content.decode()
    with override_settings(ROOT_URLCONF="bench.urls"):
        response = client.get(f"/bench/floor/{meeting.slug}/")
    assert response.status_code == 200
    floor = response.content.decode()

    times = agenda_clock_times(public)
    assert len(times) > 12
    assert floor_clock_times(floor) == times
    assert declined.person.display_name not in floor
    for slot in SpeakerSlot.objects.filter(segment__meeting=meeting).exclude(pk=declined.pk):
        assert slot.person.display_name in floor
    for text in meeting.segments.values_list("guiding_questions__text", flat=True):
        assert text in floor


def test_the_floor_is_not_in_the_portals_urls(client, db):
    assert client.get("/bench/floor/scale-3/").status_code == 404
