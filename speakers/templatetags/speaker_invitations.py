"""Template filters of speaker invitations, for the agenda editor's slot rows."""

from django import template

from speakers.selectors import slot_invitation_state

register = template.Library()


@register.filter
def invitation_state(slot):
    """Return the slot's SlotInvitationState (``{% with state=slot|invitation_state %}``)."""
    return slot_invitation_state(slot)
