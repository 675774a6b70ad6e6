"""The inclusion figures of a meeting: women among speakers and heads, speaking time by
gender and group (actual times set by the real live console), practices per country, and
the suppression of small counts for the public."""

import datetime

import pytest

from agenda.enums import SlotStatus
from delegations.enums import MemberRole
from inclusion.enums import Gender
from inclusion.figures import compute, suppression
from inclusion.models import SelfDeclaration
from live import services as console
from live.models import ClockAction
from tests.delegations.factories import DelegationFactory, member_states, organization_delegation
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory
from tests.live.room_time import RoomTime, at
from tests.outcomes.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The live console's clock, set to 10:00 on the meeting's day (as in tests/live)."""
    room_time = RoomTime(at(10, 0))
    monkeypatch.setattr("live.clock.now", room_time)
    return room_time


def declare(owner, gender="", **groups):
    """Record what ``owner`` (a speaker record or a delegation member) declares."""
    key = "member" if hasattr(owner, "delegation_id") else "person"
    return SelfDeclaration.objects.create(**{key: owner}, gender=gender, **groups)


def press(meeting, clock, action, moment):
    clock.at = moment
    return console.clock_press(meeting=meeting, action=action)


@pytest.fixture
def three_speakers():
    """Part 1: a woman (youth) and a man (declared as a delegation member); part 2: one
    speaker who declared nothing. A withdrawn slot of another woman is not heard."""
    meeting = MeetingFactory()
    first = SegmentFactory(meeting=meeting, order=1, title="Opening panel")
    second = SegmentFactory(meeting=meeting, order=2, title="Dialogue")
    woman, man, silent = PersonFactory(), PersonFactory(), PersonFactory()
    declare(woman, Gender.WOMAN, youth=True)
    delegation = DelegationFactory(meeting=meeting)
    declare(
        DelegationMemberFactory(delegation=delegation, person=man, role=MemberRole.ADVISER),
        Gender.MAN,
    )
    slots = [
        SpeakerSlotFactory(segment=first, person=woman, order=1, speaking_minutes=5, qa_minutes=0),
        SpeakerSlotFactory(segment=first, person=man, order=2, speaking_minutes=5, qa_minutes=0),
        SpeakerSlotFactory(
            segment=second, person=silent, order=1, speaking_minutes=5, qa_minutes=2
        ),
    ]
    withdrawn = PersonFactory()
    declare(withdrawn, Gender.WOMAN)
    SpeakerSlotFactory(
        segment=second, person=withdrawn, order=2, speaking_minutes=9, status=SlotStatus.WITHDRAWN
    )
    return meeting, slots


def run_the_console(meeting, clock):
    """Hold the three slots as the console does: start, pause, questions, next, end."""
    press(meeting, clock, ClockAction.START, at(10, 0))  # the woman: 6:00
    press(meeting, clock, ClockAction.NEXT, at(10, 6))
    press(meeting, clock, ClockAction.START, at(10, 7))  # the man: 5:30 less 1:00 paused
    press(meeting, clock, ClockAction.PAUSE, at(10, 9))
    press(meeting, clock, ClockAction.RESUME, at(10, 10))
    press(meeting, clock, ClockAction.NEXT, at(10, 12, 30))
    press(meeting, clock, ClockAction.START, at(10, 13))  # not declared: 7:00 with questions
    press(meeting, clock, ClockAction.QUESTIONS, at(10, 17))
    press(meeting, clock, ClockAction.END, at(10, 20))
    press(meeting, clock, ClockAction.NEXT, at(10, 20, 30))


def by_key(rows):
    return {row["key"]: row for row in rows}


def test_the_figures_of_slots_held_on_the_live_console(three_speakers, clock):
    meeting, slots = three_speakers

    run_the_console(meeting, clock)
    figures = compute.meeting_figures(meeting)

    for slot in slots:
        slot.refresh_from_db()
    assert [slot.actual_seconds for slot in slots] == [360, 270, 420]
    parts = figures["speakers"]["parts"]
    assert [(part["title"], part["total"], part["women_share"]) for part in parts] == [
        ("Opening panel", 2, 0.5),
        ("Dialogue", 1, 0.0),
    ]
    assert parts[0]["counts"] == {
        "woman": 1,
        "man": 1,
        "another": 0,
        "undisclosed": 0,
        "not_declared": 0,
    }
    assert parts[1]["counts"]["not_declared"] == 1
    assert figures["speakers"]["meeting"]["total"] == 3
    assert figures["speakers"]["meeting"]["women_share"] == pytest.approx(1 / 3)
    times = {
        key: (row["speakers"], row["planned_seconds"], row["actual_seconds"])
        for key, row in by_key(figures["time_by_gender"]).items()
    }
    assert times == {
        "woman": (1, 300, 360),
        "man": (1, 300, 270),
        "another": (0, 0, 0),
        "undisclosed": (0, 0, 0),
        "not_declared": (1, 420, 420),
    }
    youth = by_key(figures["time_by_group"])["youth"]
    assert (youth["speakers"], youth["planned_seconds"], youth["actual_seconds"]) == (1, 300, 360)
    assert by_key(figures["time_by_group"])["older"]["speakers"] == 0
    total = figures["total_time"]
    assert (total["planned_seconds"], total["actual_seconds"], total["held_slots"]) == (
        1020,
        1050,
        3,
    )


def test_a_slot_not_yet_held_counts_in_planned_time_only(three_speakers, clock):
    meeting, _slots = three_speakers
    press(meeting, clock, ClockAction.START, at(10, 0))
    press(meeting, clock, ClockAction.NEXT, at(10, 4, 30))
    press(meeting, clock, ClockAction.START, at(10, 5))  # the man is still speaking

    rows = by_key(compute.meeting_figures(meeting)["time_by_gender"])

    assert (rows["woman"]["planned_seconds"], rows["woman"]["actual_seconds"]) == (300, 270)
    assert (rows["man"]["planned_seconds"], rows["man"]["actual_seconds"]) == (300, 0)
    assert (rows["man"]["held_slots"], rows["man"]["planned_held_seconds"]) == (0, 0)
    assert rows["not_declared"]["planned_seconds"] == 420


def test_a_speaker_record_s_own_declaration_comes_before_its_member_s():
    meeting = MeetingFactory()
    person = PersonFactory()
    declare(person, Gender.WOMAN)
    member = DelegationMemberFactory(delegation=DelegationFactory(meeting=meeting), person=person)
    declare(member, Gender.MAN)
    SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting), person=person)

    figures = compute.meeting_figures(meeting)

    assert figures["speakers"]["meeting"]["counts"]["woman"] == 1
    assert figures["heads"]["counts"]["woman"] == 1


def test_a_blank_gender_is_not_declared_and_a_person_speaking_twice_counts_once():
    meeting = MeetingFactory()
    part = SegmentFactory(meeting=meeting)
    person = PersonFactory()
    declare(person, "", older=True)
    SpeakerSlotFactory.create_batch(2, segment=part, person=person)

    figures = compute.meeting_figures(meeting)

    assert figures["speakers"]["meeting"]["total"] == 1
    assert figures["speakers"]["meeting"]["counts"]["not_declared"] == 1
    older = by_key(figures["time_by_group"])["older"]
    assert (older["speakers"], older["slots"]) == (1, 2)


def test_the_share_of_women_among_heads_of_delegation():
    meeting = MeetingFactory()
    states = member_states(4)
    genders = [Gender.WOMAN, Gender.WOMAN, Gender.MAN, ""]
    for state, gender in zip(states, genders, strict=True):
        delegation = DelegationFactory(meeting=meeting, member_state=state)
        head = DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD)
        declare(head, gender)
        # An alternate is not a head, whatever they declare.
        declare(
            DelegationMemberFactory(delegation=delegation, role=MemberRole.ALTERNATE), Gender.WOMAN
        )
    # A head in another meeting's delegation is not counted.
    declare(DelegationMemberFactory(delegation=DelegationFactory(member_state=states[0])), "man")

    heads = compute.meeting_figures(meeting)["heads"]

    assert heads["total"] == 4
    assert heads["counts"] == {
        "woman": 2,
        "man": 1,
        "another": 0,
        "undisclosed": 0,
        "not_declared": 1,
    }
    assert heads["women_share"] == 0.5


def test_published_practices_per_country_by_target_group_and_instrument():
    meeting = MeetingFactory()
    states = {state.iso2: state for state in member_states()}
    panama = DelegationFactory(meeting=meeting, member_state=states["PA"])
    barbados = DelegationFactory(meeting=meeting, member_state=states["BB"])
    GoodPracticeFactory(
        delegation=panama, target_groups=["women", "older-persons"], instruments=["cash-transfer"]
    )
    GoodPracticeFactory(delegation=panama, target_groups=["women"])
    GoodPracticeFactory(delegation=barbados, target_groups=["older-persons"])
    GoodPracticeFactory(delegation=organization_delegation(meeting), target_groups=["women"])
    # Neither a draft nor another meeting's practice counts.
    GoodPracticeFactory(delegation=barbados, status="draft", published_at=None)
    GoodPracticeFactory(delegation=DelegationFactory(member_state=states["PA"]))

    practices = compute.meeting_figures(meeting)["practices"]

    assert [term["code"] for term in practices["target_groups"]] == ["women", "older-persons"]
    assert [term["code"] for term in practices["instruments"]] == [
        "cash-transfer",
        "cash-transfer-conditional",
    ]
    rows = [
        (row["name"], row["practices"], row["by_target_group"], row["by_instrument"])
        for row in practices["rows"]
    ]
    assert rows == [
        ("Barbados", 1, [0, 1], [0, 1]),
        ("Panama", 2, [2, 1], [1, 1]),
        ("Economic Commission for Latin America and the Caribbean", 1, [1, 0], [0, 1]),
    ]
    assert practices["totals"] == {
        "practices": 4,
        "by_target_group": [3, 2],
        "by_instrument": [1, 3],
    }


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ({"woman": 5, "man": 5, "not_declared": 0}, set()),
        ({"woman": 4, "man": 6, "not_declared": 5}, {"woman", "not_declared"}),
        ({"woman": 4, "man": 2, "not_declared": 0}, {"woman", "man"}),
        ({"woman": 3, "man": 0, "not_declared": 0}, {"woman", "man", "not_declared"}),
        ({"woman": 0, "man": 0, "not_declared": 0}, set()),
    ],
)
def test_small_counts_and_what_would_give_them_away_are_withheld(counts, hidden):
    assert suppression.hidden_cells(counts) == hidden


def test_the_public_display_withholds_four_women_and_shows_five():
    def shown(women, men):
        exact = {
            **empty_figures(),
            "speakers": {
                "parts": [],
                "meeting": compute.breakdown(["woman"] * women + ["man"] * men),
            },
        }
        return compute.display_figures(exact, public=True)["speakers"]["meeting"]

    four, five = shown(4, 6), shown(5, 6)

    assert (four["women"]["label"], four["women"]["is_hidden"]) == ("fewer than 5", True)
    assert four["women_share"]["label"] == ""
    assert (five["women"]["label"], five["women_share"]["label"]) == ("5", "45%")
    assert five["total"]["label"] == "11"


def test_the_secretariat_display_withholds_nothing():
    exact = {
        **empty_figures(),
        "speakers": {"parts": [], "meeting": compute.breakdown(["woman", "man", "man"])},
    }

    meeting = compute.display_figures(exact, public=False)["speakers"]["meeting"]

    assert [cell["label"] for cell in meeting["counts"]] == ["1", "2", "0", "0", "0"]
    assert meeting["women_share"]["label"] == "33%"


def test_times_of_a_group_of_fewer_than_five_are_withheld_in_public():
    exact = empty_figures()
    exact["time_by_group"][0].update(speakers=3, slots=3, planned_seconds=900)
    exact["time_by_group"][1].update(speakers=5, slots=5, planned_seconds=1500)

    rows = compute.display_figures(exact, public=True)["time_by_group"]

    assert (rows[0]["speakers"]["label"], rows[0]["planned"]["label"]) == ("fewer than 5", "")
    assert (rows[1]["speakers"]["label"], rows[1]["planned"]["label"]) == ("5", "25:00")


def empty_figures():
    """Return the figures of a meeting with no speaker, head or practice (no query)."""
    return {
        "speakers": compute.speaker_figures([], []),
        "heads": compute.breakdown([]),
        "time_by_gender": compute.time_by_gender([]),
        "time_by_group": compute.time_by_group([]),
        "total_time": compute.time_row([]),
        "practices": compute.practice_figures([]),
    }


def meeting_of_size(size):
    """A meeting of two sittings' worth of parts, ``size`` declared speakers per part,
    ``size`` heads and practices, ended."""
    meeting = MeetingFactory(end_time=datetime.time(13, 0))
    states = member_states(size)
    for order in (1, 2):
        part = SegmentFactory(meeting=meeting, order=order)
        for index in range(size):
            person = PersonFactory()
            declare(person, Gender.WOMAN if index % 2 else Gender.MAN, youth=bool(index % 3))
            SpeakerSlotFactory(segment=part, person=person)
    for state in states:
        delegation = DelegationFactory(meeting=meeting, member_state=state)
        declare(DelegationMemberFactory(delegation=delegation), Gender.WOMAN)
        GoodPracticeFactory(delegation=delegation, target_groups=["women", "older-persons"])
    return meeting


@pytest.mark.parametrize("size", [2, 12])
def test_the_figures_run_a_fixed_number_of_queries(size, django_assert_num_queries):
    meeting = meeting_of_size(size)

    # Slots with declarations, heads, practices with their target groups and instruments.
    with django_assert_num_queries(5):
        figures = compute.meeting_figures(meeting)

    assert figures["speakers"]["meeting"]["total"] == 2 * size
    assert figures["practices"]["totals"]["practices"] == size
