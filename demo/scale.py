"""A large synthetic meeting for measurement: ``seed_demo --scale N``.

``scale_seed(n)`` creates the published meeting ``scale-<n>`` with ``n`` speaker slots
over several parts (each with guiding questions), a delegation of every participating
member state with a focal point account and ``MEMBERS_PER_DELEGATION`` members, ``n``
published good practices and ``n`` cooperation offers and needs. Rows are written with
``bulk_create`` so that ``n=500`` takes seconds; running it again replaces the meeting and
everything it created (people and accounts included).
"""

import datetime
import math
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from accounts.enums import Role
from accounts.models import User
from accounts.services import roles_ensure, roles_grant_secretariat_permissions
from agenda.enums import LeadRole, MeetingStatus, SegmentKind
from agenda.models import GuidingQuestion, Meeting, Segment
from delegations.enums import DelegationStatus, MemberRole
from delegations.models import Delegation, DelegationMember, MemberState, Organization
from delegations.reference import reference_data_load
from outcomes.enums import CooperationKind, Modality, PracticeStatus
from outcomes.models import (
    CooperationItem,
    GoodPractice,
    Instrument,
    SdgTarget,
    TargetGroup,
    Theme,
)
from outcomes.reference import taxonomies_load
from speakers.enums import SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

MEMBERS_PER_DELEGATION = 5
SLOTS_PER_SEGMENT = 50
MAX_SEGMENTS = 10
MIN_SEGMENTS = 2
QUESTIONS_PER_SEGMENT = 2
MEMBER_ROLES = [
    MemberRole.HEAD,
    MemberRole.ALTERNATE,
    MemberRole.ADVISER,
    MemberRole.ADVISER,
    MemberRole.OTHER,
]


@dataclass(frozen=True)
class ScaleCounts:
    segments: int
    slots: int
    questions: int
    delegations: int
    members: int
    practices: int
    cooperation_items: int


def scale_slug(n):
    return f"scale-{n}"


def _domain(n):
    """The email domain of everything the scale meeting ``n`` creates (to replace it)."""
    return f"scale-{n}.example.org"


def segment_count(n):
    return min(MAX_SEGMENTS, max(MIN_SEGMENTS, math.ceil(n / SLOTS_PER_SEGMENT)))


def scale_remove(n):
    """Delete the scale meeting ``n`` and the people and accounts it created.

    The records were created without history (``bulk_create``), and removing synthetic
    data is no editorial change: history is off meanwhile, which also keeps it fast.
    """
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _remove(n)


def _remove(n):
    meeting = Meeting.objects.filter(slug=scale_slug(n)).first()
    if meeting is not None:
        # Practices and cooperation items protect their meeting and delegation.
        CooperationItem.objects.filter(meeting=meeting).delete()
        GoodPractice.objects.filter(meeting=meeting).delete()
        meeting.delete()
    domain = "@" + _domain(n)
    Person.objects.filter(email__endswith=domain).delete()
    User.objects.filter(email__endswith=domain).delete()


