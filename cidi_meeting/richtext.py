"""Formatted text that is safe to show: a few tags survive, everything else is removed.

Descriptions of good practices, offers and conclusions may use paragraphs, lists, bold,
italic and links. ``sanitize`` (nh3) keeps only those; plain text typed with line breaks
becomes paragraphs first. ``RichTextField`` sanitizes on every save, whatever the path.
"""

import html
import re

import nh3
from django.db import models
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
TAG = re.compile(r"<[a-zA-Z/!]")
BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def sanitize(text):
    """Return ``text`` as safe HTML with only the allowed formatting."""
    if not text:
        return ""
    if not TAG.search(text):
        # Plain text: keep the person's paragraphs and line breaks.
        text = linebreaks(escape(text))
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(text):
    """Return the text of sanitized HTML without tags (for CSV, emails and search)."""
    # Block ends become line breaks so that paragraphs and list items stay apart.
    text = BLOCK_END.sub("\n", text or "")
    lines = html.unescape(nh3.clean(text, tags=set())).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


class RichTextField(models.TextField):
    """A text field whose content is sanitized every time the record is saved."""

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
