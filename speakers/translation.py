"""Speakers' titles, positions and cue lines per language (django-modeltranslation).

A person's name is a proper name and stays as written, except where a part is announced
by role before the speaker is known ("High authority of the Ministry of …"): such a name
can be entered per language too.
"""

from modeltranslation.translator import TranslationOptions, register

from speakers.models import Person, SpeakerSlot


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("full_name", "protocol_title", "position")


@register([SpeakerSlot, SpeakerSlot.history.model])
class SpeakerSlotTranslation(TranslationOptions):
    fields = ("cue_notes", "floor_words")
