"""Writes to delegations: registration of members, credentials, accreditation, settings.

Side effects are named in each docstring; emails to focal points are rendered in their
language and handed to the workers after the transaction commits.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from agenda import revision
from agenda.models import Meeting
from cidi_meeting.links import absolute_url
from cidi_meeting.mail import MailKind, queue_message, render_email
from cidi_meeting.ordering import moved, next_position, renumber
from cidi_meeting.text import same_words
from cidi_meeting.uploads import PDF, generated_name, validate_document
from cidi_meeting.versioning import save_versioned
from delegations.enums import DelegationKind, DelegationStatus, MemberRole
from delegations.models import CredentialsLetter, Delegation, DelegationMember
from speakers.models import Person

CREDENTIALS_MAX_BYTES = 10 * 1024 * 1024
EDITABLE_STATUSES = {
    DelegationStatus.INVITED,
    DelegationStatus.REGISTERING,
    DelegationStatus.RETURNED,
    DelegationStatus.SUBMITTED,
    DelegationStatus.ACCREDITED,
}


class RegistrationClosed(ValidationError):
    """The registration deadline has passed (the secretariat may still edit)."""


def registration_check_open(*, delegation, by_secretariat):
    """Raise ``RegistrationClosed`` for a focal point after the meeting's deadline."""
    if by_secretariat or delegation.meeting.is_registration_open:
        return
    raise RegistrationClosed(
        _(
            "The registration deadline has passed: your registration can no longer be "
            "changed. Please contact the secretariat if something must be corrected."
        )
    )


class RegistrationFrozen(ValidationError):
    """The delegation is accredited: its focal point asks the secretariat for a change."""


FROZEN = gettext_lazy(
    "Your delegation is accredited: its members and credentials can no longer be changed "
    "here. Use “Request a change” to ask the secretariat; the accreditation stays for "
    "what does not change."
)


def registration_check_unfrozen(*, delegation, by_secretariat):
    """Raise ``RegistrationFrozen`` for a focal point once the delegation is accredited.

    The status is read from the database, so a page opened before the accreditation
    cannot change the list after it.
    """
    if by_secretariat:
        return
    status = Delegation.objects.values_list("status", flat=True).get(pk=delegation.pk)
    if status == DelegationStatus.ACCREDITED:
        raise RegistrationFrozen(str(FROZEN))


def _check_may_change(delegation, by_secretariat):
    registration_check_open(delegation=delegation, by_secretariat=by_secretariat)
    registration_check_unfrozen(delegation=delegation, by_secretariat=by_secretariat)


def quota_for(*, meeting, kind):
    """Return the default number of seats for a delegation of this kind at the meeting."""
    return {
        DelegationKind.MEMBER_STATE: meeting.quota_member_state,
        DelegationKind.OBSERVER: meeting.quota_observer,
        DelegationKind.ORGANIZATION: meeting.quota_organization,
    }[kind]


@transaction.atomic
def delegation_create(*, meeting, member_state=None, organization=None):
    """Create (or return) the meeting's delegation of a state or an organization."""
    delegation, created = Delegation.objects.get_or_create(
        meeting=meeting, member_state=member_state, organization=organization
    )
    if created:
        delegation.quota = quota_for(meeting=meeting, kind=delegation.kind)
        delegation.save(update_fields=["quota"])
    return delegation


# Members -------------------------------------------------------------------------------


def _check_quota(delegation, adding=1):
    taken = delegation.members.count()
    if taken + adding > delegation.quota:
        raise ValidationError(
            _(
                "Your delegation has %(quota)s seats for this meeting and all of them are "
                "taken. Remove a member first, or ask the secretariat for more seats."
            )
            % {"quota": delegation.quota}
        )


def _check_single_head(delegation, role, member=None):
    if role != MemberRole.HEAD:
        return
    heads = delegation.members.filter(role=MemberRole.HEAD)
    if member is not None:
        heads = heads.exclude(pk=member.pk)
    if heads.exists():
        raise ValidationError(
            _("The delegation already has a head of delegation; change that member's role first.")
        )


