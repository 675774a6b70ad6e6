"""Panels that the apps built on the agenda add to a meeting's page.

The agenda cannot import the apps above it (the live console, the documents), yet its
meeting page shows their links and panels. Each such app registers a provider here from
its ``AppConfig.ready()``; the page asks every provider in turn.

A provider is a callable ``provider(*, meeting, user)`` that returns a ``Panel`` or None
(nothing to show this user). Providers must run a fixed number of queries.

A provider registered as ``shared`` shows every viewer of one kind the same thing
(``agenda.public_page.viewer_kind``), from data that raises the agenda's revision or
changes its live state when it changes, and its template holds no form: the page renders
it into its cached part and skips it on a cache hit. Anything with a form (a CSRF token)
or about one person is not shared.
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
_shared = set()


def register(provider, *, shared=False):
    """Add ``provider`` to the meeting page (once, however often ``ready()`` runs)."""
    if provider not in _providers:
        _providers.append(provider)
    if shared:
        _shared.add(provider)
    return provider


def panels_for(*, meeting, user, shared=None):
    """Return the panels the meeting page shows ``user``, grouped by place.

    ``shared`` True asks only the shared providers, False only the others, None all.
    """
    grouped = {"actions": [], "sections": []}
    for provider in _providers:
        if shared is not None and (provider in _shared) != shared:
            continue
        panel = provider(meeting=meeting, user=user)
        if panel is not None:
            grouped[panel.place].append(panel)
    return grouped
