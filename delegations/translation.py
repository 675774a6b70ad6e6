"""Member states' and organizations' names after a preposition, per language.

Each field gets ``_en``, ``_es``, ``_fr`` and ``_pt`` columns (django-modeltranslation).
The names themselves keep their own columns (``name_es_oas``…); these forms carry the
article a preposition needs ("du Panama", "de la República Dominicana", "das Bahamas"),
which no sentence can build by joining "of" and the name. Read through
``MemberState.display_name_of`` and ``Delegation.name_of``, not through the fallback.
"""

from modeltranslation.translator import TranslationOptions, register

from delegations.models import MemberState, Organization


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name_of", "name_in")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name_of",)