def _check_not_registered(delegation, full_name):
    """Refuse a second member of the same name: a form posted twice is stored once."""
    for registered in delegation.members.values_list("full_name", flat=True):
        if same_words(registered, full_name):
            raise ValidationError(
                _("%(name)s is already registered in your delegation.") % {"name": registered}
            )


@transaction.atomic
def member_add(*, delegation, data, by_secretariat=False):
    """Register a member at the end of the delegation's protocol order.

    Without a ``preferred_language`` the member speaks the member state's language. A
    member whose name is already registered (in another case or spacing) is refused, so
    that a form posted twice is stored once.

    Locks the delegation so two simultaneous additions cannot exceed the quota.
    """
    delegation = (
        Delegation.objects.select_for_update().select_related("meeting").get(pk=delegation.pk)
    )
    _check_may_change(delegation, by_secretariat)
    _check_not_registered(delegation, data.get("full_name", ""))
    _check_quota(delegation)
    _check_single_head(delegation, data.get("role"))
    order = next_position(delegation.members.all())
    data = {"preferred_language": delegation.language, **data}
    member = DelegationMember.objects.create(delegation=delegation, order=order, **data)
    if delegation.status == DelegationStatus.INVITED:
        delegation.status = DelegationStatus.REGISTERING
        delegation.save(update_fields=["status"])
    return member


# What a member's speaker record repeats: the agenda and the run-of-show print them.
SPEAKER_FIELDS = ("protocol_title", "full_name", "position")


@transaction.atomic
def member_update(*, member, data, expected_version, by_secretariat=False):
    """Save a member's changes.

    Side effects: history; the member's speaker record, if the member has taken the
    floor, gets the new title, name and position, so the agenda shows what the
    delegation's page shows.
    """
    _check_may_change(member.delegation, by_secretariat)
    _check_single_head(member.delegation, data.get("role"), member)
    for name, value in data.items():
        setattr(member, name, value)
    member = save_versioned(member, expected_version=expected_version)
    if member.person_id:
        Person.objects.filter(pk=member.person_id).update(
            **{name: getattr(member, name) for name in SPEAKER_FIELDS}
        )
        # ``update`` sends no signal: the agendas that name the speaker move on by hand.
        revision.changed(Person(pk=member.person_id))
    return member


@transaction.atomic
def member_delete(*, member, by_secretariat=False):
    delegation = Delegation.objects.select_for_update().get(pk=member.delegation_id)
    _check_may_change(delegation, by_secretariat)
    if member.floor_requests.exists():
        raise ValidationError(
            _("This member has asked for the floor; withdraw that request before removing them.")
        )
    member.delete()
    renumber(list(delegation.members.order_by("order", "pk")))


@transaction.atomic
def member_move(*, member, direction, by_secretariat=False):
    """Move a member one place up or down in the protocol order."""
    delegation = Delegation.objects.select_for_update().get(pk=member.delegation_id)
    _check_may_change(delegation, by_secretariat)
    renumber(moved(delegation.members.order_by("order", "pk"), member, direction))


# Credentials ---------------------------------------------------------------------------


@transaction.atomic
def credentials_upload(*, delegation, uploaded, user, by_secretariat=False):
    """Store the credentials letter (PDF, checked by content) under a generated name."""
    _check_may_change(delegation, by_secretariat)
    validate_document(uploaded, allowed=[PDF], max_bytes=CREDENTIALS_MAX_BYTES)
    stored = default_storage.save(generated_name("credentials", PDF), uploaded)
    return CredentialsLetter.objects.create(
        delegation=delegation,
        file=stored,
        original_name=uploaded.name[:255],
        size=uploaded.size,
        uploaded_by=user,
    )


def _delete_stored_after_commit(name):
    """Delete a stored file once the row that named it is gone for good."""
    transaction.on_commit(lambda: default_storage.delete(name))


# Before submission; afterwards the secretariat reviews the letters that were sent.
LETTER_REMOVABLE_STATUSES = {
    DelegationStatus.INVITED,
    DelegationStatus.REGISTERING,
    DelegationStatus.RETURNED,
}


