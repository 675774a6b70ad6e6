"""Template filters of the live console."""

from django import template

from agenda.live.labels import delay_label as label_for_delay

register = template.Library()


@register.filter
def delay_label(minutes):
    """Render a delay in minutes: "3 min late", "On time"."""
    return label_for_delay(minutes)
