"""One word for one thing in what people read: a meeting has parts, never "segments".

The code keeps its names (``Segment``, ``segment_id``); the messages marked for
translation in Python and in templates say "part".
"""

import ast
import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

from agenda.models import Segment

ROOT = Path(settings.BASE_DIR)
GETTEXT = {
    "_",
    "_lazy",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}
SEGMENT = re.compile(r"\bsegments?\b", re.IGNORECASE)
# Strings still waiting for their change (none).
PENDING = set()


def python_messages(path):
    """Yield the literal strings passed to a gettext function in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in GETTEXT:
            for argument in node.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    yield argument.value


def template_messages(path):
    """Yield the text of {% translate %} tags and inside {% blocktranslate %} in ``path``."""
    inside = False
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in ("translate", "trans"):
                yield token.contents
            inside = name in ("blocktranslate", "blocktrans", "plural") or (
                inside and name not in ("endblocktranslate", "endblocktrans")
            )
        elif inside and token.token_type == TokenType.TEXT:
            yield token.contents


def packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [ROOT / name for name in project["tool"]["importlinter"]["root_packages"]]


def test_no_message_calls_a_part_a_segment():
    found = [
        f"{path.relative_to(ROOT)}: {message}"
        for package in packages()
        for path in sorted(package.rglob("*.py"))
        if "migrations" not in path.parts
        for message in python_messages(path)
        if SEGMENT.search(message) and (str(path.relative_to(ROOT)), message) not in PENDING
    ]
    found += [
        f"{path.relative_to(ROOT)}: {message.strip()}"
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.suffix in (".html", ".txt")
        for message in template_messages(path)
        if SEGMENT.search(message)
    ]
    assert found == []


def test_the_part_model_is_called_a_part():
    assert (str(Segment._meta.verbose_name), str(Segment._meta.verbose_name_plural)) == (
        "part",
        "parts",
    )