@transaction.atomic
def credentials_remove(*, letter, by_secretariat=False):
    """Remove a credentials letter while its focal point may still change the registration.

    A focal point may remove a letter until the registration is submitted (the
    secretariat then reviews what was sent) and never after accreditation; "replace"
    is a removal followed by a new upload. Side effect: the stored file is deleted
    after the transaction commits.
    """
    delegation = (
        Delegation.objects.select_for_update()
        .select_related("meeting")
        .get(pk=letter.delegation_id)
    )
    _check_may_change(delegation, by_secretariat)
    if not by_secretariat and delegation.status not in LETTER_REMOVABLE_STATUSES:
        raise ValidationError(
            _(
                "Your registration is with the secretariat: its credentials letters can no "
                "longer be removed here. Please contact the secretariat if a letter must be "
                "replaced."
            )
        )
    stored = letter.file.name
    letter.delete()
    _delete_stored_after_commit(stored)


# Accreditation -------------------------------------------------------------------------


def _registration_url(delegation):
    return absolute_url(reverse("delegations:registration", args=[delegation.pk]))


def _notify_focal_point(delegation, template, **extra):
    """Queue an email about the delegation's status to its focal point, in their language.

    The email links to the delegation's page (``url``); ``extra`` adds to its context.
    """
    user = delegation.focal_point
    if user is None:
        return
    context = {
        "delegation": delegation,
        "meeting": delegation.meeting,
        "user": user,
        "url": _registration_url(delegation),
        **extra,
    }
    queue_message(
        render_email(
            subject_template=f"delegations/email/{template}_subject.txt",
            body_template=f"delegations/email/{template}_message.txt",
            context=context,
            language=user.preferred_language,
            to=[user.email],
        ),
        meeting_id=delegation.meeting_id,
        kind=MailKind.REGISTRATION,
    )


@transaction.atomic
def delegation_submit(*, delegation, expected_version, by_secretariat=False):
    """Submit the registration and credentials for accreditation.

    Side effects: status SUBMITTED, submission time recorded (it is the date of
    presentation of credentials unless the secretariat records another); history.
    """
    registration_check_open(delegation=delegation, by_secretariat=by_secretariat)
    # A replayed or stale submission must not undo the secretariat's decision.
    status = Delegation.objects.select_for_update().values_list("status", flat=True)
    status = status.get(pk=delegation.pk)
    if status == DelegationStatus.ACCREDITED:
        raise ValidationError(
            _(
                "This delegation is already accredited: nothing was submitted again. To change "
                "its list, request a change from the secretariat."
            )
        )
    if status == DelegationStatus.SUBMITTED:
        raise ValidationError(
            _("This registration was already submitted; the secretariat is reviewing it.")
        )
    if not delegation.members.filter(role=MemberRole.HEAD).exists():
        raise ValidationError(_("Register the head of delegation before submitting."))
    if not delegation.credentials_letters.exists():
        raise ValidationError(_("Upload the credentials letter (PDF) before submitting."))
    now = timezone.now()
    delegation.status = DelegationStatus.SUBMITTED
    delegation.submitted_at = now
    delegation.credentials_presented_at = delegation.credentials_presented_at or now
    delegation.return_reason = ""
    return save_versioned(delegation, expected_version=expected_version)


@transaction.atomic
def delegation_accredit(*, delegation, credentials_presented_at, expected_version):
    """Accredit the delegation; record the date credentials were presented.

    Side effects: history; an email to the focal point (queued).
    """
    delegation.status = DelegationStatus.ACCREDITED
    delegation.accredited_at = timezone.now()
    delegation.credentials_presented_at = credentials_presented_at
    delegation.return_reason = ""
    delegation.change_request, delegation.change_requested_at = "", None
    save_versioned(delegation, expected_version=expected_version)
    _notify_focal_point(delegation, "accredited")
    return delegation


