"""Turn a document's content into HTML (Django templates) and into PDF (WeasyPrint).

The PDF embeds the DejaVu fonts that ``npm ci`` installs, so that every accent of the
four languages prints the same on every machine; without them the system's DejaVu Sans
(or any sans-serif) is used. WeasyPrint may read nothing but those font files: the
content never makes it fetch a file or a web address.
"""

import io
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, path2url

from cidi_meeting.templatetags.zones import zone_name
from documents.registry import spec_for

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# (CSS font-weight, font-style) -> file of node_modules/dejavu-fonts-ttf/ttf/
FONT_FILES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}
FONT_FAMILY = "Document Sans"
# PDF/UA-1 (tagged, with title and language) is what screen readers need.
PDF_OPTIONS = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def font_directory():
    return Path(settings.NODE_MODULES) / "dejavu-fonts-ttf" / "ttf"


def font_faces_css():
    """Return the @font-face rules of the DejaVu fonts found in node_modules, if any."""
    directory = font_directory()
    rules = []
    for (weight, style), filename in FONT_FILES.items():
        path = directory / filename
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{path2url(str(path))}"); }}'
            )
    return "\n".join(rules)


def css_string(text):
    """Return ``text`` as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def page_counter_css():
    """Return the CSS ``content`` of the footer's "Page 1 of 3", in the active language."""
    pattern = _("Page %(page)s of %(pages)s")
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(pattern)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


class FontsOnlyFetcher(URLFetcher):
    """Fetch the bundled font files and refuse every other address."""

    def fetch(self, url, headers=None):
        allowed = path2url(str(font_directory()))
        if not url.startswith(allowed) or ".." in url:
            raise ValueError(f"Documents load no resource but their fonts: {url}")
        return super().fetch(url, headers)


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int


def document_title(*, kind, meeting_title, session_title=""):
    """Return a document's title; a document of one session names it after the meeting."""
    title = _("%(document)s: %(meeting)s") % {
        "document": spec_for(kind).label,
        "meeting": meeting_title,
    }
    if session_title:
        title = _("%(title)s — %(session)s") % {"title": title, "session": session_title}
    return title


def document_html(*, kind, content, language, paper, orientation, version, generated_at):
    """Return the HTML of a document (``generated_at`` shown in the meeting's time zone)."""
    spec = spec_for(kind)
    with translation.override(language):
        meeting = content["meeting"]
        local = timezone.localtime(generated_at, zoneinfo.ZoneInfo(meeting["time_zone"]))
        context = {
            **content,
            "document": {
                "kind": kind,
                "label": spec.label,
                "title": document_title(
                    kind=kind,
                    meeting_title=meeting["title"],
                    # A run-of-show of one session (``run_of_show_content(session=)``).
                    session_title=(content.get("session") or {}).get("title", ""),
                ),
                "language": language,
                "version": version,
                "generated": _("%(date)s, %(time)s (%(zone)s)")
                % {
                    "date": date_format(local, "DATE_FORMAT"),
                    "time": f"{local:%H:%M}",
                    "zone": zone_name(meeting["time_zone"]),
                },
                "orientation": orientation,
            },
            "page_size": f"{PAPER_SIZES[paper]} {orientation}",
            "font_faces": mark_safe(font_faces_css()),  # noqa: S308 - built here from file paths
            "font_family": FONT_FAMILY,
            "page_counter": mark_safe(page_counter_css()),  # noqa: S308 - quoted by css_string
        }
        return render_to_string(spec.template_name, context)


def html_to_pdf(html):
    """Lay out ``html`` with WeasyPrint and return the tagged PDF and its page count."""
    font_config = FontConfiguration()
    document = HTML(
        string=html, base_url=str(font_directory()), url_fetcher=FontsOnlyFetcher()
    ).render(font_config=font_config, **PDF_OPTIONS)
    buffer = io.BytesIO()
    document.write_pdf(buffer, **PDF_OPTIONS)
    return RenderedPdf(data=buffer.getvalue(), page_count=len(document.pages))
