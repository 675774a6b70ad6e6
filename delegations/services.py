"""Writes to delegations: registration of members, credentials, accreditation, settings.

Side effects are named in each docstring; emails to focal points are rendered in their
language and handed to the workers after the transaction commits.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Meeting
from cidi_meeting.mail import MailKind, queue_message, render_email
from cidi_meeting.ordering import moved, next_position, renumber
from cidi_meeting.uploads import PDF, generated_name, validate_document
from cidi_meeting.versioning import save_versioned
from delegations.enums import DelegationKind, DelegationStatus, MemberRole
from delegations.models import CredentialsLetter, Delegation, DelegationMember

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


@transaction.atomic
def member_add(*, delegation, data, by_secretariat=False):
    """Register a member at the end of the delegation's protocol order.

    Without a ``preferred_language`` the member speaks the member state's language.

    Locks the delegation so two simultaneous additions cannot exceed the quota.
    """
    delegation = (
        Delegation.objects.select_for_update().select_related("meeting").get(pk=delegation.pk)
    )
    registration_check_open(delegation=delegation, by_secretariat=by_secretariat)
    _check_quota(delegation)
    _check_single_head(delegation, data.get("role"))
    order = next_position(delegation.members.all())
    data = {"preferred_language": delegation.language, **data}
    member = DelegationMember.objects.create(delegation=delegation, order=order, **data)
    if delegation.status == DelegationStatus.INVITED:
        delegation.status = DelegationStatus.REGISTERING
        delegation.save(update_fields=["status"])
    return member


@transaction.atomic
def member_update(*, member, data, expected_version, by_secretariat=False):
    registration_check_open(delegation=member.delegation, by_secretariat=by_secretariat)
    _check_single_head(member.delegation, data.get("role"), member)
    for name, value in data.items():
        setattr(member, name, value)
    return save_versioned(member, expected_version=expected_version)


@transaction.atomic
def member_delete(*, member, by_secretariat=False):
    delegation = Delegation.objects.select_for_update().get(pk=member.delegation_id)
    registration_check_open(delegation=member.delegation, by_secretariat=by_secretariat)
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
    registration_check_open(delegation=member.delegation, by_secretariat=by_secretariat)
    renumber(moved(delegation.members.order_by("order", "pk"), member, direction))


# Credentials ---------------------------------------------------------------------------


@transaction.atomic
def credentials_upload(*, delegation, uploaded, user, by_secretariat=False):
    """Store the credentials letter (PDF, checked by content) under a generated name."""
    registration_check_open(delegation=delegation, by_secretariat=by_secretariat)
    validate_document(uploaded, allowed=[PDF], max_bytes=CREDENTIALS_MAX_BYTES)
    stored = default_storage.save(generated_name("credentials", PDF), uploaded)
    return CredentialsLetter.objects.create(
        delegation=delegation,
        file=stored,
        original_name=uploaded.name[:255],
        size=uploaded.size,
        uploaded_by=user,
    )


# Accreditation -------------------------------------------------------------------------


def _notify_focal_point(delegation, template):
    """Queue an email about the delegation's status to its focal point, in their language."""
    user = delegation.focal_point
    if user is None:
        return
    context = {"delegation": delegation, "meeting": delegation.meeting, "user": user}
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
    save_versioned(delegation, expected_version=expected_version)
    _notify_focal_point(delegation, "returned")
    return delegation


@transaction.atomic
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
