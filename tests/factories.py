"""Factories shared by the tests; no randomness, so that a failure is the same every run."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.enums import Role
from accounts.models import User
from agenda.enums import MeetingStatus, SegmentKind
from agenda.models import GuidingQuestion, Meeting, Segment
from delegations.models import MemberState
from speakers.enums import SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=role)[0] for role in extracted])
        if create:
            self.save()


def user_with_role(role, **kwargs):
    return UserFactory(roles=[role], **kwargs)


def secretariat_user(**kwargs):
    return user_with_role(Role.SECRETARIAT, **kwargs)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"CIDI regular meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    date = datetime.date(2022, 11, 17)
    start_time = datetime.time(10, 0)
    time_zone = "America/New_York"
    status = MeetingStatus.PUBLISHED


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Part {n}")
    kind = SegmentKind.TECHNICAL_PANEL


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Test Speaker {n}")
    protocol_title = "Ms."


def member_state_in_turn(n):
    """Return the n-th member state in the order of their codes, starting over at the end."""
    states = MemberState.objects.order_by("iso2")
    return states[n % states.count()]


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSlot

    segment = factory.SubFactory(SegmentFactory)
    person = factory.SubFactory(PersonFactory)
    role = SlotRole.PANELIST
    representing_state = factory.Sequence(member_state_in_turn)
    order = factory.Sequence(lambda n: n)
    speaking_minutes = 5
    qa_minutes = 2
    status = SlotStatus.CONFIRMED


class GuidingQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidingQuestion

    segment = factory.SubFactory(SegmentFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"What does guiding question {n} ask?")


def meeting_with_parts(*parts, published=True, **fields):
    """Return a meeting whose parts hold confirmed speaker slots of the given minutes.

    Each part is a list of slots; a slot is its speaking minutes, or a pair of speaking
    and question minutes. ``meeting_with_parts([7, 7, 7], [(5, 2), (5, 2)])`` gives two
    parts, numbered from 1, as are the slots in each part.
    """
    status = MeetingStatus.PUBLISHED if published else MeetingStatus.DRAFT
    meeting = MeetingFactory(status=status, **fields)
    for part_order, slots in enumerate(parts, start=1):
        segment = SegmentFactory(meeting=meeting, order=part_order)
        for slot_order, minutes in enumerate(slots, start=1):
            speaking, questions = minutes if isinstance(minutes, tuple) else (minutes, 0)
            SpeakerSlotFactory(
                segment=segment,
                order=slot_order,
                speaking_minutes=speaking,
                qa_minutes=questions,
            )
    return meeting
