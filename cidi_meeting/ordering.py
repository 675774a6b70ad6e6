"""Ordered lists the secretariat and delegations rearrange: parts, slots, members, requests.

Each list is a sequence of rows with a 1-based position field (``order`` by default).
Moving by keyboard or by a button swaps an item with its neighbour; renumbering saves
only the rows whose position changed, growing their ``version`` where the model is
edited with versioned forms, so an open form on a moved row notices.
"""

from django.db.models import Max

UP, DOWN = "up", "down"
DIRECTIONS = (UP, DOWN)


class DirectionConverter:
    """The ``<direction:…>`` path converter: "up" or "down" (see ``cidi_meeting.urls``)."""

    regex = "up|down"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def next_position(queryset, *, field="order"):
    """Return the position after the last of ``queryset`` (1 for an empty list)."""
    return (queryset.aggregate(highest=Max(field))["highest"] or 0) + 1


def moved(items, item, direction):
    """Return ``items`` with ``item`` swapped with its neighbour in ``direction``.

    ``item`` is found by primary key; at either end of the list nothing moves. Raises
    ValueError when ``item`` is not in the list.
    """
    items = list(items)
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        raise ValueError("The item is not in the list.")
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


def renumber(items, *, field="order", versioned=True):
    """Give ``items`` the positions 1..n, saving only those whose position changes.

    With ``versioned``, each saved row's ``version`` grows too (its open forms are then
    stale); without, the new place is saved alone (it changes nobody's form).
    """
    for position, item in enumerate(items, start=1):
        if getattr(item, field) != position:
            setattr(item, field, position)
            fields = [field]
            if versioned:
                item.version += 1
                fields.append("version")
            item.save(update_fields=fields)
