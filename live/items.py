"""The items of the running order: speaker slots, and parts the console times as a whole.

A part with active speaker slots is run slot by slot; a part without any (a dialogue
before its list of speakers is drawn, an opening, a break) is one item, timed against
its allotted minutes. Both record the same facts — actual start and end, seconds paused,
skipped — in their own rows; these helpers let the console, the forecast and planned
versus actual treat them alike.
"""

from agenda.models import Segment

SLOT_PREFIX, PART_PREFIX = "slot", "part"


def is_part(item):
    """Return True for a part timed as a whole, False for a speaker slot."""
    return isinstance(item, Segment)


def item_key(item):
    """Return the item's key in the running order: "slot-12" or "part-3"."""
    if item is None:
        return ""
    return f"{PART_PREFIX if is_part(item) else SLOT_PREFIX}-{item.pk}"


def parse_key(value):
    """Return ``(prefix, pk)`` of a key ("part-3"; a bare number is a slot), or None."""
    value = (value or "").strip()
    if value.isdigit():
        return SLOT_PREFIX, int(value)
    prefix, _sep, number = value.partition("-")
    if prefix in (SLOT_PREFIX, PART_PREFIX) and number.isdigit():
        return prefix, int(number)
    return None


def speaking_minutes(item):
    """Return the minutes of the item's first phase: a slot's speaking time, a part's allotment."""
    if is_part(item):
        return item.allotted_minutes or 0
    return item.speaking_minutes


def qa_minutes(item):
    """Return the minutes of questions after the presentation (a part has none)."""
    return 0 if is_part(item) else item.qa_minutes


def total_minutes(item):
    return speaking_minutes(item) + qa_minutes(item)


def questions_started_at(item):
    return None if is_part(item) else item.qa_started_at


def actual_seconds(item):
    """Return the seconds the item really took in the room (pauses left out), or None."""
    if item.actual_start is None or item.actual_end is None:
        return None
    taken = (item.actual_end - item.actual_start).total_seconds() - item.paused_seconds
    return max(0, int(taken))


def record(item, **fields):
    """Write what the room did to the item's row (by ``update``: no version, no history).

    Fields the item's kind does not keep (a part has no questions phase, no delivery)
    are left out.
    """
    model = type(item)
    names = {field.attname for field in model._meta.concrete_fields}
    kept = {name: value for name, value in fields.items() if name in names}
    model._default_manager.filter(pk=item.pk).update(**kept)
    for name, value in kept.items():
        setattr(item, name, value)


def clock_item(room_clock):
    """Return what the clock holds: its slot, its part, or None."""
    return room_clock.slot or room_clock.segment


def clock_item_key(room_clock):
    if room_clock.slot_id is not None:
        return f"{SLOT_PREFIX}-{room_clock.slot_id}"
    if room_clock.segment_id is not None:
        return f"{PART_PREFIX}-{room_clock.segment_id}"
    return ""


def set_clock_item(room_clock, item):
    """Put ``item`` (a slot, a part or None) on the clock."""
    room_clock.slot = None if item is None or is_part(item) else item
    room_clock.segment = item if item is not None and is_part(item) else None
