"""Writes to good practices and meeting outcomes.

A practice moves draft → submitted → published, or submitted → returned → submitted.
At each step the delegation's focal point is emailed (queued for the workers); every
change is kept in history; text is sanitized on save (RichTextField).
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cidi_meeting.mail import MailKind, queue_message, render_email
from cidi_meeting.richtext import plain_text
from cidi_meeting.uploads import DOCX, PDF, generated_name, validate_document
from cidi_meeting.versioning import save_versioned
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice, OutcomeRecord, PracticeAttachment

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
PRACTICE_M2M = ("instruments", "target_groups", "sdg_targets")


def _set_m2m(instance, m2m):
    for name, values in m2m.items():
        getattr(instance, name).set(values)


def _notify_focal_point(practice, template):
    """Queue an email about the practice to its delegation's focal point, in their language."""
    user = practice.delegation.focal_point
    if user is None:
        return
    context = {
        "practice": practice,
        "user": user,
        "comment": practice.review_comment,
        "delegation": practice.delegation,
    }
    queue_message(
        render_email(
            subject_template=f"outcomes/email/{template}_subject.txt",
            body_template=f"outcomes/email/{template}_message.txt",
            context=context,
            language=user.preferred_language,
            to=[user.email],
        ),
        meeting_id=practice.meeting_id,
        kind=MailKind.GOOD_PRACTICE,
    )


@transaction.atomic
def practice_create(*, delegation, data, m2m, user, attachments=()):
    """Save a new practice as a draft of the delegation, for the delegation's meeting.

    ``attachments`` (uploaded files) are attached in the same transaction: a refused file
    (ValidationError) leaves nothing saved.
    """
    practice = GoodPractice.objects.create(
        meeting=delegation.meeting,
        delegation=delegation,
        created_by=user,
        status=PracticeStatus.DRAFT,
        **data,
    )
    _set_m2m(practice, m2m)
    for uploaded in attachments:
        attachment_add(practice=practice, uploaded=uploaded)
    return practice


@transaction.atomic
def practice_update(*, practice, data, m2m, expected_version, attachments=()):
    """Save the practice's fields if nobody changed it since ``expected_version``.

    ``attachments`` are attached in the same transaction, as in ``practice_create``.
    """
    for name, value in data.items():
        setattr(practice, name, value)
    save_versioned(practice, expected_version=expected_version)
    _set_m2m(practice, m2m)
    for uploaded in attachments:
        attachment_add(practice=practice, uploaded=uploaded)
    return practice


def practice_missing(practice):
    """Return the names of what a practice still needs before it can be submitted."""
    missing = []
    if not plain_text(practice.description):
        missing.append(_("a description"))
    if not practice.instruments.exists():
        missing.append(_("at least one instrument type"))
    if not practice.target_groups.exists():
        missing.append(_("at least one target group"))
    return missing


@transaction.atomic
def practice_submit(*, practice, expected_version):
    """Submit the practice for review; the focal point receives a confirmation email."""
    if practice.status not in {PracticeStatus.DRAFT, PracticeStatus.RETURNED}:
        raise ValidationError(_("Only a draft or a returned practice can be submitted."))
    missing = practice_missing(practice)
    if missing:
        raise ValidationError(
            _("Your draft is saved. Before submitting it, add %(missing)s.")
            % {"missing": ", ".join(str(item) for item in missing)}
        )
    practice.status = PracticeStatus.SUBMITTED
    practice.submitted_at = timezone.now()
    save_versioned(practice, expected_version=expected_version)
    _notify_focal_point(practice, "practice_submitted")
    return practice


@transaction.atomic
def practice_return(*, practice, comment, expected_version):
    """Return the practice to its delegation with the secretariat's comments (emailed)."""
    if practice.status != PracticeStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted practice can be returned."))
    if not comment.strip():
        raise ValidationError(_("Write what the delegation should change."))
    practice.status = PracticeStatus.RETURNED
    practice.review_comment = comment.strip()
    save_versioned(practice, expected_version=expected_version)
    _notify_focal_point(practice, "practice_returned")
    return practice


@transaction.atomic
def practice_publish(*, practice, expected_version):
    """Accept the practice and publish it in the compendium (the focal point is emailed)."""
    if practice.status != PracticeStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted practice can be accepted."))
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = timezone.now()
    save_versioned(practice, expected_version=expected_version)
    _notify_focal_point(practice, "practice_published")
    return practice


@transaction.atomic
def attachment_add(*, practice, uploaded):
    """Attach a PDF or DOCX (checked by content) under a generated name."""
    kind = validate_document(uploaded, allowed=[PDF, DOCX], max_bytes=ATTACHMENT_MAX_BYTES)
    stored = default_storage.save(generated_name("practices", kind), uploaded)
    return PracticeAttachment.objects.create(
        practice=practice,
        file=stored,
        original_name=uploaded.name[:255],
        kind=kind,
        size=uploaded.size,
    )


# Before review: the focal point may still change what it will send.
ATTACHMENT_REMOVABLE_STATUSES = {PracticeStatus.DRAFT, PracticeStatus.RETURNED}


def _delete_stored_after_commit(names):
    """Delete stored files once the rows that named them are gone for good."""
    names = list(names)
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


@transaction.atomic
def attachment_remove(*, attachment, by_secretariat=False):
    """Remove an attachment of a draft or returned practice; "replace" is remove + add.

    Side effect: the stored file is deleted after the transaction commits.
    """
    practice = GoodPractice.objects.select_for_update().get(pk=attachment.practice_id)
    if not by_secretariat and practice.status not in ATTACHMENT_REMOVABLE_STATUSES:
        raise ValidationError(
            _(
                "This practice is with the secretariat or already published: its attachments "
                "can no longer be removed."
            )
        )
    stored = attachment.file.name
    attachment.delete()
    _delete_stored_after_commit([stored])


def practice_check_deletable(practice):
    """Raise ``ValidationError`` unless the practice is a draft never submitted."""
    if practice.status != PracticeStatus.DRAFT or practice.submitted_at is not None:
        raise ValidationError(
            _(
                "This practice was submitted to the secretariat and can no longer be "
                "deleted. Please contact the secretariat if it should be withdrawn."
            )
        )


@transaction.atomic
def practice_delete(*, practice):
    """Delete a draft that was never submitted, with its attachments.

    The status is read again under a lock, so a page opened before the submission cannot
    delete what the secretariat now reviews. Side effect: the attachments' files are
    deleted after the transaction commits.
    """
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    practice_check_deletable(practice)
    stored = list(practice.attachments.values_list("file", flat=True))
    practice.delete()
    _delete_stored_after_commit(stored)


@transaction.atomic
def outcome_record_save(*, expected_outcome, data, m2m, expected_version=None):
    """Record priorities, conclusions and the chair's summary of one expected outcome."""
    record, created = OutcomeRecord.objects.get_or_create(expected_outcome=expected_outcome)
    for name, value in data.items():
        setattr(record, name, value)
    if created:
        record.save()
    else:
        save_versioned(record, expected_version=expected_version or record.version)
    _set_m2m(record, m2m)
    return record