def _spread(total, parts):
    """Split ``total`` items into ``parts`` near-equal counts."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


@transaction.atomic
def scale_seed(n, *, password=None):
    """Create (or replace) the published meeting ``scale-<n>``; return it and its counts."""
    if n < 1:
        raise ValueError("The scale must be at least 1.")
    reference_data_load(MemberState, Organization)
    taxonomies_load(Instrument, TargetGroup, Theme, SdgTarget)
    roles_ensure()
    roles_grant_secretariat_permissions()
    scale_remove(n)
    domain = _domain(n)
    states = list(MemberState.objects.filter(participates=True).order_by("spanish_order"))
    instruments = list(Instrument.objects.order_by("pk"))
    groups = list(TargetGroup.objects.order_by("pk"))
    themes = list(Theme.objects.order_by("pk"))

    with translation.override("en"):
        chair = Person.objects.create(
            full_name=f"Chair of the scale meeting {n}", email=f"chair@{domain}"
        )
        moderator = Person.objects.create(
            full_name=f"Moderator of the scale meeting {n}",
            protocol_title="Ms.",
            position="Moderator",
            email=f"moderator@{domain}",
        )
        meeting = Meeting.objects.create(
            slug=scale_slug(n),
            title=f"Synthetic meeting with {n} speakers (measurement)",
            document_code=f"SCALE-{n}",
            date=datetime.date(2022, 11, 17),
            start_time=datetime.time(9, 0),
            time_zone="America/New_York",
            venue="OAS headquarters, Washington, D.C.",
            status=MeetingStatus.PUBLISHED,
            purpose="A synthetic agenda to measure the portal's pages at scale.",
            chair=chair,
        )
        parts = segment_count(n)
        segments = Segment.objects.bulk_create(
            Segment(
                meeting=meeting,
                order=index + 1,
                title=f"Part {index + 1}: technical panel",
                kind=SegmentKind.HIGH_LEVEL if index == 0 else SegmentKind.TECHNICAL_PANEL,
                lead=chair if index == 0 else moderator,
                lead_role=LeadRole.CHAIR if index == 0 else LeadRole.MODERATOR,
                description="Speakers present for five minutes, then answer for two.",
            )
            for index in range(parts)
        )
        people, slot_rows = [], []
        for segment, count in zip(segments, _spread(n, parts), strict=True):
            for order in range(count):
                state = states[len(people) % len(states)]
                people.append(
                    Person(
                        full_name=f"Speaker {segment.order}.{order + 1}",
                        protocol_title="H.E.",
                        position="Minister of Social Development",
                        member_state=state,
                        email=f"speaker.{segment.order}.{order + 1}@{domain}",
                    )
                )
                slot_rows.append((segment, order + 1, state))
        people = Person.objects.bulk_create(people)
        slots = SpeakerSlot.objects.bulk_create(
            SpeakerSlot(
                segment=segment,
                person=person,
                role=SlotRole.HIGH_AUTHORITY if segment.order == 1 else SlotRole.PANELIST,
                representing_state=state,
                order=order,
                speaking_minutes=7 if segment.order == 1 else 5,
                qa_minutes=0 if segment.order == 1 else 2,
                status=SlotStatus.CONFIRMED,
            )
            for person, (segment, order, state) in zip(people, slot_rows, strict=True)
        )
        questions = GuidingQuestion.objects.bulk_create(
            GuidingQuestion(
                segment=segment,
                order=order + 1,
                text=f"Guiding question {order + 1} of part {segment.order}?",
            )
            for segment in segments
            for order in range(QUESTIONS_PER_SEGMENT)
        )
    # The last question of each part goes to its last slot only; the others to everyone.
    last_slot = {slot.segment_id: slot for slot in slots}
    SpeakerSlot.guiding_questions.through.objects.bulk_create(
        SpeakerSlot.guiding_questions.through(
            speakerslot_id=last_slot[question.segment_id].pk, guidingquestion_id=question.pk
        )
        for question in questions
        if question.order == QUESTIONS_PER_SEGMENT and question.segment_id in last_slot
    )

    # Accounts: one password hash for all (hashing is deliberately slow).
    hashed = make_password(password) if password else make_password(None)
    focal_points = User.objects.bulk_create(
        User(
            email=f"focal.{state.iso2.lower()}@{domain}",
            full_name=f"Focal point of {state.name_en}",
            password=hashed,
            preferred_language="es",
        )
        for state in states
    )
    focal_group = Group.objects.get(name=Role.FOCAL_POINT)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=focal_group.pk) for user in focal_points
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in focal_points
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(
            meeting=meeting,
            member_state=state,
            focal_point=user,
            status=DelegationStatus.REGISTERING,
            quota=MEMBERS_PER_DELEGATION,
        )
        for state, user in zip(states, focal_points, strict=True)
    )
    members = DelegationMember.objects.bulk_create(
        DelegationMember(
            delegation=delegation,
            order=order + 1,
            protocol_title="Mr." if order % 2 else "Ms.",
            full_name=f"Member {order + 1} of {delegation.member_state.name_en}",
            position="Adviser",
            role=MEMBER_ROLES[order % len(MEMBER_ROLES)],
        )
        for delegation in delegations
        for order in range(MEMBERS_PER_DELEGATION)
    )

    now = timezone.now()
    practices = GoodPractice.objects.bulk_create(
        GoodPractice(
            meeting=meeting,
            delegation=delegations[index % len(delegations)],
            title=f"Synthetic good practice {index + 1} of scale {n}",
            programme_name=f"Programme {index + 1}",
            language="es" if index % 2 else "en",
            description=f"<p>A synthetic programme number {index + 1} for measurement.</p>",
            status=PracticeStatus.PUBLISHED,
            submitted_at=now,
            published_at=now - datetime.timedelta(seconds=index),
            transforms_gender_relations=index % 3 == 0,
            supports_care=index % 4 == 0,
        )
        for index in range(n)
    )
    if instruments:
        GoodPractice.instruments.through.objects.bulk_create(
            GoodPractice.instruments.through(
                goodpractice_id=practice.pk,
                instrument_id=instruments[(index + step) % len(instruments)].pk,
            )
            for index, practice in enumerate(practices)
            for step in range(min(2, len(instruments)))
        )
    if groups:
        GoodPractice.target_groups.through.objects.bulk_create(
            GoodPractice.target_groups.through(
                goodpractice_id=practice.pk,
                targetgroup_id=groups[(index + step) % len(groups)].pk,
            )
            for index, practice in enumerate(practices)
            for step in range(min(2, len(groups)))
        )
    items = CooperationItem.objects.bulk_create(
        CooperationItem(
            meeting=meeting,
            delegation=delegations[index % len(delegations)],
            kind=CooperationKind.OFFER if index % 2 == 0 else CooperationKind.NEED,
            title=f"Synthetic cooperation {'offer' if index % 2 == 0 else 'need'} {index + 1}",
            description="<p>A synthetic offer or need for measurement.</p>",
            modality=Modality.choices[index % len(Modality.choices)][0],
            theme=themes[index % len(themes)],
            instrument=instruments[index % len(instruments)] if instruments else None,
        )
        for index in range(n)
    )
    if groups:
        CooperationItem.target_groups.through.objects.bulk_create(
            CooperationItem.target_groups.through(
                cooperationitem_id=item.pk, targetgroup_id=groups[index % len(groups)].pk
            )
            for index, item in enumerate(items)
        )
    return meeting, ScaleCounts(
        segments=len(segments),
        slots=len(slots),
        questions=len(questions),
        delegations=len(delegations),
        members=len(members),
        practices=len(practices),
        cooperation_items=len(items),
    )
