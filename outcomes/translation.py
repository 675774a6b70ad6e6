"""SDG target texts in the four languages (django-modeltranslation).

The taxonomies (instruments, groups, themes) carry ``name_en``…``name_pt`` columns of
their own; the texts of the SDG targets are long enough to deserve the same treatment.
"""

from modeltranslation.translator import TranslationOptions, register

from outcomes.models import SdgTarget


@register(SdgTarget)
class SdgTargetTranslation(TranslationOptions):
    fields = ("text",)
