"""Formatted text that is safe to show: a few tags survive, everything else is removed.

Descriptions of good practices, offers and conclusions may use paragraphs, lists, bold,
italic and links. ``sanitize`` (nh3) keeps only those; plain text typed with line breaks
becomes paragraphs first. ``RichTextField`` sanitizes on every save, whatever the path.

People type plain text (there is no editor), and they must get back what they typed when
they edit: ``text_to_html`` and its inverse ``html_to_text`` convert between the stored
HTML and this typed form:

- paragraphs are separated by a blank line; a single line break stays a line break;
- a run of lines starting with "- " (or "* ", "• ") is a bulleted list, a run numbered
  "1. ", "2. ", ... from 1 is a numbered list;
- ``**bold**``, ``*italic*`` and ``[text](https://address)`` for links; a bare web
  address is a link to itself.

Text that contains tags ("<p>", "<b>", "<script>"...) is taken as HTML, as before, and
only sanitized: what is not allowed is removed, in a form as in code.
Nested lists come back flattened; a list typed directly under a line of text comes back
with a blank line between them; both are stable from the next save on.

With JavaScript, ``RichTextarea`` turns the text area into an editor (static/js/rich-text.js,
Quill served from node_modules) that posts HTML, sanitized like any HTML. The text area
keeps the typed form, for people without JavaScript; the editor starts from the HTML in a
``<template>`` beside it: the stored HTML, or after a form error the sanitized value that
was posted, so that both get back exactly what they wrote.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
TAG = re.compile(r"<[a-zA-Z/!]")
BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
BLANK_LINE = re.compile(r"\n[ \t]*\n")
BULLET = re.compile(r"^\s*[-*\u2022]\s+(?P<text>.*)$")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+(?P<text>.*)$")
LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<href>(?:https?://|mailto:)[^\s)]+)\)")
# A typed link, or a bare web address (which becomes a link to itself).
ADDRESS = re.compile(r"(?P<address>(?<![\w/])https?://[^\s<>\"'\[\]\x00]+)")
LINK_OR_ADDRESS = re.compile(LINK.pattern + "|" + ADDRESS.pattern)
LINK_PLACE = re.compile(r"\x00(\d+)\x00")
TRAILING_PUNCTUATION = ".,;:!?"
BOLD = re.compile(r"\*\*(?=\S)(?P<text>.+?)(?<=\S)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(?P<text>.+?)(?<=[^\s*])\*(?![*\w])")
WHITESPACE = re.compile(r"\s+")
EDITOR_HTML = "rich_text_html"  # how the bound field hands the editor's HTML to the widget


def _unmarked(escaped):
    return escaped


def _emphasis(escaped):
    escaped = BOLD.sub(r"<strong>\g<text></strong>", escaped)
    return ITALIC.sub(r"<em>\g<text></em>", escaped)


def _trimmed_address(address):
    """Split a typed address from the punctuation that ends the sentence around it."""
    end = len(address)
    while end and (
        address[end - 1] in TRAILING_PUNCTUATION
        or (address[end - 1] == ")" and address.count("(", 0, end) < address.count(")", 0, end))
    ):
        end -= 1
    return address[:end], address[end:]


def _inline_html(line, *, marks=True):
    """Return one typed line as HTML: escaped, with links, bold and italic marked up.

    Links (``[text](address)`` and bare web addresses) are set aside first, so that
    escaping and emphasis never reach inside an address; bold around a link still works.
    With ``marks=False`` only bare addresses become links (text already formatted).
    """
    emphasis = _emphasis if marks else _unmarked
    pattern = LINK_OR_ADDRESS if marks else ADDRESS
    links = []
    line = line.replace("\x00", "")  # the mark of a link set aside

    def set_aside(match):
        if match.groupdict().get("href"):
            href, text, tail = match["href"], emphasis(escape(match["text"])), ""
        else:
            href, tail = _trimmed_address(match["address"])
            text = escape(href)
        links.append(f'<a href="{escape(href)}">{text}</a>')
        return f"\0{len(links) - 1}\0{tail}"

    line = emphasis(escape(pattern.sub(set_aside, line)))
    return LINK_PLACE.sub(lambda match: links[int(match[1])], line)


def _line_kind(line):
    if BULLET.match(line):
        return "ul"
    if NUMBERED.match(line):
        return "ol"
    return "p"


def _block_html(block):
    """Return the HTML of one typed block (the text between two blank lines)."""
    runs = []  # [kind, lines]: consecutive lines of the same kind
    for line in block.split("\n"):
        kind = _line_kind(line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append([kind, [line]])
    parts = []
    for run_kind, lines in runs:
        kind = run_kind
        if kind == "ol":
            numbers = [int(NUMBERED.match(line)["number"]) for line in lines]
            if numbers != list(range(1, len(lines) + 1)):
                # "3. Results" alone is a heading someone numbered, not a list.
                kind = "p"
        if kind == "p":
            parts.append("<p>" + "<br>".join(_inline_html(line) for line in lines) + "</p>")
        else:
            pattern = BULLET if kind == "ul" else NUMBERED
            items = "".join(
                f"<li>{_inline_html(pattern.match(line)['text'])}</li>" for line in lines
            )
            parts.append(f"<{kind}>{items}</{kind}>")
    return "\n\n".join(parts)


def text_to_html(text):
    """Return typed plain text as (not yet sanitized) HTML; see the module docstring."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    blocks = [block.strip("\n") for block in BLANK_LINE.split(text)]
    return "\n\n".join(_block_html(block) for block in blocks if block.strip())


