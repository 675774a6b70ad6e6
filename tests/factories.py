"""Factories shared by the tests."""

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
    full_name = factory.Faker("name")
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

    full_name = factory.Faker("name")
    protocol_title = "Ms."


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSlot

    segment = factory.SubFactory(SegmentFactory)
    person = factory.SubFactory(PersonFactory)
    role = SlotRole.PANELIST
    representing_state = factory.LazyFunction(lambda: MemberState.objects.order_by("?").first())
    order = factory.Sequence(lambda n: n)
    speaking_minutes = 5
    qa_minutes = 2
    status = SlotStatus.CONFIRMED


class GuidingQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidingQuestion

    segment = factory.SubFactory(SegmentFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Faker("sentence")
