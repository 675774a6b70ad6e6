"""Who a reminder rule reaches, and at which anchor times.

A rule yields one ``Candidate`` per recipient and anchor: a speaker's slot, a delegation's
focal point, or the moderator. Its ``anchor_key`` names what the time belongs to:
``slot:12`` for the start of slot 12; ``registration_deadline`` (or another anchor's
value) for a time of the meeting; and, when the message concerns one slot or one
delegation, that record after a slash (``registration_deadline/delegation:5``). The key
lets the sweep recognise the same reminder after its time moved, and lets the email say
which slot or delegation it is about.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from agenda.enums import LeadRole
from agenda.selectors import agenda_timing, meeting_get_for_agenda
from delegations.enums import DelegationStatus
from delegations.models import Delegation
from reminders.models import ReminderAnchor, ReminderAudience, ReminderRule
from speakers.enums import SlotStatus

SPEAKER_AUDIENCES = {ReminderAudience.SPEAKERS_CONFIRMED, ReminderAudience.SPEAKERS_UNCONFIRMED}
FOCAL_POINT_AUDIENCES = {
    ReminderAudience.FOCAL_POINTS_UNREGISTERED,
    ReminderAudience.FOCAL_POINTS_UNACCREDITED,
    ReminderAudience.FOCAL_POINTS_ALL,
}
SLOT_STATUS_OF_AUDIENCE = {
    ReminderAudience.SPEAKERS_CONFIRMED: SlotStatus.CONFIRMED,
    ReminderAudience.SPEAKERS_UNCONFIRMED: SlotStatus.INVITED,
}
# A withdrawn delegation is never reminded of anything.
DELEGATION_STATUSES_OF_AUDIENCE = {
    ReminderAudience.FOCAL_POINTS_UNREGISTERED: {
        DelegationStatus.INVITED,
        DelegationStatus.REGISTERING,
        DelegationStatus.RETURNED,
    },
    ReminderAudience.FOCAL_POINTS_UNACCREDITED: {
        DelegationStatus.INVITED,
        DelegationStatus.REGISTERING,
        DelegationStatus.SUBMITTED,
        DelegationStatus.RETURNED,
    },
    ReminderAudience.FOCAL_POINTS_ALL: {
        DelegationStatus.INVITED,
        DelegationStatus.REGISTERING,
        DelegationStatus.SUBMITTED,
        DelegationStatus.ACCREDITED,
        DelegationStatus.RETURNED,
    },
}
# A reminder after its anchor (offset zero or positive) may still go out this much late.
LATE_GRACE = datetime.timedelta(hours=6)
DEDUPE_KEY_MAX = 300
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}

_SLOT = re.compile(r"(?:^|/)slot:(\d+)$")
_DELEGATION = re.compile(r"(?:^|/)delegation:(\d+)$")


def meeting_anchor_time(meeting, anchor):
    """Return the meeting's time for an anchor other than a slot's start, or None if unset."""
    return {
        ReminderAnchor.MEETING_START: meeting.starts_at,
        ReminderAnchor.REGISTRATION_DEADLINE: meeting.registration_deadline,
        ReminderAnchor.PRACTICE_DEADLINE: meeting.practice_deadline,
        ReminderAnchor.SPEAKER_CONFIRMATION_DEADLINE: meeting.speaker_confirmation_deadline,
    }.get(anchor)


@dataclass(frozen=True)
class AnchorRef:
    """What an ``anchor_key`` points at: the anchor, and the slot or delegation if any."""

    anchor: str
    slot_id: int | None = None
    delegation_id: int | None = None


def anchor_key_make(anchor, *, slot_id=None, delegation_id=None):
    """Return the anchor key of a reminder (see the module's docstring)."""
    if anchor == ReminderAnchor.SLOT_START:
        return f"slot:{slot_id}"
    if slot_id is not None:
        return f"{anchor}/slot:{slot_id}"
    if delegation_id is not None:
        return f"{anchor}/delegation:{delegation_id}"
    return str(anchor)


def anchor_key_parse(key):
    """Return the ``AnchorRef`` an anchor key names."""
    slot = _SLOT.search(key)
    delegation = _DELEGATION.search(key)
    base = key.split("/", 1)[0]
    anchor = ReminderAnchor.SLOT_START if base.startswith("slot:") else base
    return AnchorRef(
        anchor=anchor,
        slot_id=int(slot.group(1)) if slot else None,
        delegation_id=int(delegation.group(1)) if delegation else None,
    )


def dedupe_key_make(*, rule_id, email, anchor_key, anchor_at):
    """Return the outbox key of one reminder: rule, address, anchor and anchor time.

    The same reminder always gets the same key, so materializing it again never adds a
    row; a moved anchor gets a new key. Keys longer than the column are hashed.
    """
    moment = anchor_at.astimezone(datetime.UTC).isoformat()
    key = f"{rule_id}|{email.strip().lower()}|{anchor_key}|{moment}"
    if len(key) <= DEDUPE_KEY_MAX:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def language_or_default(code):
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def send_until(*, anchor_at, due_at):
    """Return the time after which a reminder is too late to be worth sending.

    A reminder before its anchor is pointless once the anchor has passed; one at or after
    its anchor keeps a few hours of grace.
    """
    if due_at < anchor_at:
        return anchor_at
    return due_at + LATE_GRACE


@dataclass(frozen=True)
class Candidate:
    """One reminder a rule asks for: a recipient and an anchor time."""

    rule: ReminderRule
    email: str
    name: str
    language: str
    anchor_key: str
    anchor_at: datetime.datetime

    @property
    def due_at(self):
        return self.anchor_at + datetime.timedelta(minutes=self.rule.offset_minutes)

    @property
    def triple(self):
        """Return what stays the same when the anchor moves: rule, address, anchor key."""
        return (self.rule.pk, self.email.lower(), self.anchor_key)

    @property
    def dedupe_key(self):
        return dedupe_key_make(
            rule_id=self.rule.pk,
            email=self.email,
            anchor_key=self.anchor_key,
            anchor_at=self.anchor_at,
        )

    def is_due(self, now):
        return self.due_at <= now

    def is_too_late(self, now):
        return now >= send_until(anchor_at=self.anchor_at, due_at=self.due_at)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


class MeetingAudiences:
    """The people a meeting's rules can reach, read with a fixed number of queries."""

    def __init__(self, meeting):
        self.meeting = meeting
        agenda = meeting_get_for_agenda(slug=meeting.slug, published_only=False)
        self.timing = agenda_timing(agenda)
        self.delegations = list(
            Delegation.objects.filter(
                meeting=meeting, focal_point__isnull=False, focal_point__is_active=True
            )
            .select_related("focal_point")
            .order_by("pk")
        )
        self.moderator_users = list(
            User.objects.filter(groups__name=Role.MODERATOR, is_active=True)
            .distinct()
            .order_by("pk")
        )

    def slot_timings(self):
        """Yield the active slots of the agenda with their clock times."""
        for segment_timing in self.timing.segments:
            yield from segment_timing.slots

    def moderators(self):
        """Return the moderator accounts and the parts' moderators, one per address."""
        people = [
            Recipient(
                email=user.email,
                name=user.get_full_name(),
                language=language_or_default(user.preferred_language),
            )
            for user in self.moderator_users
        ]
        for segment_timing in self.timing.segments:
            lead = segment_timing.segment.lead
            if lead and segment_timing.segment.lead_role == LeadRole.MODERATOR and lead.email:
                people.append(
                    Recipient(
                        email=lead.email.strip(),
                        name=name_in(lead, language_or_default(lead.preferred_language)),
                        language=language_or_default(lead.preferred_language),
                    )
                )
        unique = {}
        for person in people:
            unique.setdefault(person.email.lower(), person)
        return list(unique.values())


def name_in(person, language):
    """Return a person's name as announced in ``language`` (titles differ: Ms., Sra.)."""
    with translation.override(language):
        return person.display_name


def rule_candidates(*, rule, audiences):
    """Return the reminders ``rule`` asks for in its meeting, whether due or not."""
    meeting = audiences.meeting
    if rule.anchor == ReminderAnchor.SLOT_START and rule.audience not in SPEAKER_AUDIENCES:
        return []
    meeting_time = meeting_anchor_time(meeting, rule.anchor)
    if rule.anchor != ReminderAnchor.SLOT_START and meeting_time is None:
        return []

    def candidate(recipient, anchor_key, anchor_at):
        return Candidate(
            rule=rule,
            email=recipient.email,
            name=recipient.name,
            language=recipient.language,
            anchor_key=anchor_key,
            anchor_at=anchor_at,
        )

    if rule.audience in SPEAKER_AUDIENCES:
        wanted = SLOT_STATUS_OF_AUDIENCE[rule.audience]
        found = []
        for slot_timing in audiences.slot_timings():
            slot, person = slot_timing.slot, slot_timing.slot.person
            if slot.status != wanted or not person.email.strip():
                continue
            language = language_or_default(person.preferred_language)
            recipient = Recipient(
                email=person.email.strip(),
                name=name_in(person, language),
                language=language,
            )
            key = anchor_key_make(rule.anchor, slot_id=slot.pk)
            found.append(candidate(recipient, key, meeting_time or slot_timing.planned_start))
        return found
    if rule.audience in FOCAL_POINT_AUDIENCES:
        statuses = DELEGATION_STATUSES_OF_AUDIENCE[rule.audience]
        return [
            candidate(
                Recipient(
                    email=delegation.focal_point.email,
                    name=delegation.focal_point.get_full_name(),
                    language=language_or_default(delegation.focal_point.preferred_language),
                ),
                anchor_key_make(rule.anchor, delegation_id=delegation.pk),
                meeting_time,
            )
            for delegation in audiences.delegations
            if delegation.status in statuses
        ]
    key = anchor_key_make(rule.anchor)
    return [candidate(person, key, meeting_time) for person in audiences.moderators()]
