"""Every URL of the portal, classified: who gets which status code.

A URL of the portal's own views that is not in ``MATRIX`` fails
``test_every_portal_url_is_classified``: classify it when you add it. A path may name
records of the demo meeting in braces (``{slot}``); ``url_values`` fills them in.
"""

import tomllib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.enums import Role
from tests.factories import UserFactory

# Focal point A is Panama's (the delegation the paths below name); B is Barbados's.
ROLES = ["anonymous", "focal_point_a", "focal_point_b", "delegate", "moderator", "secretariat"]
DEMO_ACCOUNTS = {"focal_point_a": "focal.pa@example.org", "focal_point_b": "focal.bb@example.org"}
ROLE_GROUPS = {
    "delegate": Role.DELEGATE,
    "moderator": Role.MODERATOR,
    "secretariat": Role.SECRETARIAT,
}
PUBLIC = dict.fromkeys([*ROLES, "focal_point"], 200)
SECRETARIAT_ONLY = {
    "anonymous": 302,
    "delegate": 403,
    "focal_point": 403,
    "moderator": 403,
    "secretariat": 200,
}

# Changes are POST only: a GET by the secretariat is refused with 405.
SECRETARIAT_POST_ONLY = {**SECRETARIAT_ONLY, "secretariat": 405}
# Focal point A's own delegation: B and everyone else are told it does not exist.
OWN_DELEGATION = {
    "anonymous": 302,
    "focal_point_a": 200,
    "focal_point_b": 404,
    "delegate": 404,
    "moderator": 404,
    "secretariat": 200,
}
# A GET of a POST-only URL is refused (405) before any record is looked up, so it tells
# nothing about the delegation; POSTs by others answer 404 (tests/delegations).
OWN_DELEGATION_POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 302}
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
RUNS_MEETINGS = {**SECRETARIAT_ONLY, "moderator": 200}
EDITOR = "/secretariat/meetings/social-safety-nets/"
DELEGATION = "/delegations/{delegation}/"

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

# Documents restricted to delegations: the meeting's delegations and the secretariat read
# them; to others they do not exist.
MEETING_DELEGATIONS = {
    "anonymous": 404,
    "focal_point_a": 200,
    "focal_point_b": 200,
    "delegate": 404,
    "moderator": 404,
    "secretariat": 200,
}

