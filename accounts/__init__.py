"""Accounts, roles and sign-in policy.

A top-level app of its own because people's accounts cut across every domain app: a
secretariat officer, a moderator and a delegation's focal point all sign in the same
way, and none of ``agenda``, ``delegations``, ``speakers`` or ``outcomes`` owns them.
"""
