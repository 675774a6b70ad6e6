"""The agenda editor's gentle warning when no speaker of a part declared as a woman."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from agenda.enums import SegmentKind
from agenda.models import Segment
from delegations.enums import MemberRole
from delegations.models import DelegationMember
from inclusion.enums import Gender
from inclusion.models import SelfDeclaration
from speakers.models import SpeakerSlot
from tests.agenda.test_editor import HTMX
from tests.agenda.test_views import build_agenda
from tests.delegations.factories import DelegationFactory
from tests.factories import (
    MeetingFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    meeting_with_parts,
    secretariat_user,
)

WARNING = "No speaker in this part has declared as a woman."

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    client.force_login(secretariat_user())
    return client


def editor_page(client, meeting):
    response = client.get(reverse("agenda:editor", args=[meeting.slug]))
    assert response.status_code == 200
    return response.content.decode()


def part_header(page, part):
    """Return the header of ``part`` on the editor's page."""
    return page.split(f'id="segment-{part.pk}-header"')[1].split('class="card-body"')[0]


def declare(person, gender):
    return SelfDeclaration.objects.create(person=person, gender=gender)


def parts_of(meeting):
    return list(Segment.objects.filter(meeting=meeting).order_by("order"))


def speakers_of(part):
    return [slot.person for slot in SpeakerSlot.objects.filter(segment=part).order_by("order")]


def test_a_part_where_no_speaker_declared_as_a_woman_is_warned_of(secretariat_client):
    meeting = meeting_with_parts([7, 7], [7])
    first, second = parts_of(meeting)
    declare(speakers_of(first)[0], Gender.MAN)
    declare(speakers_of(first)[1], Gender.UNDISCLOSED)

    page = editor_page(secretariat_client, meeting)

    assert WARNING in part_header(page, first)
    # Nobody declared anything in the second part: that is no woman declared either.
    assert WARNING in part_header(page, second)
    assert page.count('data-testid="part-warning"') == 2


def test_the_warning_goes_when_a_woman_speaks_in_the_part(secretariat_client):
    meeting = meeting_with_parts([7, 7], [7])
    first, second = parts_of(meeting)
    declare(speakers_of(first)[0], Gender.MAN)
    declare(speakers_of(first)[1], Gender.WOMAN)

    page = editor_page(secretariat_client, meeting)

    assert WARNING not in part_header(page, first)
    assert WARNING in part_header(page, second)


def test_a_delegation_members_declaration_counts_for_their_speaker_record(
    secretariat_client,
):
    meeting = meeting_with_parts([7])
    (part,) = parts_of(meeting)
    (speaker,) = speakers_of(part)
    member = DelegationMember.objects.create(
        delegation=DelegationFactory(meeting=meeting),
        full_name=speaker.full_name,
        role=MemberRole.HEAD,
        person=speaker,
    )
    SelfDeclaration.objects.create(member=member, gender=Gender.WOMAN)

    assert WARNING not in editor_page(secretariat_client, meeting)


def test_the_speaker_records_own_declaration_comes_before_the_members(secretariat_client):
    meeting = meeting_with_parts([7])
    (part,) = parts_of(meeting)
    (speaker,) = speakers_of(part)
    member = DelegationMember.objects.create(
        delegation=DelegationFactory(meeting=meeting),
        full_name=speaker.full_name,
        role=MemberRole.HEAD,
        person=speaker,
    )
    SelfDeclaration.objects.create(member=member, gender=Gender.WOMAN)
    declare(speaker, Gender.UNDISCLOSED)

    assert WARNING in editor_page(secretariat_client, meeting)


def test_a_break_and_a_part_without_speakers_are_not_warned_of(secretariat_client):
    meeting = meeting_with_parts([7])
    (panel,) = parts_of(meeting)
    declare(speakers_of(panel)[0], Gender.WOMAN)
    coffee = SegmentFactory(
        meeting=meeting, order=2, kind=SegmentKind.BREAK, title="Coffee", allotted_minutes=15
    )
    # A slot in a break (an announcement) does not make it a panel.
    SpeakerSlotFactory(segment=coffee, order=1, speaking_minutes=1, qa_minutes=0)
    empty = SegmentFactory(meeting=meeting, order=3, title="Open floor", allotted_minutes=20)

    page = editor_page(secretariat_client, meeting)

    assert WARNING not in part_header(page, coffee)
    assert WARNING not in part_header(page, empty)
    assert 'data-testid="part-warning"' not in page


def test_the_answer_to_a_slot_moved_between_parts_updates_both_warnings(secretariat_client):
    meeting = meeting_with_parts([7, 7], [7])
    first, second = parts_of(meeting)
    woman, man = speakers_of(first)
    declare(woman, Gender.WOMAN)
    declare(man, Gender.MAN)
    moved = SpeakerSlot.objects.get(person=woman)
    staying = SpeakerSlot.objects.get(segment=second)

    answer = secretariat_client.post(
        reverse("agenda:slots_reorder", args=[meeting.slug, second.pk]),
        {"slot": [staying.pk, moved.pk]},
        **HTMX,
    ).content.decode()

    assert SpeakerSlot.objects.get(pk=moved.pk).segment == second
    assert WARNING in part_header(answer, first)
    assert WARNING not in part_header(answer, second)


def test_the_editor_runs_the_same_queries_at_two_sizes_with_declarations(secretariat_client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=5, slots_per_segment=6)
    for index, slot in enumerate(SpeakerSlot.objects.filter(segment__meeting=large)):
        declare(slot.person, [Gender.WOMAN, Gender.MAN, Gender.ANOTHER][index % 3])

    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            editor_page(secretariat_client, meeting)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_editor_links_to_the_inclusion_figures(secretariat_client):
    meeting = MeetingFactory()
    try:
        figures = reverse("inclusion:figures", kwargs={"slug": meeting.slug})
    except NoReverseMatch:
        pytest.skip("The inclusion figures' page is not installed yet.")

    page = editor_page(secretariat_client, meeting)

    assert f'href="{figures}">Inclusion figures</a>' in page
