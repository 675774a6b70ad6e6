"""Mark, for the secretariat, a text shown in another language than the page's."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def fallback_mark(context, record, field):
    """Render "(Spanish version missing; shown in English)" where a text falls back.

    Only the secretariat sees it: readers simply read the version that exists.
    """
    roles = context.get("user_roles") or {}
    if not roles.get("secretariat") or record is None:
        return ""
    language = (get_language() or "en")[:2]
    if (getattr(record, f"{field}_{language}", None) or "").strip():
        return ""
    shown = next(
        (
            code
            for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES
            if (getattr(record, f"{field}_{code}", None) or "").strip()
        ),
        None,
    )
    if shown is None:
        return ""
    return format_html(
        '<span class="badge text-bg-warning fw-normal ms-1">{}</span>',
        _("%(missing)s version missing; shown in %(shown)s")
        % {
            "missing": _(get_language_info(language)["name"]),
            "shown": _(get_language_info(shown)["name"]),
        },
    )