# url name -> (path, expected status per role)
MATRIX = {
    "home": ("/", PUBLIC),
    # The register of official documents: the published ones are everyone's; a file
    # restricted to delegations exists only for the meeting's delegations and the secretariat.
    "documents:register": ("/meetings/social-safety-nets/register/", PUBLIC),
    "documents:register_file": (
        "/meetings/social-safety-nets/register/{restricted_document}/en/",
        MEETING_DELEGATIONS,
    ),
    "documents:register_list": (EDITOR + "register/", SECRETARIAT_ONLY),
    # Sessions of a meeting of several sittings (the demo's concept-note meeting has none).
    "agenda:session_add": (EDITOR + "sessions/new/", SECRETARIAT_ONLY),
    "agenda:session_edit": (
        "/secretariat/meetings/{session_meeting}/sessions/{session}/",
        SECRETARIAT_ONLY,
    ),
    "agenda:session_delete": (
        "/secretariat/meetings/{session_meeting}/sessions/{session}/delete/",
        SECRETARIAT_POST_ONLY,
    ),
    # One console and one room display per session of a meeting run by session.
    "live:console_session": (
        "/meetings/{session_meeting}/console/session/{session}/",
        RUNS_MEETINGS,
    ),
    "live:console_session_state": (
        "/meetings/{session_meeting}/console/session/{session}/state/",
        RUNS_MEETINGS,
    ),
    "live:console_session_press": (
        "/meetings/{session_meeting}/console/session/{session}/start/",
        {**RUNS_MEETINGS, "moderator": 405, "secretariat": 405},
    ),
    "live:display_session": ("/room/{session_display_token}/session/{session}/", PUBLIC),
    "live:display_session_state": (
        "/room/{session_display_token}/session/{session}/state/",
        PUBLIC,
    ),
    "documents:register_add": (EDITOR + "register/new/", SECRETARIAT_ONLY),
    "documents:register_edit": (EDITOR + "register/{official_document}/", SECRETARIAT_ONLY),
    "documents:register_delete": (
        EDITOR + "register/{official_document}/delete/",
        SECRETARIAT_POST_ONLY,
    ),
    "healthz": ("/healthz", PUBLIC),
    # Browsers that ask for /favicon.ico are sent to the static SVG icon.
    "favicon": ("/favicon.ico", dict.fromkeys(ROLES, 302)),
    # The switcher posts; a GET only goes back where it came from.
    "set_language": ("/i18n/setlang/", dict.fromkeys(ROLES, 302)),
    "agenda:meeting_detail": ("/meetings/social-safety-nets/", PUBLIC),
    "accounts:list": ("/secretariat/accounts/", SECRETARIAT_ONLY),
    "accounts:create": ("/secretariat/accounts/new/", SECRETARIAT_ONLY),
    "security_log": ("/secretariat/security/", SECRETARIAT_ONLY),
    "profile": ("/profile/", SIGNED_IN),
    # The directory of people and organizations.
    "directory:person_list": ("/secretariat/people/", SECRETARIAT_ONLY),
    "directory:person_create": ("/secretariat/people/new/", SECRETARIAT_ONLY),
    "directory:person_edit": ("/secretariat/people/{person}/", SECRETARIAT_ONLY),
    "directory:person_merge": ("/secretariat/people/{person}/merge/", SECRETARIAT_ONLY),
    "directory:organization_list": ("/secretariat/organizations/", SECRETARIAT_ONLY),
    "directory:organization_create": ("/secretariat/organizations/new/", SECRETARIAT_ONLY),
    "directory:organization_edit": (
        "/secretariat/organizations/{organization}/",
        SECRETARIAT_ONLY,
    ),
    # The admin's password form is replaced by the portal's sign-in (cidi_meeting.security):
    # visitors are sent there, signed-in users who are not staff are refused.
    "admin:login": ("/admin/login/", {**dict.fromkeys(ROLES, 403), "anonymous": 302}),
    "agenda:meeting_ics": ("/meetings/social-safety-nets/agenda.ics", PUBLIC),
    # POST only: the secretariat's GET is refused with 405.
    "speakers:invitation_send": (
        "/speakers/slots/{slot}/invite/",
        {**SECRETARIAT_ONLY, "secretariat": 405},
    ),
    "speakers:invite_all": ("/speakers/meetings/social-safety-nets/invite-all/", SECRETARIAT_ONLY),
    "speakers:invitation": ("/speakers/invitation/{token}/", INVITED_ONLY),
    "speakers:slot_ics": ("/speakers/invitation/{token}/slot.ics", INVITED_ONLY),
    "speakers:statement_download": ("/speakers/statements/{statement}/", RUNS_MEETINGS_ONLY),
    # The speaker reads their own statements through the invitation's link at any time.
    "speakers:invitation_statement": (
        "/speakers/invitation/{token}/statements/{statement}/",
        INVITED_ONLY,
    ),
    "meeting_statements": (EDITOR + "statements/", SECRETARIAT_ONLY),
    "agenda:concept_note": ("/meetings/social-safety-nets/concept-note/", PUBLIC),
    "agenda:editor_list": ("/secretariat/meetings/", SECRETARIAT_ONLY),
    "agenda:meeting_create": ("/secretariat/meetings/new/", SECRETARIAT_ONLY),
    "agenda:editor": (EDITOR, SECRETARIAT_ONLY),
    "agenda:meeting_edit": (EDITOR + "details/", SECRETARIAT_ONLY),
    "agenda:meeting_history": (EDITOR + "history/", SECRETARIAT_ONLY),
    "agenda:meeting_publish": (EDITOR + "publish/", SECRETARIAT_ONLY),
    "agenda:meeting_duplicate": (EDITOR + "duplicate/", SECRETARIAT_ONLY),
    "agenda:meeting_unpublish": (EDITOR + "unpublish/", SECRETARIAT_POST_ONLY),
    "agenda:content_languages": (EDITOR + "languages/", SECRETARIAT_ONLY),
    "agenda:content_languages_edit": (EDITOR + "languages/part/{segment}/", SECRETARIAT_ONLY),
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
    # Delegations: focal point A's own pages, and the secretariat's.
    # /delegations/ lists a focal point's delegations: the demo's focal points have two
    # (the dialogue and the ministerial meeting).
    "delegations:my_delegations": ("/delegations/", SIGNED_IN),
    "delegations:registration": (DELEGATION, OWN_DELEGATION),
    "delegations:member_add": (DELEGATION + "members/new/", OWN_DELEGATION_POST_ONLY),
    "delegations:member_edit": (DELEGATION + "members/{member}/", OWN_DELEGATION),
    "delegations:member_delete": (
        DELEGATION + "members/{member}/delete/",
        OWN_DELEGATION_POST_ONLY,
    ),
    "delegations:member_move": (
        DELEGATION + "members/{member}/move/up/",
        OWN_DELEGATION_POST_ONLY,
    ),
    "delegations:member_invite": (
        DELEGATION + "members/{member}/invite/",
        OWN_DELEGATION_POST_ONLY,
    ),
    "delegations:member_account": (
        DELEGATION + "members/{member}/account/",
        SECRETARIAT_POST_ONLY,
    ),
    # A member's invitation to the portal: a visitor is asked to sign in; signed in under
    # an account without the member's verified address, refused.
    "delegations:member_access": (
        "/delegations/member-access/{member_token}/",
        {**dict.fromkeys(ROLES, 403), "anonymous": 200},
    ),
    "delegations:credentials_upload": (DELEGATION + "credentials/", OWN_DELEGATION_POST_ONLY),
    "delegations:credentials_download": (DELEGATION + "credentials/{letter}/", OWN_DELEGATION),
    # The GET asks for confirmation (the letter is the delegation's note verbale).
    "delegations:credentials_remove": (DELEGATION + "credentials/{letter}/remove/", OWN_DELEGATION),
    "delegations:submit": (DELEGATION + "submit/", OWN_DELEGATION_POST_ONLY),
    "delegations:change_request": (DELEGATION + "change-request/", OWN_DELEGATION_POST_ONLY),
    "delegations:change_handled": (
        DELEGATION + "change-request/handled/",
        SECRETARIAT_POST_ONLY,
    ),
    "delegations:accredit": (DELEGATION + "accredit/", SECRETARIAT_POST_ONLY),
    "delegations:return": (DELEGATION + "return/", SECRETARIAT_POST_ONLY),
    "delegations:quota": (DELEGATION + "quota/", SECRETARIAT_POST_ONLY),
    "delegations:dashboard": (EDITOR + "delegations/", SECRETARIAT_ONLY),
    "delegations:draw_lot": (EDITOR + "delegations/lot/", SECRETARIAT_POST_ONLY),
    "delegations:delegation_add": (EDITOR + "delegations/new/", SECRETARIAT_POST_ONLY),
    "delegations:participants": (EDITOR + "participants/", RUNS_MEETINGS),
    "delegations:participants_csv": (EDITOR + "participants.csv", RUNS_MEETINGS),
    "delegations:floor_request_add": (DELEGATION + "floor/new/", OWN_DELEGATION),
    # This view looks the delegation up before the method: others get 404 either way.
    "delegations:floor_request_withdraw": (
        DELEGATION + "floor/{floor_request}/withdraw/",
        {**OWN_DELEGATION, "focal_point_a": 405, "secretariat": 405},
    ),
    "delegations:floor_list": (EDITOR + "floor/", SECRETARIAT_ONLY),
    # Documents: the run-of-show is for those who run the meeting.
    "documents:document_request": (
        "/meetings/social-safety-nets/documents/run-of-show/",
        {**RUNS_MEETINGS, "moderator": 405, "secretariat": 405},
    ),
    "documents:document_status": ("/documents/{document}/status/", RUNS_MEETINGS),
    "reminders:reminder_rules": (EDITOR + "reminders/", SECRETARIAT_ONLY),
    "reminders:reminder_rule_create": (EDITOR + "reminders/new/", SECRETARIAT_ONLY),
    "reminders:reminder_rule_edit": (EDITOR + "reminders/{reminder_rule}/", SECRETARIAT_ONLY),
    "reminders:reminder_rule_deactivate": (
        EDITOR + "reminders/{reminder_rule}/deactivate/",
        SECRETARIAT_POST_ONLY,
    ),
    "reminders:outbox": (EDITOR + "outbox/", SECRETARIAT_ONLY),
    "reminders:outbox_message": (EDITOR + "outbox/{outbox_message}/", SECRETARIAT_ONLY),
    "reminders:outbox_send_again": (
        EDITOR + "outbox/{outbox_message}/send-again/",
        SECRETARIAT_POST_ONLY,
    ),
    "documents:document_download": ("/documents/{document}/download/", RUNS_MEETINGS),
    # Good practices: the compendium is public; Panama's draft is its own and the
    # secretariat's, and does not exist for anyone else.
    "outcomes:compendium": ("/practices/", PUBLIC),
    "outcomes:compendium_csv": ("/practices/export.csv", PUBLIC),
    "outcomes:compendium_json": ("/practices/export.json", PUBLIC),
    "outcomes:practice_detail": ("/practices/{draft}/", {**OWN_DELEGATION, "anonymous": 404}),
    "outcomes:practice_list_own": (DELEGATION + "practices/", OWN_DELEGATION),
    "outcomes:practice_add": (DELEGATION + "practices/new/", OWN_DELEGATION),
    "outcomes:practice_edit": ("/practices/{draft}/edit/", OWN_DELEGATION),
    "outcomes:attachment_upload": ("/practices/{draft}/attachments/", OWN_DELEGATION_POST_ONLY),
    "outcomes:practice_attachment": (
        "/practices/{draft}/attachments/{attachment}/",
        {**OWN_DELEGATION, "anonymous": 404},
    ),
    "outcomes:attachment_remove": (
        "/practices/{draft}/attachments/{attachment}/remove/",
        OWN_DELEGATION_POST_ONLY,
    ),
    # Only the delegation's own focal point deletes its draft; the GET only confirms.
    "outcomes:practice_delete": (
        "/practices/{draft}/delete/",
        {**OWN_DELEGATION, "secretariat": 404},
    ),
    "outcomes:practice_review": ("/practices/{draft}/review/", SECRETARIAT_ONLY),
    "outcomes:review_list": (EDITOR + "practices/", SECRETARIAT_ONLY),
    "outcomes:outcome_list": (EDITOR + "outcomes/", SECRETARIAT_ONLY),
    "outcomes:outcome_edit": (EDITOR + "outcomes/{expected_outcome}/", SECRETARIAT_ONLY),
    "outcomes:cooperation_own": (DELEGATION + "cooperation/", OWN_DELEGATION),
    "outcomes:cooperation_add": (DELEGATION + "cooperation/new/", OWN_DELEGATION),
    "outcomes:cooperation_edit": (DELEGATION + "cooperation/{cooperation_item}/", OWN_DELEGATION),
    "outcomes:cooperation_close": (
        DELEGATION + "cooperation/{cooperation_item}/close/",
        OWN_DELEGATION_POST_ONLY,
    ),
    "outcomes:cooperation_matches": (EDITOR + "cooperation/", SECRETARIAT_ONLY),
    "outcomes:cooperation_match_update": (
        EDITOR + "cooperation/matches/{cooperation_match}/",
        SECRETARIAT_POST_ONLY,
    ),
    "outcomes:cooperation_matrix": ("/meetings/social-safety-nets/cooperation/matrix/", PUBLIC),
    "delegations:invitations": (EDITOR + "invitations/", SECRETARIAT_ONLY),
    "delegations:invite_bulk": (EDITOR + "invitations/bulk/", SECRETARIAT_ONLY),
    "delegations:invite": (EDITOR + "delegations/{delegation}/invite/", SECRETARIAT_POST_ONLY),
    "delegations:invitation_resend": (
        EDITOR + "invitations/{focal_invitation}/resend/",
        SECRETARIAT_POST_ONLY,
    ),
    # A link for an address without an account: sign-up for a visitor, refused when
    # signed in as anyone else.
    "delegations:invitation_accept": (
        "/delegations/invitation/{focal_token}/",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302},
    ),
    "delegations:floor_sort": (EDITOR + "floor/{dialogue}/sort/", SECRETARIAT_POST_ONLY),
    "delegations:floor_move": (
        EDITOR + "floor/requests/{floor_request}/move/up/",
        SECRETARIAT_POST_ONLY,
    ),
    "delegations:floor_minutes": (
        EDITOR + "floor/requests/{floor_request}/minutes/",
        SECRETARIAT_POST_ONLY,
    ),
    "delegations:floor_accept": (
        EDITOR + "floor/requests/{floor_request}/accept/",
        SECRETARIAT_POST_ONLY,
    ),
    "delegations:floor_decline": (
        EDITOR + "floor/requests/{floor_request}/decline/",
        SECRETARIAT_POST_ONLY,
    ),
    # The live console: controls for those who run the room; displays by secret link.
    "live:console": ("/meetings/social-safety-nets/console/", RUNS_MEETINGS),
    "live:console_state": ("/meetings/social-safety-nets/console/state/", RUNS_MEETINGS),
    "live:console_press": (
        "/meetings/social-safety-nets/console/start/",
        {**RUNS_MEETINGS, "moderator": 405, "secretariat": 405},
    ),
    "live:timekeeping": ("/meetings/social-safety-nets/timekeeping/", RUNS_MEETINGS),
    "live:display": ("/room/{display_token}/", PUBLIC),
    "live:display_state": ("/room/{display_token}/state/", PUBLIC),
    "live:displays": (EDITOR + "displays/", SECRETARIAT_ONLY),
    "live:display_revoke": (EDITOR + "displays/{room_display}/revoke/", SECRETARIAT_POST_ONLY),
    # Self-declaration (inclusion): one's own gender and groups; nobody else's.
    "inclusion:declaration_mine": ("/me/self-declaration/", SIGNED_IN),
    "inclusion:declaration_person": (
        "/me/self-declaration/speaker/{person}/",
        {**dict.fromkeys(ROLES, 405), "anonymous": 302},
    ),
    "inclusion:declaration_member": (
        "/me/self-declaration/member/{member}/",
        {**dict.fromkeys(ROLES, 405), "anonymous": 302},
    ),
    # The speaker's own declaration through the invitation's link, refused as that page is.
    "inclusion:declaration_invitation": (
        "/speakers/invitation/{token}/self-declaration/",
        INVITED_ONLY,
    ),
    # The inclusion figures (exact counts): the secretariat's only; the public sees them,
    # withheld where few, in the meeting page's panel once the meeting is over.
    "inclusion:figures": (EDITOR + "inclusion/", SECRETARIAT_ONLY),
    # The public API (api/): anonymous, read-only reads of the public pages, the same for
    # everyone (signed in or not); its reference page and schema likewise.
    "api:meeting_list": ("/api/v1/meetings/", PUBLIC),
    "api:meeting_detail": ("/api/v1/meetings/social-safety-nets/", PUBLIC),
    "api:meeting_documents": ("/api/v1/meetings/social-safety-nets/documents/", PUBLIC),
    "api:cooperation_matrix": (
        "/api/v1/meetings/social-safety-nets/cooperation-matrix/",
        PUBLIC,
    ),
    "api:practice_list": ("/api/v1/practices/", PUBLIC),
    "api:practice_detail": ("/api/v1/practices/{published_practice}/", PUBLIC),
    "api:schema": ("/api/v1/schema/", PUBLIC),
    "api:reference": ("/api/v1/docs/", PUBLIC),
}
# A revoked display link is refused to everyone, signed in or not.
REVOKED_DISPLAY = {
    "live:display": ("/room/{revoked_token}/", dict.fromkeys(ROLES, 410)),
    "live:display_state": ("/room/{revoked_token}/state/", dict.fromkeys(ROLES, 410)),
    "live:display_session": (
        "/room/{revoked_session_token}/session/{session}/",
        dict.fromkeys(ROLES, 410),
    ),
    "live:display_session_state": (
        "/room/{revoked_session_token}/session/{session}/state/",
        dict.fromkeys(ROLES, 410),
    ),
}
# The portal's own packages: the root packages of the import layers (pyproject.toml).
PORTAL_PACKAGES = tuple(
    tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["tool"][
        "importlinter"
    ]["root_packages"]
)


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
    from delegations.models import (
        CredentialsLetter,
        Delegation,
        DelegationMember,
        MemberState,
        Organization,
    )

    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    member = DelegationMember.objects.create(
        delegation=panama, full_name="Ana", role="head", email="ana.member@example.org"
    )
    from delegations.member_access import member_access_token_make

    letter = CredentialsLetter.objects.create(
        delegation=panama,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="credentials/letter.pdf"),
        original_name="letter.pdf",
        size=16,
    )
    from delegations.models import FloorRequest

    dialogue = demo_meeting.segments.get(accepts_floor_requests=True)
    floor_request = FloorRequest.objects.create(
        segment=dialogue, delegation=panama, member=member, topic="Care systems"
    )
    from delegations.invitations.links import invitation_token_make as focal_token_make
    from delegations.services import delegation_create
    from tests.delegations.factories import FocalPointInvitationFactory

    ecuador = delegation_create(
        meeting=demo_meeting, member_state=MemberState.objects.get(iso2="EC")
    )
    focal_invitation = FocalPointInvitationFactory(
        delegation=ecuador, email="new.focal.ec@example.org"
    )
    from outcomes.enums import CooperationKind, PracticeStatus
    from outcomes.models import (
        CooperationItem,
        CooperationMatch,
        GoodPractice,
        PracticeAttachment,
    )
    from tests.outcomes.factories import GoodPracticeFactory

    draft = GoodPracticeFactory(delegation=panama, status=PracticeStatus.DRAFT)
    attachment = PracticeAttachment.objects.create(
        practice=draft,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="practices/a.pdf"),
        original_name="a.pdf",
        kind="pdf",
        size=16,
    )
    need = CooperationItem.objects.get(delegation=panama, kind=CooperationKind.NEED)
    offer = CooperationItem.objects.get(meeting=demo_meeting, kind=CooperationKind.OFFER)
    match = CooperationMatch.objects.create(offer=offer, need=need, score=5)
    from documents.models import DocumentStatus, RenderedDocument

    document = RenderedDocument.objects.create(
        meeting=demo_meeting,
        kind="run-of-show",
        fingerprint="matrix",
        status=DocumentStatus.READY,
        file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="documents/matrix.pdf"),
        size=16,
    )
    from reminders.models import OutboxMessage, ReminderRule

    rule = ReminderRule.objects.filter(meeting=demo_meeting).first()
    message = OutboxMessage.objects.create(
        meeting=demo_meeting,
        rule=rule,
        dedupe_key="matrix",
        anchor_key="meeting_start",
        anchor_at=demo_meeting.starts_at,
        due_at=demo_meeting.starts_at,
        recipient_email="moderator@example.org",
        status="failed",
    )
    from live.models import RoomDisplay

    room_display = RoomDisplay.objects.create(meeting=demo_meeting, label="Projector")
    revoked = RoomDisplay.objects.create(
        meeting=demo_meeting, label="Old screen", revoked_at=demo_meeting.starts_at
    )
    organization_with_people = Organization.objects.filter(people__isnull=False).first()
    register_and_sessions = _register_and_sessions(demo_meeting)
    return {
        **register_and_sessions,
        "display_token": room_display.token,
        "published_practice": GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
        .order_by("pk")
        .first()
        .pk,
        "room_display": room_display.pk,
        "revoked_token": revoked.token,
        "reminder_rule": rule.pk,
        "outbox_message": message.pk,
        "document": document.pk,
        "draft": draft.pk,
        "attachment": attachment.pk,
        "expected_outcome": demo_meeting.expected_outcomes.first().pk,
        "cooperation_item": need.pk,
        "cooperation_match": match.pk,
        "focal_invitation": focal_invitation.pk,
        "focal_token": focal_token_make(invitation=focal_invitation),
        "dialogue": dialogue.pk,
        "floor_request": floor_request.pk,
        "delegation": panama.pk,
        "member": member.pk,
        "member_token": member_access_token_make(member=member),
        "letter": letter.pk,
        "slot": slot.pk,
        "person": slot.person_id,
        "organization": organization_with_people.pk,
        "segment": slot.segment_id,
        "question": slot.segment.guiding_questions.first().pk,
        "token": invitation_token_make(invitation=invitation),
        "statement": StatementFactory(slot=slot).pk,
    }