@transaction.atomic
def delegation_return(*, delegation, reason, expected_version):
    """Return the registration to the focal point with the reason to fix.

    Side effects: history; an email to the focal point (queued).
    """
    if not reason.strip():
        raise ValidationError(_("Say what the delegation must correct."))
    delegation.status = DelegationStatus.RETURNED
    delegation.accredited_at = None
    delegation.return_reason = reason.strip()
    # The focal point now makes the change itself: the request is answered.
    delegation.change_request, delegation.change_requested_at = "", None
    save_versioned(delegation, expected_version=expected_version)
    _notify_focal_point(delegation, "returned")
    return delegation


CHANGE_REASON_MAX = 100  # The length of simple_history's change reason.
# The history reasons of a focal point's request for a change and of its handling.
CHANGE_REQUEST_PREFIX = "Change requested: "
CHANGE_HANDLED_REASON = "Change request handled"


def _secretariat_recipients():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=Role.SECRETARIAT) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
        .order_by("email")
    )


@transaction.atomic
def delegation_request_change(*, delegation, change, user):
    """Ask the secretariat to change an accredited delegation's list.

    The delegation stays accredited (for everything the request does not touch); the
    secretariat makes the change itself or returns the registration for correction.

    Side effects: a history record whose reason names the request; an email to every
    secretariat account, in its language, with the request's text (queued).
    """
    delegation = (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("meeting", "member_state", "organization")
        .get(pk=delegation.pk)
    )
    if delegation.status != DelegationStatus.ACCREDITED:
        raise ValidationError(
            _("Only an accredited delegation asks for a change; change the list directly.")
        )
    change = change.strip()
    if not change:
        raise ValidationError(_("Say what should change."))
    reason = CHANGE_REQUEST_PREFIX + " ".join(change.split())
    if len(reason) > CHANGE_REASON_MAX:
        reason = reason[: CHANGE_REASON_MAX - 1] + "…"
    delegation._change_reason = reason
    # The whole text waits on the delegation until the secretariat handles it (the
    # dashboard flags it). Not a version bump: a request does not make the
    # secretariat's open forms stale.
    delegation.change_request, delegation.change_requested_at = change, timezone.now()
    delegation.save(update_fields=["change_request", "change_requested_at", "updated_at"])
    context = {
        "delegation": delegation,
        "meeting": delegation.meeting,
        "requested_by": user,
        "change": change,
        "url": _registration_url(delegation),
    }
    for recipient in _secretariat_recipients():
        queue_message(
            render_email(
                subject_template="delegations/email/change_requested_subject.txt",
                body_template="delegations/email/change_requested_message.txt",
                context={**context, "user": recipient},
                language=recipient.preferred_language,
                to=[recipient.email],
            ),
            meeting_id=delegation.meeting_id,
            kind=MailKind.REGISTRATION,
        )
    return delegation


@transaction.atomic
def delegation_change_handled(*, delegation, expected_version):
    """Close the delegation's pending change request: the secretariat has made the change.

    The delegation stays accredited. Raises ``EditConflict`` when the delegation changed
    since ``expected_version``. Side effects: version bumped, history record, an email to
    the focal point with the request's text (queued).
    """
    change = delegation.change_request
    delegation.change_request, delegation.change_requested_at = "", None
    delegation._change_reason = CHANGE_HANDLED_REASON
    save_versioned(delegation, expected_version=expected_version)
    _notify_focal_point(delegation, "change_handled", change=change)
    return delegation


def delegation_set_quota(*, delegation, quota, expected_version):
    if quota < delegation.members.count():
        raise ValidationError(
            _("The delegation already has %(count)s members; the quota cannot be lower.")
            % {"count": delegation.members.count()}
        )
    delegation.quota = quota
    return save_versioned(delegation, expected_version=expected_version)


@transaction.atomic
def meeting_registration_settings(*, meeting, data, expected_version):
    """Save the meeting's deadline, order of precedence and seat quotas."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    for name, value in data.items():
        setattr(meeting, name, value)
    return save_versioned(meeting, expected_version=expected_version)
