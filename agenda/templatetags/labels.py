"""Template filters for times, time limits and delays (``cidi_meeting.labels``)."""

from django import template

from cidi_meeting import labels

register = template.Library()

register.filter("delay_label", labels.delay_label)
register.filter("delay_short", labels.delay_short)
register.filter("time_limit_label", labels.time_limit_label)
