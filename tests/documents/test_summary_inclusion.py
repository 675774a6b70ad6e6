"""The summary's inclusion figures, after the live console has held three slots.

The demo's speakers declared (``demo.inclusion``): Panama and Barbados as women,
Uruguay as a man, Mexico another gender identity, the Dominican Republic preferred not
to say, ECLAC nothing. The console holds Panama 8 minutes, Barbados 6 and Uruguay 7.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from delegations.enums import MemberRole
from delegations.models import Delegation, DelegationMember, MemberState
from documents import services
from inclusion.enums import Gender
from inclusion.models import SelfDeclaration
from live import services as live
from outcomes.models import TargetGroup
from speakers.models import SpeakerSlot
from tests.agenda.test_views import build_agenda
from tests.delegations.factories import DelegationFactory
from tests.documents.conftest import pdf_text, render
from tests.factories import MeetingFactory

LANGUAGES = ("en", "es", "fr", "pt")


def press(monkeypatch, meeting, action, *, minutes):
    moment = meeting.starts_at + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr("live.clock.now", lambda: moment)
    return live.clock_press(meeting=meeting, action=action)


@pytest.fixture
def three_held(demo_meeting, monkeypatch):
    """Panama 10:00–10:08, Barbados 10:08–10:14, Uruguay 10:14–10:21."""
    minutes = 0
    for length in (8, 6, 7):
        press(monkeypatch, demo_meeting, "start", minutes=minutes)
        minutes += length
        press(monkeypatch, demo_meeting, "end", minutes=minutes)
    return demo_meeting


def inclusion(meeting, language="en"):
    return services.document_content(meeting=meeting, kind="summary", language=language)[
        "inclusion"
    ]


def section_html(meeting, language):
    html, _version = services.document_html(
        meeting=meeting, kind="summary", language=language, paper="a4", orientation="portrait"
    )
    return html.split('data-section="inclusion"', 1)[1].split("</section>", 1)[0]


def flat(text):
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_women_among_the_speakers_of_each_part_and_the_heads(three_held):
    figures = inclusion(three_held)

    assert [(bar["label"], bar["value"]) for bar in figures["women"]["bars"]] == [
        ("Part One: Remarks by high-level social development authorities", "2 of 3 · 67%"),
        ("Part Two: Technical panel", "0 of 3 · 0%"),
        ("All speakers", "2 of 6 · 33%"),
        # The first demo meeting's delegations register their members themselves.
        ("Heads of delegation", "none"),
    ]
    # Woman, man, another, prefer not to say, not declared; total; share.
    assert [(row["counts"], row["total"], row["share"]) for row in figures["breakdowns"][:3]] == [
        (["2", "1", "0", "0", "0"], "3", "67%"),
        (["0", "0", "1", "1", "1"], "3", "0%"),
        (["2", "1", "1", "1", "1"], "6", "33%"),
    ]


def test_speaking_time_by_gender_and_group_planned_and_actual(three_held):
    figures = inclusion(three_held)

    by_gender = {
        bar["label"]: (bar["speakers"], bar["planned_label"], bar["actual_label"])
        for bar in figures["time_by_gender"]["bars"]
    }
    assert by_gender == {
        "Woman": ("2", "14:00", "14:00"),
        "Man": ("1", "7:00", "7:00"),
        "Another gender identity": ("1", "7:00", "0:00"),
        "Prefer not to say": ("1", "7:00", "0:00"),
        "Not declared": ("1", "7:00", "0:00"),
    }
    by_group = {
        bar["label"]: (bar["speakers"], bar["actual_label"])
        for bar in figures["time_by_group"]["bars"]
    }
    # Panama declared a disability (8 minutes), Barbados is Afro-descendant (6),
    # Uruguay an older person (7).
    assert by_group == {
        "Indigenous peoples": ("0", "0:00"),
        "Afro-descendants": ("1", "6:00"),
        "Persons with disabilities": ("1", "8:00"),
        "Older persons": ("1", "7:00"),
        "Youth": ("0", "0:00"),
    }
    assert (figures["held_slots"], figures["slots"]) == ("3", "6")


def test_the_practices_per_country_by_target_group(three_held):
    grid = inclusion(three_held)["practices"]

    rows = {row["name"]: {g["name"]: g["count"] for g in row["groups"]} for row in grid["rows"]}
    assert rows["Uruguay"] == {
        "Women": 1,
        "Older persons": 1,
        "Persons with disabilities": 1,
        "Children and adolescents": 1,
    }
    assert sorted(rows) == ["Dominican Republic", "Panama", "Uruguay"]
    assert grid["total"] == 3


def test_the_pdf_prints_the_inclusion_section_with_its_figures(three_held):
    pdf, _version = render(three_held, "summary")
    text = " ".join(pdf_text(pdf.data).split())

    assert "Inclusion" in text
    assert "Women among the speakers and the heads of delegation" in text
    assert "All speakers 2 1 1 1 1 6 33%" in text
    assert "Woman 2 14:00 14:00 14:00" in text
    assert "Persons with disabilities 1 7:00 7:00 8:00" in text
    assert "Uruguay 1 Women: 1; Older persons: 1" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_in_each_language_keeps_its_figures_and_plain_svg_numbers(three_held, language):
    section = section_html(three_held, language)

    # French writes a (no-break) space before "%": "33 %".
    text = re.sub(r"(\d)\s%", r"\1%", flat(section))
    with translation.override(language):
        women = TargetGroup.objects.get(code="women").name
    assert "2 1 1 1 1 6 33%" in text
    assert "14:00 14:00 14:00" in text
    assert f"{women}: 1" in text
    # Coordinates are written alike in every language: "123.4", never "123,4".
    numbers = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', section)
    assert numbers
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", number) for number in numbers), numbers
    assert all(
        re.fullmatch(r"0 0 \d+ \d+", box) for box in re.findall(r'viewBox="([^"]*)"', section)
    )


def test_heads_of_delegation_are_counted_from_their_declarations(three_held):
    panama = Delegation.objects.get(meeting=three_held, member_state__iso2="PA")
    uruguay = Delegation.objects.get(meeting=three_held, member_state__iso2="UY")
    for delegation, gender in [(panama, Gender.WOMAN), (uruguay, Gender.MAN)]:
        head = DelegationMember.objects.create(
            delegation=delegation, full_name="Head", role=MemberRole.HEAD
        )
        SelfDeclaration.objects.create(member=head, gender=gender)

    bars = inclusion(three_held)["women"]["bars"]

    assert bars[-1]["value"] == "1 of 2 · 50%"


def test_the_fingerprint_follows_declarations_and_the_consoles_times(three_held, monkeypatch):
    before = services.document_content_fingerprint(meeting=three_held, kind="summary")
    panama = SpeakerSlot.objects.get(segment__meeting=three_held, representing_state__iso2="PA")
    declaration = SelfDeclaration.objects.get(person=panama.person)
    declaration.gender = Gender.UNDISCLOSED
    declaration.save()

    declared = services.document_content_fingerprint(meeting=three_held, kind="summary")
    press(monkeypatch, three_held, "start", minutes=21)
    press(monkeypatch, three_held, "end", minutes=26)
    held = services.document_content_fingerprint(meeting=three_held, kind="summary")

    assert len({before, declared, held}) == 3
    assert inclusion(three_held)["breakdowns"][0]["share"] == "33%"


@pytest.mark.django_db
def test_the_inclusion_figures_cost_the_same_queries_for_small_and_large_meetings(monkeypatch):
    small, large = MeetingFactory(), MeetingFactory()
    states = list(MemberState.objects.order_by("iso2")[:4])
    for meeting, size in [(small, 1), (large, 4)]:
        build_agenda(meeting, segments=size, slots_per_segment=size)
        for index, slot in enumerate(SpeakerSlot.objects.filter(segment__meeting=meeting)):
            SelfDeclaration.objects.create(
                person=slot.person, gender=Gender.values[index % 4], youth=index % 2 == 0
            )
        for state in states[:size]:
            head = DelegationMember.objects.create(
                delegation=DelegationFactory(meeting=meeting, member_state=state),
                full_name="Head",
                role=MemberRole.HEAD,
            )
            SelfDeclaration.objects.create(member=head, gender=Gender.WOMAN)
        press(monkeypatch, meeting, "start", minutes=0)
        press(monkeypatch, meeting, "end", minutes=5)

    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            inclusion(meeting)
        counts.append(len(queries))

    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_meeting_without_speakers_says_so_in_one_line():
    meeting = MeetingFactory()

    section = section_html(meeting, "en")

    assert "No speaker and no head of delegation yet." in flat(section)
    assert "<svg" not in section


def test_the_secretariats_summary_shows_exact_small_counts(three_held):
    """The summary is not public: counts below 5 are printed, not withheld."""
    breakdowns = inclusion(three_held)["breakdowns"]

    assert breakdowns[2]["counts"] == ["2", "1", "1", "1", "1"]
    assert "fewer than" not in flat(section_html(three_held, "en"))