class _TextWriter(HTMLParser):
    """Collect sanitized HTML back into the typed form that ``text_to_html`` reads."""

    MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # each block is a list of lines
        self.lines = None  # the lines of the open block
        self.lists = []  # open lists: ["ul" or "ol", items so far]
        self.link = None  # [href, text] of the open link

    def _open_block(self):
        if self.lines is None:
            self.lines = [""]
            self.blocks.append(self.lines)

    def _close_block(self):
        self.lines = None

    def _write(self, text):
        if self.link is not None:
            self.link[1] += text
            return
        self._open_block()
        self.lines[-1] += text

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._close_block()
            self._open_block()
        elif tag == "br":
            self._open_block()
            self.lines.append("")
        elif tag in ("ul", "ol"):
            if not self.lists:
                self._close_block()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._open_block()
            if self.lines != [""]:
                self.lines.append("")
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            self.lines[-1] = "- " if kind[0] == "ul" else f"{kind[1]}. "
        elif tag in self.MARKS:
            self._write(self.MARKS[tag])
        elif tag == "a":
            self.link = [dict(attrs).get("href") or "", ""]

    def handle_endtag(self, tag):
        if tag == "p":
            self._close_block()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._close_block()
        elif tag in self.MARKS:
            self._write(self.MARKS[tag])
        elif tag == "a" and self.link is not None:
            href, text = self.link
            self.link = None
            text = text.strip()
            if href and text and text != href:
                self._write(f"[{text}]({href})")
            else:
                self._write(text or href)

    def handle_data(self, data):
        data = WHITESPACE.sub(" ", data)
        if self.lines is None and self.link is None and not data.strip():
            return  # whitespace between blocks
        self._write(data)

    def text(self):
        blocks = ["\n".join(line.strip() for line in lines).strip("\n") for lines in self.blocks]
        return "\n\n".join(block for block in blocks if block.strip())


def html_to_text(value):
    """Return stored (sanitized) HTML in the typed form a person can edit again.

    The inverse of ``text_to_html``: ``sanitize(html_to_text(stored)) == stored`` for
    anything ``sanitize`` stored from typed text. Text without tags is returned as is.
    """
    if not value or not TAG.search(value):
        return value or ""
    writer = _TextWriter()
    writer.feed(value)
    writer.close()
    return writer.text()


def _clean(text):
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def _linked_addresses(cleaned):
    """Make each bare web address in the text of cleaned HTML a link to itself.

    Typed text gets its links in ``text_to_html``; HTML (from the editor) gets them here,
    so that both store the same thing and an unchanged save changes nothing. Text inside
    a link is left alone.
    """
    parts = re.split(r"(<[^>]+>)", cleaned)
    in_link = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            in_link = part.startswith("<a ") or part == "<a>" or (in_link and part != "</a>")
            continue
        if not in_link and "://" in part:
            parts[index] = _inline_html(html.unescape(part), marks=False)
    return "".join(parts)


