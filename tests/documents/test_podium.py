"""The scenario's podium edition: the same words in large print, read back from the PDF."""

import re

import pytest

from documents.kinds.run_of_show import scenario_content
from documents.registry import spec_for
from speakers.models import SpeakerSlot
from tests.documents.conftest import pdf_reader, pdf_text, render

# The page's user space is scaled by 0.75 (CSS pixels to points) in WeasyPrint's PDFs.
MARGIN_TOP_PT, MARGIN_BOTTOM_PT = 24 / 25.4 * 72, 18 / 25.4 * 72


@pytest.fixture
def podium(demo_meeting):
    pdf, _version = render(demo_meeting, "podium")
    return pdf


def squeezed(text):
    """Return ``text`` without white space, as line breaks (and hyphens) fall anywhere."""
    return re.sub(r"\s+", "", text)


def fragments(page):
    """Return (size in points, is bold, text) of each piece of text in the page's body."""
    found = []
    height = float(page.mediabox.height)

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        scale = cm[0] * tm[0]
        top = height - (cm[3] * tm[5] + cm[5])
        if MARGIN_TOP_PT < top < height - MARGIN_BOTTOM_PT:
            bold = "Bold" in str(font.get("/BaseFont", "")) if font else False
            found.append((round(size * scale, 1), bold, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_every_speaker_and_their_floor_words_are_in_the_podium_edition(demo_meeting, podium):
    text = pdf_text(podium.data)
    flat = " ".join(text.split())
    items = [item for part in scenario_content(demo_meeting)["parts"] for item in part["items"]]

    assert len(items) == 6
    for item in items:
        assert squeezed(item["speaker"]) in squeezed(text)
        assert squeezed(item["floor_words"][0]) in squeezed(text)
    assert "The Chair opens the meeting and welcomes the delegations" in flat
    assert "The Chair summarizes the dialogue in light of the expected outcomes:" in flat
    assert "Raise the member states' awareness of the differentiated impact" in flat


def test_portrait_a4_with_the_title_and_page_numbers_on_every_page(podium):
    reader = pdf_reader(podium.data)
    count = len(reader.pages)

    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert count == podium.page_count > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Strengthening social safety nets for an inclusive" in text
        assert f"Page {number} of {count}" in text
    assert reader.metadata.title.startswith("Scenario, podium edition: Strengthening")


def test_the_body_is_large_print_and_clock_times_are_20_points_bold(podium):
    reader = pdf_reader(podium.data)
    # Past the first page's header (the meeting's facts print smaller there).
    body = [fragment for page in reader.pages[1:] for fragment in fragments(page)]
    clocks = [(size, bold) for size, bold, text in body if re.fullmatch(r"\d\d:\d\d", text)]

    assert body
    assert min(size for size, _bold, _text in body) >= 14
    assert len(clocks) >= 6
    assert set(clocks) == {(20.0, True)}


def test_one_block_per_slot_is_never_split_across_pages(demo_meeting, podium):
    reader = pdf_reader(podium.data)
    pages = [squeezed(page.extract_text()) for page in reader.pages]
    items = [item for part in scenario_content(demo_meeting)["parts"] for item in part["items"]]

    for item in items:
        words = squeezed(item["floor_words"][0])
        holding = [index for index, text in enumerate(pages) if words in text]
        assert len(holding) == 1, item["speaker"]
        block_end = "Floorlanguage:"
        assert block_end in pages[holding[0]][pages[holding[0]].index(words) :]


def test_edited_floor_words_print_in_the_podium_edition(demo_meeting):
    SpeakerSlot.objects.filter(segment__meeting=demo_meeting, representing_state__iso2="BB").update(
        floor_words_en="The Chair warmly welcomes the Minister of Barbados."
    )

    pdf, _version = render(demo_meeting, "podium")

    assert "The Chair warmly welcomes the Minister of Barbados." in " ".join(
        pdf_text(pdf.data).split()
    )


def test_the_podium_edition_is_for_those_who_run_meetings():
    spec = spec_for("podium")

    assert not spec.is_public
    assert spec.default_orientation == "portrait"
    assert spec.template_name == "documents/podium.html"
