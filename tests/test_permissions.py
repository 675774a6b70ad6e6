"""Every URL of the portal, classified: who gets which status code.

A URL of the portal's own views that is not in ``MATRIX`` fails
``test_every_portal_url_is_classified``: classify it when you add it. A path may name
records of the demo meeting in braces (``{slot}``); ``url_values`` fills them in.
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

# Changes are POST only: a GET by the secretariat is refused with 405.
SECRETARIAT_POST_ONLY = {**SECRETARIAT_ONLY, "secretariat": 405}
EDITOR = "/secretariat/meetings/social-safety-nets/"

# Only the invited speaker's link works: anyone signed in under another address is refused.
INVITED_ONLY = {
    "anonymous": 200,
    "delegate": 403,
    "focal_point": 403,
    "moderator": 403,
    "secretariat": 403,
}
# Undelivered statements: those who run the meeting read them; to others they do not exist.
RUNS_MEETINGS_ONLY = {
    "anonymous": 404,
    "delegate": 404,
    "focal_point": 404,
    "moderator": 200,
    "secretariat": 200,
}

# url name -> (path, expected status per role)
MATRIX = {
    "home": ("/", PUBLIC),
    "healthz": ("/healthz", PUBLIC),
    "agenda:meeting_detail": ("/meetings/social-safety-nets/", PUBLIC),
    "accounts:list": ("/secretariat/accounts/", SECRETARIAT_ONLY),
    "accounts:create": ("/secretariat/accounts/new/", SECRETARIAT_ONLY),
    "agenda:meeting_ics": ("/meetings/social-safety-nets/agenda.ics", PUBLIC),
    # POST only: the secretariat's GET is refused with 405.
    "speakers:invitation_send": (
        "/speakers/slots/{slot}/invite/",
        {**SECRETARIAT_ONLY, "secretariat": 405},
    ),
    "speakers:invitation": ("/speakers/invitation/{token}/", INVITED_ONLY),
    "speakers:slot_ics": ("/speakers/invitation/{token}/slot.ics", INVITED_ONLY),
    "speakers:statement_download": ("/speakers/statements/{statement}/", RUNS_MEETINGS_ONLY),
    "agenda:concept_note": ("/meetings/social-safety-nets/concept-note/", PUBLIC),
    "agenda:editor_list": ("/secretariat/meetings/", SECRETARIAT_ONLY),
    "agenda:meeting_create": ("/secretariat/meetings/new/", SECRETARIAT_ONLY),
    "agenda:editor": (EDITOR, SECRETARIAT_ONLY),
    "agenda:meeting_edit": (EDITOR + "details/", SECRETARIAT_ONLY),
    "agenda:meeting_history": (EDITOR + "history/", SECRETARIAT_ONLY),
    "agenda:person_add": (EDITOR + "people/new/", SECRETARIAT_ONLY),
    "agenda:segment_add": (EDITOR + "parts/new/", SECRETARIAT_ONLY),
    "agenda:segment_edit": (EDITOR + "parts/{segment}/", SECRETARIAT_ONLY),
    "agenda:segment_delete": (EDITOR + "parts/{segment}/delete/", SECRETARIAT_POST_ONLY),
    "agenda:segment_move": (EDITOR + "parts/{segment}/move/up/", SECRETARIAT_POST_ONLY),
    "agenda:slot_add": (EDITOR + "parts/{segment}/slots/new/", SECRETARIAT_ONLY),
    "agenda:slots_reorder": (EDITOR + "parts/{segment}/slots/order/", SECRETARIAT_POST_ONLY),
    "agenda:question_add": (EDITOR + "parts/{segment}/questions/new/", SECRETARIAT_ONLY),
    "agenda:slot_edit": (EDITOR + "slots/{slot}/", SECRETARIAT_ONLY),
    "agenda:slot_delete": (EDITOR + "slots/{slot}/delete/", SECRETARIAT_POST_ONLY),
    "agenda:slot_move": (EDITOR + "slots/{slot}/move/down/", SECRETARIAT_POST_ONLY),
    "agenda:question_edit": (EDITOR + "questions/{question}/", SECRETARIAT_ONLY),
    "agenda:question_delete": (EDITOR + "questions/{question}/delete/", SECRETARIAT_POST_ONLY),
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


@pytest.fixture
def url_values(demo_meeting, settings, tmp_path):
    """Records of the demo meeting named by the paths in ``MATRIX``."""
    from django.core.files.base import ContentFile

    from speakers.enums import InvitationResponse
    from speakers.models import SpeakerSlot
    from speakers.tokens import invitation_token_make
    from tests.speakers.factories import SpeakerInvitationFactory, StatementFactory

    settings.MEDIA_ROOT = tmp_path
    demo_meeting.concept_note.save("note.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    slot = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).first()
    invitation = SpeakerInvitationFactory(
        slot=slot, email="speaker@example.org", response=InvitationResponse.CONFIRMED
    )
    return {
        "slot": slot.pk,
        "segment": slot.segment_id,
        "question": slot.segment.guiding_questions.first().pk,
        "token": invitation_token_make(invitation=invitation),
        "statement": StatementFactory(slot=slot).pk,
    }


def test_every_portal_url_is_classified():
    assert sorted(set(portal_url_names())) == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, url_values, role):
    if role != "anonymous":
        client.force_login(UserFactory(roles=[ROLE_GROUPS[role]]))
    wrong = []

    for name, (path, expected) in sorted(MATRIX.items()):
        response = client.get(path.format(**url_values))
        if response.status_code != expected[role]:
            wrong.append(f"{name}: {response.status_code}, expected {expected[role]}")

    assert wrong == [], f"{role}: " + "; ".join(wrong)
