"""The cached public pages of outcomes: the compendium, its exports and the matrix.

Their fragments are cached with ``cidi_meeting.page_cache`` under the generations of two
namespaces, moved on from signals by every model whose data shows on them, so that no
editing path (the forms, the administration site, a data migration) can forget it:

* ``COMPENDIUM``: published practices, their terms and attachments, the SDG targets,
  instruments and target groups (names in four languages), the delegations, member
  states and organizations that submitted them, and the meetings (in the exports);
* ``COOPERATION``: offers and needs, their matches, themes, instruments and target
  groups, and the delegations, member states and organizations that posted them.

Writes that send no signal (``QuerySet.update``, ``bulk_create``) call ``outcomes_changed``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from accounts import roles
from agenda.models import Meeting
from cidi_meeting import page_cache
from delegations.models import Delegation, MemberState, Organization
from outcomes.models import (
    CooperationItem,
    CooperationMatch,
    GoodPractice,
    Instrument,
    PracticeAttachment,
    SdgTarget,
    TargetGroup,
    Theme,
)

COMPENDIUM = "outcomes.compendium"
COOPERATION = "outcomes.cooperation"

# Which namespaces a model's rows show in.
SHOWN_IN = {
    GoodPractice: (COMPENDIUM,),
    PracticeAttachment: (COMPENDIUM,),
    SdgTarget: (COMPENDIUM,),
    Meeting: (COMPENDIUM,),
    Instrument: (COMPENDIUM, COOPERATION),
    TargetGroup: (COMPENDIUM, COOPERATION),
    Delegation: (COMPENDIUM, COOPERATION),
    MemberState: (COMPENDIUM, COOPERATION),
    Organization: (COMPENDIUM, COOPERATION),
    Theme: (COOPERATION,),
    CooperationItem: (COOPERATION,),
    CooperationMatch: (COOPERATION,),
}
M2M_SHOWN_IN = {
    GoodPractice.instruments.through: (COMPENDIUM,),
    GoodPractice.target_groups.through: (COMPENDIUM,),
    GoodPractice.sdg_targets.through: (COMPENDIUM,),
    CooperationItem.target_groups.through: (COOPERATION,),
}

PUBLIC, DELEGATION, SECRETARIAT = "public", "delegation", "secretariat"


def viewer_kind(user):
    """Return the kind of viewer ``user`` is: a cached fragment is never shared across kinds."""
    if roles.is_secretariat(user):
        return SECRETARIAT
    if getattr(user, "is_authenticated", False):
        return DELEGATION
    return PUBLIC


def fragment_key(request, page, *, namespace, query="", extra=()):
    """Return the cache key of ``page``'s fragment for this request's language and viewer."""
    return page_cache.fragment_key(
        page,
        namespaces=[namespace],
        language=get_language(),
        viewer=viewer_kind(request.user),
        query=query,
        extra=extra,
    )


def outcomes_changed():
    """Mark every cached outcomes page stale (after writes that send no signal)."""
    page_cache.bump(COMPENDIUM, COOPERATION)


def _on_change(sender, **kwargs):
    page_cache.bump(*SHOWN_IN[sender])


def _on_m2m_change(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        page_cache.bump(*M2M_SHOWN_IN[sender])


def connect():
    """Connect the bumps (from ``OutcomesConfig.ready``)."""
    for model in SHOWN_IN:
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"outcomes-cache-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"outcomes-cache-del-{label}")
    for through in M2M_SHOWN_IN:
        m2m_changed.connect(
            _on_m2m_change,
            sender=through,
            dispatch_uid=f"outcomes-cache-m2m-{through._meta.label}",
        )
