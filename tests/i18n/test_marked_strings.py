"""Every string a user reads goes through gettext, and every catalogue is complete."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

from cidi_meeting.catalogues import catalogue_paths, catalogue_problems
from tests.services import require_gettext

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"
# Text a template may hold outside {% translate %}: punctuation, symbols, numbers and a
# few names that are the same in every language.
NOT_WORDS = re.compile(r"&[a-z]+;|&#\d+;|\b(OAS|CIDI|PDF|CSV|JSON|ICS|EN|ES|FR|PT|ID)\b")
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Where text is not for people: styles, scripts, and the PDF stylesheet.
SKIPPED_BLOCKS = re.compile(r"<(style|script)\b.*?</\1>", re.S)


def unmarked_strings(path):
    """Return the words of ``path`` a reader sees that no translate tag covers.

    Template tags and variables become a blank, the text inside {% blocktranslate %} is
    dropped, then HTML tags (which may span template tags), styles and scripts go.
    """
    source = path.read_text(encoding="utf-8")
    skeleton = []
    inside = 0  # depth of {% blocktranslate %} and {% comment %}
    previous = ""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in ("blocktranslate", "blocktrans", "comment"):
                inside += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment"):
                inside -= 1
            previous = token.contents
            skeleton.append(" ")
        elif token.token_type == TokenType.TEXT and previous.startswith("block content_class"):
            skeleton.append(" ")  # CSS class names, not text
        elif token.token_type == TokenType.TEXT and not inside:
            skeleton.append(token.contents)
        else:
            skeleton.append(" ")
    text = SKIPPED_BLOCKS.sub(" ", "".join(skeleton))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    words = LETTERS.findall(NOT_WORDS.sub(" ", text))
    return " ".join(words)[:120] if words else ""


def test_every_template_string_is_marked_for_translation():
    templates = [
        path
        for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))
        if path.suffix in (".html", ".txt")
    ]
    unmarked = {
        str(path.relative_to(TEMPLATES)): words
        for path in templates
        if (words := unmarked_strings(path))
    }
    assert unmarked == {}


def test_attributes_people_read_are_marked_for_translation():
    # Labels for screen readers and tooltips are read too.
    pattern = re.compile(r'\b(aria-label|title|placeholder|alt)="([^"{]*[A-Za-z]{2,}[^"{]*)"')
    unmarked = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert unmarked == []


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_catalogue_is_complete(language):
    paths = [path for path in catalogue_paths() if path.parent.parent.name == language]
    assert paths, f"no catalogue for {language}"
    assert catalogue_problems(paths[0]) == []


def test_catalogues_hold_every_marked_string(tmp_path):
    """Extract the messages afresh: a string marked since the catalogues were made fails."""
    require_gettext()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for name in project["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copytree(ROOT / "static" / "js", tmp_path / "static" / "js")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={**_environment(), "PYTHONPATH": str(tmp_path)},
    )
    extracted = polib.pofile(str(tmp_path / "locale/es/LC_MESSAGES/django.po"))
    for path in catalogue_paths():
        catalogue = {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}
        missing = sorted({entry.msgid for entry in extracted} - catalogue)
        assert missing == [], f"{path.parent.parent.name} lacks {len(missing)}: {missing[:10]}"


def _environment():
    import os

    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def test_gettext_is_only_imported_under_names_makemessages_knows():
    """``gettext_lazy as _lazy`` hides its strings from the extraction: never rename it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    known = {
        "_",
        "gettext",
        "gettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "pgettext",
        "pgettext_lazy",
        "gettext_noop",
        "npgettext",
        "npgettext_lazy",
    }
    alias = re.compile(r"\b((?:n|p|np)?gettext(?:_lazy|_noop)?) as (\w+)")
    renamed = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for name in project["tool"]["importlinter"]["root_packages"]
        for path in sorted((ROOT / name).rglob("*.py"))
        for match in alias.finditer(path.read_text(encoding="utf-8"))
        if match.group(2) not in known
    ]
    assert renamed == []
