"""Template filters for times, time limits and delays (``cidi_meeting.labels``)."""

from django import template
from django.utils import timezone
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
