"""Forms that show and save one language of a translated record's texts.

django-modeltranslation gives each translated field (``title``) a column per language
(``title_en``, ``title_es``…) and makes ``title`` read the active language, or else the
first language that has the text. A ModelForm reads its initial values through
``title``: in the Spanish interface a part whose title exists only in English would show
the English title in the field, and saving the form for any other change would store it
as the Spanish title, which the content languages page would then count as translated.

``TranslatedFieldsMixin`` makes each translated field of a form show the active
language's column and nothing else. When that column is empty and another language has
the text, the text readers of this language see instead is shown under the field
("In English: …", marked with its language) as a hint, not as the value; the field is then
optional, since the record already has the text in some language. A required field with
no text in any language (a new record) stays required in the active language. The form
writes the active language's column only: modeltranslation's ``title`` writes
``title_<active language>``, and the mixin keeps the language the form was built in
while it fills the instance.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

# The words before a text shown in the language it exists in. One phrase per language,
# so that each reads naturally once translated ("En inglés:", "En anglais :").
IN_LANGUAGE = {
    "en": _("In English:"),
    "es": _("In Spanish:"),
    "fr": _("In French:"),
    "pt": _("In Portuguese:"),
}
HINT_LENGTH = 240


def translated_field_names(model):
    """Return the names of ``model``'s fields entered per language (empty if none)."""
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def text_in(record, name, language):
    """Return ``record``'s text of field ``name`` in ``language`` only, or ''."""
    if record is None:
        return ""
    return getattr(record, build_localized_fieldname(name, language), None) or ""


def fallback_text(record, name, language):
    """Return (language, text) readers of ``language`` see instead, or None.

    That is the first language after ``language`` in modeltranslation's fallback order
    that has the text.
    """
    for other in resolution_order(language):
        if other != language and text_in(record, name, other).strip():
            return other, text_in(record, name, other)
    return None


def text_as_read(name, language=None):
    """Return an expression of field ``name`` as readers of ``language`` see it.

    modeltranslation turns ``order_by("full_name")`` into ``full_name_<language>``,
    which puts every record without that language's text last, in no order. Ordering
    by this expression sorts by the text readers see: this language's, else the first
    fallback that has one.
    """
    columns = [
        NullIf(F(build_localized_fieldname(name, code)), Value(""))
        for code in resolution_order(language or get_language())
    ]
    return Coalesce(*columns) if len(columns) > 1 else columns[0]


def _shortened(text, length):
    return Truncator(" ".join(text.split())).chars(length)


def language_hint(language, text, length=HINT_LENGTH):
    """Return the hint "In English: …" with the text marked as being in ``language``."""
    return format_html(
        '<span class="translation-hint d-block">{} <span lang="{}">{}</span></span>',
        IN_LANGUAGE.get(language, language),
        language,
        _shortened(text, length),
    )


def languages_hint(texts, length=HINT_LENGTH):
    """Return a list of (language, text) pairs, each text marked with its language."""
    return format_html(
        '<ul class="translation-hint mb-0">{}</ul>',
        format_html_join(
            "",
            '<li lang="{}">{}</li>',
            ((language, _shortened(text, length)) for language, text in texts),
        ),
    )


def with_hint(help_text, hint):
    """Return ``help_text`` followed by ``hint`` (help texts are rendered as HTML)."""
    if not help_text:
        return hint
    return format_html("{}{}", conditional_escape(help_text), hint)


class TranslatedFieldsMixin:
    """Show and save only the active language's column of each translated field.

    Put it before ``forms.ModelForm`` (and the other bases) of a form whose model has
    fields translated with django-modeltranslation; the form's fields of the same names
    (``title``, not ``title_es``) become the active language's.
    """

    def __init__(self, *args, **kwargs):
        given = set(kwargs.get("initial") or ())
        super().__init__(*args, **kwargs)
        # The language the form shows and saves: the one active when it is built.
        self.language = get_language()
        record = self.instance
        for name in self.translated_fields:
            field = self.fields[name]
            own = text_in(record, name, self.language)
            if name not in given:
                self.initial[name] = own
            other = fallback_text(record, name, self.language)
            if other is None:
                continue
            # The record has the text in another language: it needs none in this one.
            field.required = False
            if not own.strip():
                field.help_text = with_hint(field.help_text, language_hint(*other))

    @property
    def translated_fields(self):
        """Return the names of this form's fields that are entered per language."""
        return [name for name in translated_field_names(self._meta.model) if name in self.fields]

    def _post_clean(self):
        # A ModelForm fills its instance here; ``title`` writes the active language's
        # column, which must be the one the form showed.
        with translation.override(self.language):
            super()._post_clean()
