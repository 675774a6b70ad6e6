"""The documents, one module each: what it shows (its builder) and its spec.

A builder returns plain data (strings, numbers, lists, dictionaries); the document's
template renders only that data, and its fingerprint is taken of it, so a document is
rendered again exactly when what it shows changes. Builders run inside
``translation.override(language)``: names of states, taxonomies and choices come out in
the document's language. Each module registers its spec with ``documents.registry``
when imported (``DocumentsConfig.ready`` imports them all).
"""

from documents.kinds import (
    good_practices,
    participants,
    podium,
    public_agenda,
    run_of_show,
    summary,
)

__all__ = [
    "good_practices",
    "participants",
    "podium",
    "public_agenda",
    "run_of_show",
    "summary",
]
