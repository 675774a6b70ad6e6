"""The synthetic scale meeting (``seed_demo --scale N``) and constant query counts."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from agenda.models import GuidingQuestion, Meeting, Segment
from delegations.models import Delegation, DelegationMember, MemberState
from demo.scale import MEMBERS_PER_DELEGATION, scale_seed
from outcomes.enums import CooperationKind, PracticeStatus
from outcomes.models import CooperationItem, GoodPractice
from speakers.models import Person, SpeakerSlot
from tests.conftest import DEMO_DATE
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db

PAGES = [
    ("agenda", "/meetings/{slug}/", False),
    ("editor", "/secretariat/meetings/{slug}/", True),
    ("participants", "/secretariat/meetings/{slug}/participants/", True),
    ("compendium", "/practices/", False),
]


def _snapshot(meeting):
    return {
        "slots": SpeakerSlot.objects.filter(segment__meeting=meeting).count(),
        "segments": Segment.objects.filter(meeting=meeting).count(),
        "questions": GuidingQuestion.objects.filter(segment__meeting=meeting).count(),
        "delegations": Delegation.objects.filter(meeting=meeting).count(),
        "members": DelegationMember.objects.filter(delegation__meeting=meeting).count(),
        "practices": GoodPractice.objects.filter(
            meeting=meeting, status=PracticeStatus.PUBLISHED
        ).count(),
        "items": CooperationItem.objects.filter(meeting=meeting).count(),
        "people": Person.objects.count(),
        "users": User.objects.count(),
    }


def test_scale_seed_creates_what_it_says_and_replaces_itself():
    meeting, counts = scale_seed(12)

    assert meeting.slug == "scale-12"
    assert Meeting.objects.published().filter(slug="scale-12").exists()
    assert meeting.title_en.startswith("Synthetic meeting")
    states = MemberState.objects.filter(participates=True).count()
    before = _snapshot(meeting)
    assert before["slots"] == counts.slots == 12
    assert before["segments"] == counts.segments >= 2
    assert before["questions"] == counts.questions
    for segment in Segment.objects.filter(meeting=meeting):
        assert segment.title_en
        assert segment.slots.exists()
        assert segment.guiding_questions.exists()
    assert GuidingQuestion.objects.filter(segment__meeting=meeting, addressed_slots__isnull=False)
    assert before["delegations"] == counts.delegations == states
    assert before["members"] == counts.members == states * MEMBERS_PER_DELEGATION
    delegations = Delegation.objects.filter(meeting=meeting)
    assert not delegations.filter(focal_point__isnull=True).exists()
    assert {
        user.groups.get().name
        for user in User.objects.filter(focal_point_delegations__meeting=meeting)
    } == {"Delegation focal point"}
    assert before["practices"] == counts.practices == 12
    practices = GoodPractice.objects.filter(meeting=meeting)
    assert not practices.filter(instruments__isnull=True).exists()
    assert not practices.filter(target_groups__isnull=True).exists()
    assert before["items"] == counts.cooperation_items == 12
    kinds = set(CooperationItem.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert kinds == {CooperationKind.OFFER, CooperationKind.NEED}

    call_command("seed_demo", force=True, scale=12, date=DEMO_DATE, stdout=io.StringIO())

    replaced = Meeting.objects.get(slug="scale-12")
    assert replaced.pk != meeting.pk
    after = _snapshot(replaced)
    # The demo added its own people and accounts; everything of the scale meeting is equal.
    demo_people = Person.objects.exclude(email__endswith="@scale-12.example.org").count()
    demo_users = User.objects.exclude(email__endswith="@scale-12.example.org").count()
    assert after["people"] - demo_people == before["people"]
    assert after["users"] - demo_users == before["users"]
    assert {k: v for k, v in after.items() if k not in {"people", "users"}} == {
        k: v for k, v in before.items() if k not in {"people", "users"}
    }
    assert Meeting.objects.filter(slug__startswith="scale-").count() == 1


def _query_counts(client, staff_client, slug):
    counts = {}
    for name, template, signed_in in PAGES:
        page_client = staff_client if signed_in else client
        path = template.format(slug=slug)
        page_client.get(path)  # Warm-up: sessions, content types, cached lookups.
        with CaptureQueriesContext(connection) as queries:
            response = page_client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = [query["sql"] for query in queries.captured_queries]
    return counts


def test_query_count_of_each_page_does_not_grow_with_the_meeting(client):
    staff = secretariat_user()
    small, _counts = scale_seed(5)
    staff_client = Client()
    staff_client.force_login(staff)
    at_small = _query_counts(client, staff_client, small.slug)
    large, _counts = scale_seed(40)
    at_large = _query_counts(client, staff_client, large.slug)

    for name, _template, _signed_in in PAGES:
        assert len(at_small[name]) == len(at_large[name]), (
            f"{name}: {len(at_small[name])} queries at N=5, {len(at_large[name])} at N=40",
            at_large[name],
        )