def _register_and_sessions(demo_meeting):
    """Records of the register and of a meeting run by session, named by the paths."""
    from agenda.models import MeetingSession
    from demo.register import seed_register
    from documents.models import OfficialDocument
    from live.models import RoomDisplay
    from tests.factories import MeetingFactory

    session_meeting = MeetingFactory(slug="matrix-sessions")
    matrix_session = MeetingSession.objects.create(
        meeting=session_meeting,
        title="Matrix session",
        date=session_meeting.date,
        start_time=session_meeting.start_time,
    )
    session_display = RoomDisplay.objects.create(
        meeting=session_meeting, session=matrix_session, label="Projector, Room A"
    )
    revoked_session_display = RoomDisplay.objects.create(
        meeting=session_meeting,
        session=matrix_session,
        label="Old screen, Room A",
        revoked_at=demo_meeting.starts_at,
    )
    # Again, so that the register's files are in this test's media folder.
    seed_register(demo_meeting)
    documents = OfficialDocument.objects.filter(meeting=demo_meeting)
    return {
        "official_document": documents.get(document_type="concept-note").pk,
        "restricted_document": documents.get(document_type="information").pk,
        "session_meeting": session_meeting.slug,
        "session": matrix_session.pk,
        "session_display_token": session_display.token,
        "revoked_session_token": revoked_session_display.token,
    }


def sign_in(client, role):
    """Sign ``client`` in as ``role``: a demo account, or a new account with that role."""
    from accounts.models import User

    if role in DEMO_ACCOUNTS:
        client.force_login(User.objects.get(email=DEMO_ACCOUNTS[role]))
    elif role != "anonymous":
        client.force_login(UserFactory(roles=[ROLE_GROUPS[role]]))


def test_every_portal_url_is_classified():
    assert sorted(set(portal_url_names())) == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, url_values, role):
    sign_in(client, role)
    wrong = []

    checks = [*sorted(MATRIX.items()), *sorted(REVOKED_DISPLAY.items())]
    for name, (path, expected) in checks:
        response = client.get(path.format(**url_values))
        wanted = expected.get(role, expected.get("focal_point"))
        if response.status_code != wanted:
            wrong.append(f"{name}: {response.status_code}, expected {wanted}")

    assert wrong == [], f"{role}: " + "; ".join(wrong)
