"""Every write of cooperation offers, needs and matches."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cidi_meeting.links import absolute_url
from cidi_meeting.mail import MailKind, queue_message, render_email
from cidi_meeting.versioning import EditConflict, changes_since, save_versioned
from outcomes.cooperation import matching
from outcomes.cooperation.selectors import cooperation_items
from outcomes.enums import MatchStatus
from outcomes.models import CooperationItem, CooperationMatch

ITEM_FIELDS = ("title", "description", "modality", "theme", "instrument", "practice")
# The course of a followed match; "dropped" may come at any step before completion.
COURSE = [MatchStatus.PROPOSED, MatchStatus.AGREED, MatchStatus.UNDER_WAY, MatchStatus.COMPLETED]
DATE_OF_STATUS = {
    MatchStatus.AGREED: "agreed_on",
    MatchStatus.UNDER_WAY: "started_on",
    MatchStatus.COMPLETED: "completed_on",
}
REASON_LENGTH = CooperationMatch._meta.get_field("reason").max_length


def _check_practice(delegation, practice):
    if practice is not None and practice.delegation_id != delegation.pk:
        raise ValidationError(_("Choose one of your delegation's own good practices."))


def cooperation_item_create(*, delegation, kind, data):
    """Record an offer or a need of ``delegation`` for its meeting and return it.

    ``data`` holds the fields of ``ITEM_FIELDS`` and ``target_groups``.
    Side effects: a history record of the new item.
    """
    _check_practice(delegation, data.get("practice"))
    with transaction.atomic():
        item = CooperationItem.objects.create(
            meeting_id=delegation.meeting_id,
            delegation=delegation,
            kind=kind,
            **{name: data.get(name) for name in ITEM_FIELDS},
        )
        item.target_groups.set(data.get("target_groups") or [])
    return item


def cooperation_item_update(*, item, data, expected_version):
    """Save the changes of an offer or need if nobody saved it since ``expected_version``.

    Side effects: the item's version is bumped and a history record is written.
    Raises ``EditConflict`` when someone saved first; nothing is changed then.
    """
    _check_practice(item.delegation, data.get("practice"))
    with transaction.atomic():
        for name in ITEM_FIELDS:
            setattr(item, name, data.get(name))
        save_versioned(item, expected_version=expected_version)
        item.target_groups.set(data.get("target_groups") or [])
    return item


def cooperation_item_close(*, item, expected_version):
    """Close an offer or need: it is no longer proposed for matching.

    Matches the secretariat already follows keep their course.
    Side effects: the item's version is bumped and a history record is written.
    """
    item.is_open = False
    return save_versioned(item, expected_version=expected_version, update_fields=["is_open"])


def _notify_match(match):
    """Tell both delegations' focal points, in their language, where their match stands.

    Each reads its own item, the other delegation's, the follow-up's status and a link
    to its own offers and needs. Sent once the change is committed, once per status.
    """
    for own, other in ((match.offer, match.need), (match.need, match.offer)):
        user = own.delegation.focal_point
        if user is None or not user.email:
            continue
        with translation.override(user.preferred_language):
            # The stored reason is in the secretariat's language; the reader gets theirs.
            affinity = matching.affinity_between(match.offer, match.need)
            reason = str(affinity.reason) if affinity else match.reason
        context = {
            "user": user,
            "reason": reason,
            "match": match,
            "own": own,
            "other": other,
            "meeting": own.meeting,
            "url": absolute_url(reverse("outcomes:cooperation_own", args=[own.delegation_id])),
        }
        message = render_email(
            subject_template="outcomes/email/match_subject.txt",
            body_template="outcomes/email/match_message.txt",
            context=context,
            language=user.preferred_language,
            to=[user.email],
        )
        key = f"match-{match.pk}-{match.status}-{own.pk}-{user.email}"
        transaction.on_commit(
            lambda message=message, key=key: queue_message(
                message, meeting_id=match.offer.meeting_id, kind=MailKind.OTHER, key=key
            )
        )


def cooperation_match_start(*, meeting, offer_pk, need_pk):
    """Start following up the portal's proposal to pair an offer with a need.

    The score and the reason are stored as the portal gives them now (the reason in the
    active language). Raises ``ValidationError`` when the pair is not, or no longer, a
    proposal, or is already followed.
    Side effects: a ``CooperationMatch`` with status "proposed" and its history record;
    an email to each delegation's focal point (``_notify_match``).
    """
    items = {
        item.pk: item
        for item in cooperation_items().filter(meeting=meeting, pk__in=[offer_pk, need_pk])
    }
    offer, need = items.get(offer_pk), items.get(need_pk)
    affinity = offer and need and matching.affinity_between(offer, need)
    if not affinity:
        raise ValidationError(
            _("This offer and this need do not match any more; the list has been refreshed.")
        )
    try:
        with transaction.atomic():
            match = CooperationMatch.objects.create(
                offer=offer,
                need=need,
                score=affinity.score,
                reason=affinity.reason[:REASON_LENGTH],
            )
    except IntegrityError:
        raise ValidationError(_("This match is already being followed up.")) from None
    _notify_match(match)
    return match


def _check_move(current, wanted):
    if current == wanted:
        return
    if current == MatchStatus.DROPPED:
        allowed = {MatchStatus.PROPOSED}
    elif current == MatchStatus.COMPLETED:
        allowed = set()
    else:
        allowed = {*COURSE[COURSE.index(current) + 1 :], MatchStatus.DROPPED}
    if wanted not in allowed:
        raise ValidationError(
            _("A follow-up cannot go from “%(current)s” to “%(wanted)s”.")
            % {"current": MatchStatus(current).label, "wanted": MatchStatus(wanted).label}
        )


def _dates_with_defaults(status, dates):
    """Give each status reached on the way to ``status`` a date: today when left empty."""
    if status in COURSE:
        today = timezone.localdate()
        for step in COURSE[1 : COURSE.index(status) + 1]:
            dates[DATE_OF_STATUS[step]] = dates[DATE_OF_STATUS[step]] or today
    given = [day for day in (dates[name] for name in DATE_OF_STATUS.values()) if day]
    if given != sorted(given):
        raise ValidationError(
            _("The dates must follow each other: agreed, then started, then completed.")
        )
    return dates


def cooperation_match_update(
    *, match, status, agreed_on, started_on, completed_on, notes, expected_version
):
    """Move a followed match along its course and record its dates and notes.

    The course is proposed → agreed → under way → completed (steps may be skipped), or
    dropped before completion; a dropped match may be proposed again. Each status reached
    gets its date, today when none is given. Raises ``EditConflict`` when someone saved
    the match since ``expected_version``, ``ValidationError`` for a move back or dates in
    the wrong order; nothing is changed then.
    Side effects: the match's version is bumped and a history record is written; a new
    status is emailed to both delegations' focal points.
    """
    # Compare with the stored row: a bound form may already have changed ``match``.
    stored = CooperationMatch.objects.get(pk=match.pk)
    if stored.version != int(expected_version):
        raise EditConflict(stored, changes_since(stored, int(expected_version)))
    _check_move(stored.status, status)
    dates = _dates_with_defaults(
        status, {"agreed_on": agreed_on, "started_on": started_on, "completed_on": completed_on}
    )
    match.status = status
    match.notes = notes
    for name, day in dates.items():
        setattr(match, name, day)
    save_versioned(match, expected_version=expected_version)
    if status != stored.status:
        _notify_match(match)
    return match
