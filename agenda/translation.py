"""Meeting content entered per language (django-modeltranslation).

Each field below gets ``<field>_en``, ``_es``, ``_fr`` and ``_pt`` columns; reading the
field gives the reader's language, or the first language that has it (see
``MODELTRANSLATION_FALLBACK_LANGUAGES``). ``agenda.translations`` tells the secretariat
which fields still lack which language.
"""

from modeltranslation.translator import TranslationOptions, register

from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment


# The history of each record keeps every language too (django-simple-history copies
# the fields of the record into its historical model).
@register([Meeting, Meeting.history.model])
class MeetingTranslation(TranslationOptions):
    fields = ("title", "background", "purpose", "venue", "opening_words", "closing_words")


@register([MeetingSession, MeetingSession.history.model])
class MeetingSessionTranslation(TranslationOptions):
    fields = ("title",)


@register([Segment, Segment.history.model])
class SegmentTranslation(TranslationOptions):
    fields = ("title", "description", "opening_words", "late_note")


@register([GuidingQuestion, GuidingQuestion.history.model])
class GuidingQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register([ExpectedOutcome, ExpectedOutcome.history.model])
class ExpectedOutcomeTranslation(TranslationOptions):
    fields = ("text",)
