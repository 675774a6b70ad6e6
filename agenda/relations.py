"""The models of the apps built on the agenda that the agenda itself works with.

The agenda orders and times speaker slots, lets the secretariat name people, and says
in its history which state or organization a slot represents; but the apps that own
those models (speakers, delegations) are built on the agenda. So the agenda reaches
them through Django's app registry, by name, never by import: the layers stay one-way
(``lint-imports``) and the agenda can be read without them.

Call these once the apps are loaded (in views, forms, selectors and services).
"""

from django.apps import apps


def speaker_slot_model():
    """Return ``speakers.SpeakerSlot``: a person's time on a part of the agenda."""
    return apps.get_model("speakers", "SpeakerSlot")


def person_model():
    """Return ``speakers.Person``: a speaker, chair or moderator."""
    return apps.get_model("speakers", "Person")


def member_state_model():
    """Return ``delegations.MemberState``."""
    return apps.get_model("delegations", "MemberState")


def organization_model():
    """Return ``delegations.Organization``."""
    return apps.get_model("delegations", "Organization")


def speaker_invitation_model():
    """Return ``speakers.SpeakerInvitation``: an emailed invitation to speak in a slot."""
    return apps.get_model("speakers", "SpeakerInvitation")
