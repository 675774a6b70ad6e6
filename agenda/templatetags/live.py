"""Template filters of the live console."""

from django import template

from agenda.live.labels import delay_label as label_for_delay
from agenda.live.labels import delay_short as short_delay

register = template.Library()


@register.filter
def delay_label(minutes):
    """Render a delay in minutes: "3 min late", "On time"."""
    return label_for_delay(minutes)


@register.filter
def delay_short(minutes):
    """Render a delay in minutes briefly: "+3 min", or nothing when on time."""
    return short_delay(minutes)
