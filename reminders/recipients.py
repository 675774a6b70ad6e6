"""Who a reminder rule reaches, and at which anchor times.

A rule yields one ``Candidate`` per recipient and anchor: a speaker's slot, a delegation's
focal point or delegate, the moderator or the chair. Those it is meant for who have no
email address are ``Unreachable``: the rules page and the outbox name them.

A candidate's ``anchor_key`` names what the time belongs to: ``slot:12`` for the start
of slot 12; ``registration_deadline`` (or another anchor's value) for a time of the
meeting; and, when the message concerns one slot or one delegation, that record after a
slash (``registration_deadline/delegation:5``). The key lets the sweep recognise the same
reminder after its time moved, and lets the email say which slot or delegation it is
about.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from agenda.enums import LeadRole
from agenda.selectors import agenda_timing, meeting_get_for_agenda
from delegations.enums import DelegationStatus
from delegations.models import Delegation, DelegationMember
from reminders.models import ReminderAnchor, ReminderAudience, ReminderRule
from speakers.enums import SlotStatus
from speakers.models import SpeakerInvitation

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
# Registered delegates: their delegation's registration is complete.
REGISTERED_DELEGATION_STATUSES = {DelegationStatus.SUBMITTED, DelegationStatus.ACCREDITED}
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

    def is_before_rule(self):
        """Tell whether it was due before its rule began to send (see ``sends_from``)."""
        return self.rule.sends_from is not None and self.due_at < self.rule.sends_from

    def is_sendable(self, now):
        """Tell whether the sweep sends it now: due, not too late, due since its rule sends."""
        return self.is_due(now) and not self.is_too_late(now) and not self.is_before_rule()


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


@dataclass(frozen=True)
class Unreachable:
    """Someone a rule is meant for who has no email address, so gets nothing."""

    name: str
    # The person's record (speakers.Person), for a link to add the address; None for a
    # delegate without one.
    person_id: int | None


def person_recipient(person):
    """Return a person of the agenda as a recipient, in their own language."""
    language = language_or_default(person.preferred_language)
    return Recipient(email=person.email.strip(), name=name_in(person, language), language=language)


def _unique_by_email(recipients):
    unique = {}
    for recipient in recipients:
        unique.setdefault(recipient.email.lower(), recipient)
    return list(unique.values())


class MeetingAudiences:
    """The people a meeting's rules can reach, read with a fixed number of queries.

    Each group is read the first time a rule asks for it.
    """

    def __init__(self, meeting):
        self.meeting = meeting

    @cached_property
    def agenda(self):
        return meeting_get_for_agenda(slug=self.meeting.slug, published_only=False)

    @cached_property
    def timing(self):
        return agenda_timing(self.agenda)

    @cached_property
    def invited_slot_ids(self):
        """Return the ids of the slots whose speaker was emailed an invitation."""
        return set(
            SpeakerInvitation.objects.filter(
                slot__segment__meeting=self.meeting, sent_at__isnull=False, revoked_at__isnull=True
            ).values_list("slot_id", flat=True)
        )

    @cached_property
    def delegations(self):
        return list(
            Delegation.objects.filter(
                meeting=self.meeting, focal_point__isnull=False, focal_point__is_active=True
            )
            .select_related("focal_point")
            .order_by("pk")
        )

    @cached_property
    def moderator_users(self):
        return list(
            User.objects.filter(groups__name=Role.MODERATOR, is_active=True)
            .distinct()
            .order_by("pk")
        )

    @cached_property
    def delegates(self):
        """Return the members of the meeting's registered delegations, in protocol order."""
        return list(
            DelegationMember.objects.filter(
                delegation__meeting=self.meeting,
                delegation__status__in=REGISTERED_DELEGATION_STATUSES,
            ).order_by("delegation_id", "order", "pk")
        )

    def slot_timings(self):
        """Yield the active slots of the agenda with their clock times."""
        for segment_timing in self.timing.segments:
            yield from segment_timing.slots

    def leads(self, role):
        """Return the people who lead a part as ``role``, once each, in agenda order."""
        people = {}
        for segment_timing in self.timing.segments:
            segment = segment_timing.segment
            if segment.lead is not None and segment.lead_role == role:
                people.setdefault(segment.lead.pk, segment.lead)
        return list(people.values())

    def chair_people(self):
        """Return the chairs of the meeting, of its sessions and of its parts, once each."""
        people = {self.agenda.chair.pk: self.agenda.chair} if self.agenda.chair else {}
        if self.agenda.has_sessions:
            # Only real sessions: the meeting's own sitting is chaired by the meeting's chair.
            for sitting in self.timing.sessions:
                chair = sitting.session.chair
                if chair is not None:
                    people.setdefault(chair.pk, chair)
        for person in self.leads(LeadRole.CHAIR):
            people.setdefault(person.pk, person)
        return list(people.values())

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
        people.extend(
            person_recipient(lead) for lead in self.leads(LeadRole.MODERATOR) if lead.email.strip()
        )
        return _unique_by_email(people)

    def chairs(self):
        """Return the chair and the parts' chairs who have an address, one per address."""
        return _unique_by_email(
            person_recipient(person) for person in self.chair_people() if person.email.strip()
        )


