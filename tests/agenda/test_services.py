import datetime

import pytest
from django.core.exceptions import ValidationError

from agenda import selectors, services
from agenda.models import Segment
from cidi_meeting.ordering import DOWN, UP
from cidi_meeting.versioning import EditConflict
from speakers.models import SpeakerSlot
from tests.factories import meeting_with_parts


def part_slots(meeting, order):
    return list(
        SpeakerSlot.objects.filter(segment__meeting=meeting, segment__order=order).order_by("order")
    )


def slot_times(meeting, order):
    timing = selectors.agenda_timing(
        selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    )
    part = next(p for p in timing.segments if p.segment.order == order)
    return [(t.slot.representing_label, t.planned_start.strftime("%H:%M")) for t in part.slots]


def test_moving_a_slot_up_moves_the_clock_times(demo_meeting):
    barbados = part_slots(demo_meeting, 1)[1]

    services.slot_move(slot=barbados, direction=UP)

    assert slot_times(demo_meeting, 1) == [
        ("Barbados", "10:00"),
        ("Panama", "10:07"),
        ("Uruguay", "10:14"),
    ]


def test_reorder_by_drag_and_drop_rewrites_positions(demo_meeting):
    panama, barbados, uruguay = part_slots(demo_meeting, 1)
    part_one = panama.segment

    services.slots_reorder(segment=part_one, slot_ids=[uruguay.pk, panama.pk, barbados.pk])

    assert [s.representing_label for s in part_slots(demo_meeting, 1)] == [
        "Uruguay",
        "Panama",
        "Barbados",
    ]


def test_dragging_a_slot_into_another_part_moves_it_and_renumbers_both(demo_meeting):
    _panama, _barbados, uruguay = part_slots(demo_meeting, 1)
    mexico, dominican, eclac = part_slots(demo_meeting, 2)

    services.slots_reorder(
        segment=mexico.segment, slot_ids=[mexico.pk, uruguay.pk, dominican.pk, eclac.pk]
    )

    assert [(s.representing_label, s.order) for s in part_slots(demo_meeting, 1)] == [
        ("Panama", 1),
        ("Barbados", 2),
    ]
    assert [s.representing_label for s in part_slots(demo_meeting, 2)] == [
        "Mexico",
        "Uruguay",
        "Dominican Republic",
        "ECLAC",
    ]


@pytest.mark.django_db
def test_reorder_with_a_stale_list_is_refused():
    meeting = meeting_with_parts([7, 7, 7])
    first, second, third = part_slots(meeting, 1)

    with pytest.raises(services.ReorderConflict):
        services.slots_reorder(segment=first.segment, slot_ids=[second.pk, first.pk])

    assert [s.pk for s in part_slots(meeting, 1)] == [first.pk, second.pk, third.pk]


@pytest.mark.django_db
def test_second_of_two_concurrent_edits_is_refused_and_the_first_survives():
    first_view = part_slots(meeting_with_parts([7, 7]), 1)[0]
    second_view = SpeakerSlot.objects.get(pk=first_view.pk)
    opened_at = first_view.version

    services.slot_update(slot=first_view, data={"speaking_minutes": 9}, expected_version=opened_at)
    with pytest.raises(EditConflict) as conflict:
        services.slot_update(
            slot=second_view, data={"speaking_minutes": 4}, expected_version=opened_at
        )

    assert SpeakerSlot.objects.get(pk=first_view.pk).speaking_minutes == 9
    assert ("speaking minutes", 7, 9) in [
        (str(name), before, after) for name, before, after in conflict.value.changes
    ]


def test_a_change_that_runs_past_midnight_is_refused_and_nothing_is_saved(demo_meeting):
    demo_meeting.start_time = datetime.time(22, 30)
    demo_meeting.save()
    last = Segment.objects.get(meeting=demo_meeting, order=3)

    with pytest.raises(ValidationError) as refusal:
        services.segment_update(
            segment=last, data={"allotted_minutes": 120}, expected_version=last.version
        )

    assert "past midnight" in refusal.value.messages[0]
    assert Segment.objects.get(pk=last.pk).allotted_minutes == 60


def test_moving_a_part_down_changes_the_order_of_parts(demo_meeting):
    part_one = Segment.objects.get(meeting=demo_meeting, order=1)

    services.segment_move(segment=part_one, direction=DOWN)

    titles = list(
        Segment.objects.filter(meeting=demo_meeting)
        .order_by("order")
        .values_list("title", flat=True)
    )
    assert titles[:2] == [
        "Part Two: Technical panel",
        "Part One: Remarks by high-level social development authorities",
    ]
