"""The demo meeting's register of official documents: its concept note and a restricted
information document, as PDFs drawn by WeasyPrint from texts kept in ``demo/data``.

``seed_register(meeting)`` is idempotent: documents are found by their symbol and their
files replaced. Drawing the concept note takes WeasyPrint most of a second and the demo is
seeded by many tests, so each PDF is drawn once per content and kept in
``VAR_DIR/demo-pdfs`` (and in memory for the rest of the process).
"""

import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.html import escape

from documents.models import OfficialDocument
from documents.register.enums import OfficialDocumentAccess, OfficialDocumentType
from documents.register.services import official_document_save
from documents.render import FONT_FAMILY, font_faces_css, html_to_pdf

DATA = Path(__file__).resolve().parent / "data"
CONCEPT_NOTE = DATA / "concept-note.txt"

# The concept note as exported from Word: footnote markers, their texts in brackets,
# bookmarks and the internal file number glued to the last line.
FOOTNOTE_MARK = re.compile(r"\[footnoteRef:(\d+)\]/?")
FOOTNOTE_TEXT = re.compile(r"\[(\d+):\s*\.\s*(.*?)\](?=\s|$)", re.DOTALL)
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
HEADING = re.compile(r"^\d\. [A-Z][^.?:]{0,70}$")
BULLET = "· "

CONCEPT_NOTE_TITLES = {
    "en": "Concept note",
    "es": "Nota conceptual",
    "fr": "Note conceptuelle",
    "pt": "Nota conceitual",
}
INFORMATION_TITLES = {
    "en": "Practical information for delegations",
    "es": "Información práctica para las delegaciones",
    "fr": "Informations pratiques pour les délégations",
    "pt": "Informações práticas para as delegações",
}
INFORMATION_TEXT = [
    "Delegations are kindly requested to send the names of their members, in protocol "
    "order, through the portal before the registration deadline.",
    "Interpretation is provided in English, Spanish, French and Portuguese. Statements "
    "sent in advance help the interpreters; they are not published before delivery.",
    "Delegations connecting remotely receive the connection link on the portal once "
    "registered. Please connect fifteen minutes before the meeting starts to test sound.",
]

STYLE = """
@page {{
  size: A4; margin: 2.2cm 2.4cm;
  @bottom-center {{ content: counter(page); font-size: 9pt; }}
}}
{font_faces}
body {{
  font-family: "{family}", "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45;
}}
.symbol {{ text-align: right; font-size: 9pt; margin: 0 0 1.5em; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 1.2em; }}
h2 {{ font-size: 11.5pt; margin: 1.4em 0 0.5em; }}
p {{ margin: 0 0 0.7em; text-align: justify; }}
ul {{ margin: 0 0 0.7em 1.2em; padding: 0; }}
sup {{ font-size: 7pt; }}
.notes {{ border-top: 0.5pt solid #555; margin-top: 2em; padding-top: 0.5em; font-size: 8.5pt; }}
.notes p {{ text-align: left; }}
"""


def _page(*, title, symbol, language, body):
    style = STYLE.format(font_faces=font_faces_css(), family=FONT_FAMILY)
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{style}</style></head><body>"
        f'<p class="symbol">{escape(symbol)}</p>{body}</body></html>'
    )


