"""Content of the documents app entered per language (django-modeltranslation).

An official document's title gets ``title_en``, ``_es``, ``_fr`` and ``_pt``; reading
``title`` gives the reader's language or the first that has it, as the agenda's do.
"""

from modeltranslation.translator import TranslationOptions, register

from documents.models import OfficialDocument


@register(OfficialDocument)
class OfficialDocumentTranslation(TranslationOptions):
    fields = ("title",)
