"""The run-of-show of the demo meeting, read back from the PDF."""

import re

import pytest

from agenda.selectors import agenda_timing, meeting_get_for_agenda
from documents.render import FontsOnlyFetcher
from speakers.models import SpeakerSlot
from tests.documents.conftest import in_order, pdf_reader, pdf_text, render
from tests.factories import MeetingFactory

SPEAKING_ORDER = ["Panama", "Barbados", "Uruguay", "Mexico", "Dominican Republic", "ECLAC"]


@pytest.fixture
def run_of_show(demo_meeting):
    pdf, version = render(demo_meeting, "run-of-show")
    return pdf, version, pdf_text(pdf.data)


def test_speakers_follow_the_agenda(run_of_show):
    _pdf, _version, text = run_of_show

    cues = re.findall(r"gives the floor to .*?\(([^()]*)\)\.", " ".join(text.split()))

    assert cues == SPEAKING_ORDER


def test_clock_times_are_those_of_the_agenda(demo_meeting, run_of_show):
    _pdf, _version, text = run_of_show
    timing = agenda_timing(meeting_get_for_agenda(slug=demo_meeting.slug))
    starts = [f"{slot.planned_start:%H:%M}" for part in timing.segments for slot in part.slots]

    rows = re.findall(
        r"^(\d\d:\d\d)\s*(?:Q&A \d\d:\d\d\s*)?Ends (\d\d:\d\d)\s*(\d+(?: \+ \d+)? min) (\d+) ",
        text,
        flags=re.MULTILINE,
    )

    assert starts == ["10:00", "10:07", "10:14", "10:21", "10:28", "10:35"]
    assert [row[0] for row in rows] == starts
    assert [row[1] for row in rows] == ["10:07", "10:14", "10:21", "10:28", "10:35", "10:42"]
    assert [row[2] for row in rows] == ["7 min"] * 3 + ["5 + 2 min"] * 3
    assert [row[3] for row in rows] == ["7", "14", "21", "28", "35", "42"]


def test_header_footer_lead_and_questions(demo_meeting, run_of_show):
    pdf, version, text = run_of_show

    assert version == 1
    assert "Scenario (run-of-show) · CIDRP03454E01 · Version 1" in text
    assert "Nov. 17, 2022" in text
    assert "OAS headquarters, Washington, D.C." in text
    assert f"Page 1 of {pdf.page_count}" in text
    assert "Moderator: Ms. Maricarmen Plata" in text
    flat = " ".join(text.split())
    assert "The moderator gives the floor to" in flat
    assert "The Chair gives the floor to" in flat
    assert "Q&A 10:26" in text
    assert "11:42 102 min Forecast end of the meeting." in text
    assert "closing social protection gaps?" in flat
    assert "what role have social safety nets played" in flat


def test_general_questions_come_on_every_row_of_their_part(run_of_show):
    _pdf, _version, text = run_of_show
    flat = " ".join(text.split())

    positions = in_order(
        flat,
        [
            "(Panama).",
            "closing social protection gaps?",
            "(Barbados).",
            "closing social protection gaps?",
            "(Uruguay).",
            "closing social protection gaps?",
            "(Mexico).",
            "most important challenges",
            "How do you think the OAS",
            "(Dominican Republic).",
            "most important challenges",
            "How do you think the OAS",
            "(ECLAC).",
            "most important challenges",
            "what role have social safety nets played",
        ],
    )

    assert -1 not in positions


def test_pdf_is_tagged_with_title_and_language(run_of_show):
    pdf, _version, _text = run_of_show
    reader = pdf_reader(pdf.data)

    title = "Scenario (run-of-show): Strengthening social safety nets"
    assert reader.metadata.title.startswith(title)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_landscape_a4_by_default_and_letter_portrait_on_request(demo_meeting, run_of_show):
    pdf, _version, _text = run_of_show
    letter, _version = render(demo_meeting, "run-of-show", paper="letter", orientation="portrait")

    box = pdf_reader(pdf.data).pages[0].mediabox
    letter_box = pdf_reader(letter.data).pages[0].mediabox

    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert (round(float(letter_box.width)), round(float(letter_box.height))) == (612, 792)


def test_spanish_run_of_show_keeps_the_accents(demo_meeting):
    pdf, _version = render(demo_meeting, "run-of-show", language="es")
    text = pdf_text(pdf.data)
    reader = pdf_reader(pdf.data)

    for name in ["Panamá", "México", "República Dominicana", "17 de noviembre de 2022"]:
        assert name in text
    assert reader.trailer["/Root"]["/Lang"] == "es"
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Document-Sans" in font for font in fonts), fonts


def test_markup_in_the_data_is_printed_as_text(demo_meeting):
    demo_meeting.title = 'The "safety nets" </style><script>alert(1)</script> meeting'
    demo_meeting.save()
    SpeakerSlot.objects.filter(representing_state__iso2="PA").update(
        cue_notes="<b>Check the microphone</b> & the slides"
    )

    pdf, _version = render(demo_meeting, "run-of-show")
    text = " ".join(pdf_text(pdf.data).split())

    assert 'The "safety nets" </style><script>alert(1)</script> meeting' in text
    assert "<b>Check the microphone</b> & the slides" in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["run-of-show", "participants", "good-practices", "summary"])
def test_an_empty_meeting_renders_every_document(kind):
    meeting = MeetingFactory(document_code="", venue="")

    pdf, version = render(meeting, kind)

    assert version == 1
    assert pdf.page_count == 1
    assert "Page 1 of 1" in pdf_text(pdf.data)


def test_the_renderer_reads_no_file_but_the_fonts():
    fetcher = FontsOnlyFetcher()

    with pytest.raises(ValueError, match="no resource but their fonts"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="no resource but their fonts"):
        fetcher.fetch("https://example.org/tracker.png")