def sanitize(text):
    """Return ``text`` as safe HTML with only the allowed formatting."""
    if not text:
        return ""
    if not TAG.search(text):
        # Plain text: keep the person's paragraphs, lists and line breaks.
        return _clean(text_to_html(text))
    cleaned = _clean(text)
    return _clean(_linked_addresses(cleaned)) if "://" in cleaned else cleaned


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

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})


PLAIN_TEXT_HELP = _(
    "Without the formatting toolbar, leave a blank line between paragraphs and start list "
    "items with “- ”; write **bold**, *italic* and links as [text](https://…)."
)


class RichTextarea(forms.Textarea):
    """A text area that the portal's script turns into an editor with a small toolbar.

    The toolbar's names come from the template in the page's language (data attributes),
    so the script holds no words of its own. Without JavaScript it is a plain text area.
    """

    template_name = "widgets/rich_text.html"

    class Media:
        css = {"all": ["vendor/quill/quill.snow.css"]}
        js = ["vendor/quill/quill.js", "js/rich-text.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # How to type formatting by hand: shown without the editor, hidden by its script.
        widget_attrs = context["widget"]["attrs"]
        context["plain_help_id"] = f"{widget_attrs.get('id', name)}_plainhelp"
        context["plain_help"] = PLAIN_TEXT_HELP
        described_by = widget_attrs.get("aria-describedby", "").split()
        widget_attrs["aria-describedby"] = " ".join([*described_by, context["plain_help_id"]])
        # Sanitized by the bound field; inert in a <template> until the editor reads it.
        html_for_editor = context["widget"]["attrs"].pop(EDITOR_HTML, "")
        context["html"] = mark_safe(html_for_editor)  # noqa: S308 - nh3 sanitized it
        context["labels"] = {
            "toolbar": _("Formatting"),
            "bold": _("Bold (Ctrl+B)"),
            "italic": _("Italic (Ctrl+I)"),
            "bullet": _("Bulleted list"),
            "ordered": _("Numbered list"),
            "link": _("Link"),
            "link-address": _("Web address of the link"),
            "link-apply": _("Apply link"),
            "link-remove": _("Remove link"),
            "link-cancel": _("Cancel"),
            "help": _(
                "Ctrl+B: bold, Ctrl+I: italic, Ctrl+K: link. Tab leaves the text and "
                "Shift+Tab goes back to the toolbar, where arrow keys move between buttons."
            ),
        }
        return context

    def _render(self, template_name, context, renderer=None):
        # The form renderer only sees Django's own widget templates; this one is the
        # project's (templates/widgets/).
        # The template autoescapes every value, as Django's widget templates do.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 - autoescaped template


class _TypedTextBoundField(BoundField):
    @cached_property
    def initial(self):
        # Only the stored value is HTML; what the person just typed is shown unchanged.
        return html_to_text(super().initial)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if isinstance(widget or self.field.widget, RichTextarea):
            # The editor starts from HTML: what was posted (sanitized as it would be
            # stored) after an error, the stored HTML otherwise.
            if self.form.is_bound:
                source = self.data
            else:
                source = self.form.get_initial_for_field(self.field, self.name)
            attrs[EDITOR_HTML] = sanitize(source)
        return attrs


class RichTextFormField(forms.CharField):
    """A text area showing stored HTML as typed text and storing typed text as HTML."""

    widget = RichTextarea

    def __init__(self, *args, widget=None, **kwargs):
        # A form that asks for a plain text area (to set its rows) still gets the editor.
        if widget is forms.Textarea:
            widget = RichTextarea
        elif type(widget) is forms.Textarea:
            widget = RichTextarea(attrs=widget.attrs)
        super().__init__(*args, widget=widget, **kwargs)

    def get_bound_field(self, form, field_name):
        return _TypedTextBoundField(form, self, field_name)

    def to_python(self, value):
        return sanitize(super().to_python(value))