def name_in(person, language):
    """Return a person's name as announced in ``language`` (titles differ: Ms., Sra.)."""
    with translation.override(language):
        return person.display_name


def _rule_reaches_anyone(rule, meeting):
    """Tell whether the rule can send at all: a slot anchor for speakers, a date that is set."""
    if rule.anchor == ReminderAnchor.SLOT_START:
        return rule.audience in SPEAKER_AUDIENCES
    return meeting_anchor_time(meeting, rule.anchor) is not None


def _speaker_slots(rule, audiences):
    wanted = SLOT_STATUS_OF_AUDIENCE[rule.audience]
    slots = [
        slot_timing for slot_timing in audiences.slot_timings() if slot_timing.slot.status == wanted
    ]
    if rule.audience == ReminderAudience.SPEAKERS_UNCONFIRMED:
        # Asked to confirm only once they were asked at all: never before the invitation.
        invited = audiences.invited_slot_ids
        slots = [slot_timing for slot_timing in slots if slot_timing.slot.pk in invited]
    return slots


def rule_candidates(*, rule, audiences):
    """Return the reminders ``rule`` asks for in its meeting, whether due or not."""
    meeting = audiences.meeting
    if not _rule_reaches_anyone(rule, meeting):
        return []
    meeting_time = meeting_anchor_time(meeting, rule.anchor)

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
        return [
            candidate(
                person_recipient(slot_timing.slot.person),
                anchor_key_make(rule.anchor, slot_id=slot_timing.slot.pk),
                meeting_time or slot_timing.planned_start,
            )
            for slot_timing in _speaker_slots(rule, audiences)
            if slot_timing.slot.person.email.strip()
        ]
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
    if rule.audience == ReminderAudience.DELEGATES_REGISTERED:
        found = {}
        for member in audiences.delegates:
            email = member.email.strip()
            if email:
                recipient = Recipient(
                    email=email,
                    name=member.display_name,
                    language=language_or_default(member.preferred_language),
                )
                key = anchor_key_make(rule.anchor, delegation_id=member.delegation_id)
                found.setdefault((email.lower(), key), candidate(recipient, key, meeting_time))
        return list(found.values())
    people = audiences.chairs() if rule.audience == ReminderAudience.CHAIR else None
    if people is None:
        people = audiences.moderators()
    key = anchor_key_make(rule.anchor)
    return [candidate(person, key, meeting_time) for person in people]


def rule_unreachable(*, rule, audiences):
    """Return the people ``rule`` is meant for who have no email address, in agenda order.

    Focal points are accounts, which always have an address.
    """
    if not _rule_reaches_anyone(rule, audiences.meeting):
        return []
    if rule.audience in SPEAKER_AUDIENCES:
        people = [slot_timing.slot.person for slot_timing in _speaker_slots(rule, audiences)]
    elif rule.audience == ReminderAudience.CHAIR:
        people = audiences.chair_people()
    elif rule.audience == ReminderAudience.MODERATOR:
        people = audiences.leads(LeadRole.MODERATOR)
    elif rule.audience == ReminderAudience.DELEGATES_REGISTERED:
        return [
            Unreachable(name=member.display_name, person_id=member.person_id)
            for member in audiences.delegates
            if not member.email.strip()
        ]
    else:
        people = []
    unique = {person.pk: person for person in people if not person.email.strip()}
    return [Unreachable(name=person.display_name, person_id=pk) for pk, person in unique.items()]
