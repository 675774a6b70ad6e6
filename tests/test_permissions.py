"""Every URL of the portal, classified: who gets which status code.

A URL of the portal's own views that is not in ``MATRIX`` fails
``test_every_portal_url_is_classified``: classify it when you add it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.enums import Role
from tests.factories import UserFactory

ROLES = ["anonymous", "delegate", "focal_point", "moderator", "secretariat"]
ROLE_GROUPS = {
    "delegate": Role.DELEGATE,
    "focal_point": Role.FOCAL_POINT,
    "moderator": Role.MODERATOR,
    "secretariat": Role.SECRETARIAT,
}
PUBLIC = dict.fromkeys(ROLES, 200)
SECRETARIAT_ONLY = {
    "anonymous": 302,
    "delegate": 403,
    "focal_point": 403,
    "moderator": 403,
    "secretariat": 200,
}

# url name -> (path, expected status per role)
MATRIX = {
    "home": ("/", PUBLIC),
    "healthz": ("/healthz", PUBLIC),
    "agenda:meeting_detail": ("/meetings/social-safety-nets/", PUBLIC),
    "accounts:list": ("/secretariat/accounts/", SECRETARIAT_ONLY),
    "accounts:create": ("/secretariat/accounts/new/", SECRETARIAT_ONLY),
}
PORTAL_PACKAGES = ("accounts", "agenda", "cidi_meeting", "delegations", "outcomes", "speakers")


def portal_url_names(resolver=None, namespace=""):
    """Yield the names of URLs whose views are the portal's own code."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from portal_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            module = getattr(pattern.callback, "__module__", "")
            if module.split(".")[0] in PORTAL_PACKAGES:
                yield f"{namespace}{pattern.name}"


def test_every_portal_url_is_classified():
    assert sorted(set(portal_url_names())) == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, demo_meeting, role, name):
    path, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(UserFactory(roles=[ROLE_GROUPS[role]]))

    response = client.get(path)

    assert response.status_code == expected[role], f"{role} on {path}"
