"""Invitations of the delegations' focal points.

The secretariat invites one focal point per delegation, in bulk for the member states or
one by one; the emailed link is bound to the invited address and either links an
existing account to the delegation or opens the sign-up form for that address only.

``links`` makes and reads the signed links, ``selectors`` reads, ``services`` writes,
``forms`` and ``views`` serve the pages (see ``delegations/urls_invitations.py``).
"""
