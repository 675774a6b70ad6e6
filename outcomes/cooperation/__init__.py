"""Cooperation offers and needs, the matches the portal proposes, and their follow-up.

A delegation's focal point posts an **offer** (what the delegation can share) or a
**need** (what it would like to learn), with a form of cooperation, a theme, optionally an
instrument, target groups and one of the delegation's good practices. The portal pairs
open offers with open needs of the same meeting from different delegations
(``matching``), the secretariat starts following up the pairs worth pursuing and records
their course (proposed, agreed, under way, completed or dropped), and everyone sees the
meeting's supply–demand matrix by delegation and theme.

The package is split as the house style splits an app: ``forms``, ``services`` (every
write), ``selectors`` (every read, with a fixed number of queries), ``matching`` (the
pairing rules, plain Python) and ``views``; ``outcomes/urls_cooperation.py`` routes them.
"""