def concept_note_html(text, *, symbol):
    """Return the concept note ``text`` as an HTML page: title, headings, paragraphs,
    bulleted lists and its footnotes gathered at the end."""
    notes = {number: " ".join(note.split()) for number, note in FOOTNOTE_TEXT.findall(text)}
    text = FOOTNOTE_TEXT.sub("", text)
    text = BOOKMARK.sub("", text)
    text = re.sub(r"CIDRP\d+E\d+\s*$", "", text.rstrip())
    lines = [line.strip() for line in text.splitlines()]
    title, body, bullets = "", [], []

    def close_list():
        if bullets:
            body.append("<ul>" + "".join(f"<li>{item}</li>" for item in bullets) + "</ul>")
            bullets.clear()

    def inline(line):
        return FOOTNOTE_MARK.sub(r"<sup>\1</sup>", escape(line))

    for line in lines:
        if not line:
            continue
        if line.startswith("TOPIC:"):
            title = line.removeprefix("TOPIC:").strip()
            continue
        if line.startswith(BULLET):
            bullets.append(inline(line.removeprefix(BULLET)))
            continue
        close_list()
        if HEADING.match(line):
            body.append(f"<h2>{escape(line)}</h2>")
        else:
            body.append(f"<p>{inline(line)}</p>")
    close_list()
    if notes:
        body.append(
            '<div class="notes">'
            + "".join(f"<p><sup>{n}</sup> {escape(note)}</p>" for n, note in notes.items())
            + "</div>"
        )
    heading = f"<h1>{escape(title)}</h1>" if title else ""
    return _page(title=title, symbol=symbol, language="en", body=heading + "".join(body))


def _html(kind, symbol):
    if kind == "concept-note":
        return concept_note_html(CONCEPT_NOTE.read_text(encoding="utf-8"), symbol=symbol)
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in INFORMATION_TEXT)
    return _page(
        title=INFORMATION_TITLES["en"],
        symbol=symbol,
        language="en",
        body=f"<h1>{escape(INFORMATION_TITLES['en'])}</h1>{paragraphs}",
    )


@functools.cache
def _pdf(kind, symbol):
    """Return one of the demo's PDFs, drawn when no earlier drawing of the same HTML (and
    the same WeasyPrint) is kept."""
    html = _html(kind, symbol)
    key = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()
    folder = Path(settings.VAR_DIR) / "demo-pdfs"
    kept = folder / f"{key}.pdf"
    if kept.is_file():
        return kept.read_bytes()
    data = html_to_pdf(html).data
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a seed running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(data)
        os.replace(part.name, kept)
    except OSError:
        pass  # a read-only VAR_DIR only costs the next seed the drawing
    return data


def _titles(prefixes, meeting):
    """Return ``title_<language>`` values: ``prefix: meeting title`` where both exist."""
    titles = {}
    for language, prefix in prefixes.items():
        meeting_title = getattr(meeting, f"title_{language}", None)
        titles[f"title_{language}"] = f"{prefix}: {meeting_title}" if meeting_title else prefix
    return titles


def _seed_one(meeting, *, symbol, order, document_type, access, titles, kind, name):
    document = (
        OfficialDocument.objects.filter(meeting=meeting, symbol=symbol)
        .prefetch_related("files")
        .first()
    )
    upload = ContentFile(_pdf(kind, symbol), name=name)
    data = {
        "symbol": symbol,
        "title": titles["title_en"],
        "document_type": document_type,
        "access": access,
        "order": order,
    }
    with translation.override("en"):
        document = official_document_save(
            meeting=meeting, document=document, data=data, files={"en": upload}
        )
    # The titles in every language at once (the form writes only the active one).
    OfficialDocument.objects.filter(pk=document.pk).update(**titles)
    return document


def seed_register(meeting):
    """Put the demo meeting's concept note (published) and an information document
    restricted to delegations into its register; return them."""
    year = f"{meeting.date:%y}"
    concept_note = _seed_one(
        meeting,
        symbol=f"CIDI/doc. 1/{year}",
        order=1,
        document_type=OfficialDocumentType.CONCEPT_NOTE,
        access=OfficialDocumentAccess.PUBLISHED,
        titles=_titles(CONCEPT_NOTE_TITLES, meeting),
        kind="concept-note",
        name="concept-note.pdf",
    )
    information = _seed_one(
        meeting,
        symbol=f"CIDI/INF. 1/{year}",
        order=2,
        document_type=OfficialDocumentType.INFORMATION,
        access=OfficialDocumentAccess.RESTRICTED,
        titles={f"title_{code}": text for code, text in INFORMATION_TITLES.items()},
        kind="information",
        name="information.pdf",
    )
    return [concept_note, information]
