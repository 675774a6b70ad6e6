"""Merging two records of one person: everything moves, in one transaction."""

import pytest

from agenda.models import Meeting, Segment
from delegations.models import DelegationMember, MemberState, Organization
from directory import services
from speakers.models import Person
from tests.delegations.factories import DelegationFactory
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SpeakerSlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    """The same minister entered twice: once with an email, once with a state."""
    keep = PersonFactory(full_name="Ana Pérez", email="", position="")
    discard = PersonFactory(
        full_name="Ana Pérez",
        email="ana.perez@example.org",
        member_state=MemberState.objects.get(iso2="PA"),
        position="Minister of Social Development",
        time_zone="America/Panama",
    )
    return keep, discard


def test_person_merge_moves_slots_parts_and_meetings_to_the_kept_person(twins):
    keep, discard = twins
    meeting = MeetingFactory(chair=discard)
    part = SegmentFactory(meeting=meeting, lead=discard)
    moved = [SpeakerSlotFactory(segment=part, person=discard).pk for _ in range(2)]
    kept_slot = SpeakerSlotFactory(segment=part, person=keep)

    services.person_merge(keep=keep, discard=discard)

    assert not Person.objects.filter(pk=discard.pk).exists()
    assert Meeting.objects.get(pk=meeting.pk).chair_id == keep.pk
    assert Segment.objects.get(pk=part.pk).lead_id == keep.pk
    assert sorted(keep.slots.values_list("pk", flat=True)) == sorted([*moved, kept_slot.pk])


def test_person_merge_fills_the_kept_persons_empty_fields_only(twins):
    keep, discard = twins
    keep.position = "Minister"
    keep.save()

    kept = services.person_merge(keep=keep, discard=discard)

    kept.refresh_from_db()
    assert (kept.email, kept.member_state.iso2, kept.time_zone, kept.position) == (
        "ana.perez@example.org",
        "PA",
        "America/Panama",
        "Minister",
    )


def test_person_merge_fills_a_name_in_a_language_the_kept_person_lacks(twins):
    keep, discard = twins
    discard.full_name_es = "Ana Pérez (ministra)"
    discard.save()

    kept = services.person_merge(keep=keep, discard=discard)

    kept.refresh_from_db()
    assert (kept.full_name_en, kept.full_name_es) == ("Ana Pérez", "Ana Pérez (ministra)")


def test_person_merge_links_the_others_account_when_the_kept_person_has_none(twins):
    keep, discard = twins
    discard.user = UserFactory(email="ana.perez@example.org")
    discard.save()

    kept = services.person_merge(keep=keep, discard=discard)

    assert Person.objects.get(pk=kept.pk).user.email == "ana.perez@example.org"


def test_person_merge_gives_moved_slots_a_new_version_and_a_history_line(twins):
    keep, discard = twins
    slot = SpeakerSlotFactory(person=discard)

    services.person_merge(keep=keep, discard=discard)

    slot_after = type(slot).objects.get(pk=slot.pk)
    assert slot_after.version == slot.version + 1
    assert slot_after.history.first().person_id == keep.pk


def test_person_merge_raises_the_agenda_revision_of_the_meetings_concerned(twins):
    keep, discard = twins
    slot = SpeakerSlotFactory(person=discard)
    before = Meeting.objects.get(pk=slot.segment.meeting_id).agenda_revision

    services.person_merge(keep=keep, discard=discard)

    assert Meeting.objects.get(pk=slot.segment.meeting_id).agenda_revision > before


def test_person_merge_moves_the_delegation_member_link_when_the_kept_person_has_none(twins):
    keep, discard = twins
    delegation = DelegationFactory()
    member = DelegationMember.objects.create(
        delegation=delegation, full_name="Ana Pérez", role="head", person=discard
    )

    services.person_merge(keep=keep, discard=discard)

    assert DelegationMember.objects.get(pk=member.pk).person_id == keep.pk


def test_person_merge_unlinks_the_others_delegation_member_when_both_have_one(twins):
    keep, discard = twins
    delegation = DelegationFactory()
    kept_member = DelegationMember.objects.create(
        delegation=delegation, full_name="Ana Pérez", role="head", person=keep
    )
    other_member = DelegationMember.objects.create(
        delegation=delegation, full_name="Ana Pérez", role="adviser", person=discard
    )

    services.person_merge(keep=keep, discard=discard)

    assert DelegationMember.objects.get(pk=kept_member.pk).person_id == keep.pk
    assert DelegationMember.objects.get(pk=other_member.pk).person_id is None


def test_person_merge_refuses_to_merge_a_record_with_itself(twins):
    keep, _discard = twins

    with pytest.raises(services.MergeRefused):
        services.person_merge(keep=keep, discard=keep)


def test_person_merge_changes_nothing_when_a_step_fails(twins, monkeypatch):
    keep, discard = twins
    meeting = MeetingFactory(chair=discard)
    slot = SpeakerSlotFactory(person=discard)

    def fail(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Person, "delete", fail)
    with pytest.raises(RuntimeError):
        services.person_merge(keep=keep, discard=discard)

    assert Meeting.objects.get(pk=meeting.pk).chair_id == discard.pk
    assert type(slot).objects.get(pk=slot.pk).person_id == discard.pk
    assert Person.objects.get(pk=keep.pk).email == ""


def test_organization_create_adds_the_inter_american_development_bank():
    bank = services.organization_create(
        data={
            "acronym": "IDB",
            "name_en": "Inter-American Development Bank",
            "acronym_es": "BID",
            "name_es": "Banco Interamericano de Desarrollo",
            "kind": "international",
        }
    )

    assert Organization.objects.get(pk=bank.pk).acronym_es == "BID"
