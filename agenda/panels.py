"""Panels that the apps built on the agenda add to a meeting's page.

The agenda cannot import the apps above it (the live console, the documents), yet its
meeting page shows their links and panels. Each such app registers a provider here from
its ``AppConfig.ready()``; the page asks every provider in turn.

A provider is a callable ``provider(*, meeting, user)`` that returns a ``Panel`` or None
(nothing to show this user). Providers must run a fixed number of queries.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    """One piece of a meeting page: a template, its context and where it goes."""

    template: str
    context: dict = field(default_factory=dict)
    # "actions": the buttons under the meeting's title; "sections": below the agenda.
    place: str = "sections"


_providers = []


def register(provider):
    """Add ``provider`` to the meeting page (once, however often ``ready()`` runs)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(*, meeting, user):
    """Return the panels the meeting page shows ``user``, grouped by place."""
    grouped = {"actions": [], "sections": []}
    for provider in _providers:
        panel = provider(meeting=meeting, user=user)
        if panel is not None:
            grouped[panel.place].append(panel)
    return grouped
