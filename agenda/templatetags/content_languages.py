"""Mark a text shown in another language than the page's.

``lang_of`` gives the element holding the text its language (WCAG 3.1.2: a screen reader
then reads an English question on /es/ as English); ``fallback_mark`` tells the
secretariat which version is missing.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from cidi_meeting.labels import in_sentence, shown_language

register = template.Library()


@register.simple_tag
def lang_of(record, field):
    """Return ` lang="en"` for the element of a text shown in another language, else ""."""
    shown = shown_language(record, field)
    return format_html(' lang="{}"', shown) if shown else ""


@register.simple_tag(takes_context=True)
def fallback_mark(context, record, field):
    """Render "(Spanish version missing; shown in English)" where a text falls back.

    Only the secretariat sees it: readers simply read the version that exists.
    """
    roles = context.get("user_roles") or {}
    if not roles.get("secretariat") or record is None:
        return ""
    shown = shown_language(record, field)
    if shown is None:
        return ""
    language = (get_language() or "en")[:2]
    return format_html(
        '<span class="badge text-bg-warning fw-normal ms-1">{}</span>',
        _("%(missing)s version missing; shown in %(shown)s")
        % {
            "missing": in_sentence(_(get_language_info(language)["name"])),
            "shown": in_sentence(_(get_language_info(shown)["name"])),
        },
    )
