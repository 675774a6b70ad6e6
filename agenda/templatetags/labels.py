"""Template filters for times, time limits and delays (``cidi_meeting.labels``)."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from cidi_meeting import labels

register = template.Library()

register.filter("delay_label", labels.delay_label)
register.filter("delay_short", labels.delay_short)
register.filter("time_limit_label", labels.time_limit_label)


@register.filter
def clock(value):
    """Write a time of day as the agenda shows it: ``<time datetime="…" data-clock>09:07</time>``.

    In the time zone the template activated (``{% timezone meeting.time_zone %}``); the
    ``datetime`` attribute carries the instant with its offset, which local-times.js reads
    to show the viewer's own zone. A filter, not an include: the agenda writes hundreds.
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    return mark_safe(f'<time datetime="{local.isoformat()}" data-clock>{local:%H:%M}</time>')  # noqa: S308 - digits only


# The number standing for an object's id in an address built once per page (see ``pk``).
PK_PLACEHOLDER = 2147483647


@register.filter
def pk(address, value):
    """Put an object's id into an address built once per page with ``PK_PLACEHOLDER``.

    ``{{ urls.slot_edit|pk:slot.pk }}``: the editor writes five addresses per slot, and
    ``{% url %}`` resolved each of them again (thousands per page at 500 slots).
    """
    if not address:
        return ""
    return address.replace(str(PK_PLACEHOLDER), str(value), 1)


@register.filter
def named(pattern, name):
    """Fill a label translated once per page with one slot's name, escaped.

    ``{{ labels.move_up|named:slot.label }}`` for ``_("Move %(slot)s up")``: the same
    words as ``{% blocktranslate with slot=slot.label %}``, without translating them again
    for every slot.
    """
    return mark_safe(pattern % {"slot": conditional_escape(name)})  # noqa: S308 - escaped value


@register.filter
def meeting_days(meeting):
    """Write a meeting's days: "17 November 2022", or "17 November 2022 – 18 November 2022"."""
    first, last = meeting.date, meeting.last_day
    if last == first:
        return date_format(first, "DATE_FORMAT")
    return f"{date_format(first, 'DATE_FORMAT')} – {date_format(last, 'DATE_FORMAT')}"
