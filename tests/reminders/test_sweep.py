"""The sweep in-process: what becomes due, once, for whom; moved anchors; stale claims."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.enums import Role
from agenda.enums import LeadRole
from delegations.enums import DelegationStatus, MemberRole
from delegations.models import Delegation, DelegationMember
from reminders import delivery, services, sweep
from reminders.models import (
    OutboxMessage,
    OutboxStatus,
    ReminderAnchor,
    ReminderAudience,
    ReminderRule,
)
from reminders.recipients import dedupe_key_make
from speakers.enums import SlotStatus
from speakers.models import SpeakerSlot
from tests.factories import PersonFactory, SpeakerSlotFactory, UserFactory
from tests.reminders.conftest import DAY_BEFORE, RULES_MADE, agenda_queries, invitation_sent

SPEAKERS = [
    "speaker.pa@example.org",
    "speaker.bb@example.org",
    "speaker.uy@example.org",
    "speaker.mx@example.org",
    "speaker.do@example.org",
    "speaker.eclac@example.org",
]


def rule(meeting, anchor, audience, offset_minutes):
    return services.reminder_rule_create(
        meeting=meeting,
        name="Test rule",
        anchor=anchor,
        offset_minutes=offset_minutes,
        audience=audience,
        now=RULES_MADE,
    )


def sweep_now(now, capture):
    with capture(execute=True):
        return sweep.reminders_sweep(now=now)


def slot_of(meeting, code):
    field = "representing_organization__acronym" if code == "ECLAC" else "representing_state__iso2"
    return SpeakerSlot.objects.select_related("person").get(
        segment__meeting=meeting, **{field: code}
    )


def test_default_rules_are_created_once(demo_meeting):
    first = services.reminder_rules_default(meeting=demo_meeting)
    again = services.reminder_rules_default(meeting=demo_meeting)

    assert [r.pk for r in again] == [r.pk for r in first]
    assert ReminderRule.objects.filter(meeting=demo_meeting).count() == 6
    assert sorted((r.anchor, r.offset_minutes, r.audience) for r in first) == [
        ("meeting_start", -1440, "moderator"),
        ("practice_deadline", -4320, "focal_points_all"),
        ("registration_deadline", -4320, "focal_points_unregistered"),
        ("slot_start", -1440, "speakers_confirmed"),
        ("slot_start", -60, "speakers_confirmed"),
        ("speaker_confirmation_deadline", -2880, "speakers_unconfirmed"),
    ]


def test_due_reminders_are_sent_once_each(demo_rules, django_capture_on_commit_callbacks):
    result = sweep_now(DAY_BEFORE, django_capture_on_commit_callbacks)
    again = sweep_now(
        DAY_BEFORE + datetime.timedelta(minutes=5), django_capture_on_commit_callbacks
    )

    assert (result.created, result.claimed) == (7, 7)
    assert (again.created, again.claimed) == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([*SPEAKERS, "moderator@example.org"])
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_nothing_is_recorded_before_it_is_due(demo_rules, django_capture_on_commit_callbacks):
    sweep_now(DAY_BEFORE - datetime.timedelta(hours=1), django_capture_on_commit_callbacks)

    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_nothing_is_recorded_once_the_anchor_has_passed(
    demo_rules, django_capture_on_commit_callbacks
):
    # 10:30 in New York: every speaker of part one has spoken, part two has begun.
    after_part_one = datetime.datetime(2022, 11, 17, 15, 30, tzinfo=datetime.UTC)

    sweep_now(after_part_one, django_capture_on_commit_callbacks)

    # Only ECLAC's slot (10:35) is still ahead: its reminders are late but still useful.
    eclac = f"slot:{slot_of(demo_rules[0].meeting, 'ECLAC').pk}"
    assert sorted(
        OutboxMessage.objects.values_list("recipient_email", "anchor_key", "rule__offset_minutes")
    ) == [
        ("speaker.eclac@example.org", eclac, -1440),
        ("speaker.eclac@example.org", eclac, -60),
    ]


def test_a_moved_slot_updates_its_pending_reminder(demo_rules):
    meeting = demo_rules[0].meeting
    sweep.reminders_materialize(now=DAY_BEFORE)
    eclac = slot_of(meeting, "ECLAC")
    before = OutboxMessage.objects.get(anchor_key=f"slot:{eclac.pk}")
    do = slot_of(meeting, "DO")
    do.qa_minutes += 3
    do.save()

    result = sweep.reminders_materialize(now=DAY_BEFORE)

    after = OutboxMessage.objects.get(anchor_key=f"slot:{eclac.pk}")
    assert result.moved == 1
    assert after.pk == before.pk
    assert after.anchor_at - before.anchor_at == datetime.timedelta(minutes=3)
    assert after.due_at - before.due_at == datetime.timedelta(minutes=3)
    assert after.dedupe_key != before.dedupe_key
    assert OutboxMessage.objects.count() == 7


def test_a_slot_moved_after_its_reminder_was_sent_gets_one_updated_reminder(
    demo_rules, django_capture_on_commit_callbacks
):
    meeting = demo_rules[0].meeting
    sweep_now(DAY_BEFORE, django_capture_on_commit_callbacks)
    do = slot_of(meeting, "DO")
    do.qa_minutes += 3
    do.save()
    mail.outbox.clear()

    first = sweep_now(
        DAY_BEFORE + datetime.timedelta(minutes=5), django_capture_on_commit_callbacks
    )
    second = sweep_now(
        DAY_BEFORE + datetime.timedelta(minutes=10), django_capture_on_commit_callbacks
    )

    assert (first.created, second.created) == (1, 0)
    [message] = mail.outbox
    assert message.to == ["speaker.eclac@example.org"]
    assert "10:38–10:45 (hora oriental, Nueva York)" in message.body
    assert OutboxMessage.objects.filter(recipient_email="speaker.eclac@example.org").count() == 2


def test_a_message_claimed_before_its_slot_moved_is_cancelled_and_replaced(
    demo_rules, django_capture_on_commit_callbacks
):
    meeting = demo_rules[0].meeting
    sweep.reminders_materialize(now=DAY_BEFORE)
    ids, _reclaimed = sweep.outbox_claim(now=DAY_BEFORE, queue=False)
    do = slot_of(meeting, "DO")
    do.qa_minutes += 3
    do.save()

    outcomes = delivery.outbox_send_in_process(message_ids=ids)
    later = sweep_now(
        DAY_BEFORE + datetime.timedelta(minutes=5), django_capture_on_commit_callbacks
    )

    assert outcomes == {"sent": 6, "cancelled": 1}
    assert later.created == 1
    eclac = [m for m in mail.outbox if m.to == ["speaker.eclac@example.org"]]
    assert len(eclac) == 1
    assert "10:38–10:45" in eclac[0].body


def test_unconfirmed_speakers_are_reminded_before_the_confirmation_deadline(
    demo_rules, django_capture_on_commit_callbacks
):
    meeting = demo_rules[0].meeting
    meeting.speaker_confirmation_deadline = datetime.datetime(2022, 11, 10, 22, tzinfo=datetime.UTC)
    meeting.save()
    SpeakerSlot.objects.filter(pk=slot_of(meeting, "MX").pk).update(status=SlotStatus.INVITED)
    invitation_sent(slot_of(meeting, "MX"))

    sweep_now(
        datetime.datetime(2022, 11, 8, 23, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    [message] = mail.outbox
    assert message.to == ["speaker.mx@example.org"]
    assert "Aún no nos ha indicado si intervendrá." in message.body
    row = OutboxMessage.objects.get()
    assert row.anchor_key == f"speaker_confirmation_deadline/slot:{slot_of(meeting, 'MX').pk}"


def test_speakers_never_invited_are_not_asked_to_confirm(
    demo_rules, django_capture_on_commit_callbacks
):
    meeting = demo_rules[0].meeting
    meeting.speaker_confirmation_deadline = datetime.datetime(2022, 11, 10, 22, tzinfo=datetime.UTC)
    meeting.save()
    SpeakerSlot.objects.filter(
        pk__in=[slot_of(meeting, "MX").pk, slot_of(meeting, "DO").pk]
    ).update(status=SlotStatus.INVITED)
    invitation_sent(slot_of(meeting, "DO"))

    sweep_now(
        datetime.datetime(2022, 11, 8, 23, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert [message.to for message in mail.outbox] == [["speaker.do@example.org"]]


def test_a_pending_reminder_that_no_longer_applies_is_cancelled(demo_meeting):
    unconfirmed = rule(
        demo_meeting, ReminderAnchor.SLOT_START, ReminderAudience.SPEAKERS_UNCONFIRMED, -1440
    )
    mx = slot_of(demo_meeting, "MX")
    SpeakerSlot.objects.filter(pk=mx.pk).update(status=SlotStatus.INVITED)
    invitation_sent(mx)
    sweep.reminders_materialize(now=DAY_BEFORE)
    SpeakerSlot.objects.filter(pk=mx.pk).update(status=SlotStatus.CONFIRMED)

    result = sweep.reminders_materialize(now=DAY_BEFORE)

    row = unconfirmed.messages.get()
    assert result.cancelled == 1
    assert row.status == OutboxStatus.CANCELLED
    assert row.last_error.startswith("No longer applies")


@pytest.mark.parametrize(
    ("audience", "reached"),
    [
        (ReminderAudience.FOCAL_POINTS_UNREGISTERED, ["focal.bb", "focal.do", "focal.pa"]),
        (
            ReminderAudience.FOCAL_POINTS_UNACCREDITED,
            ["focal.bb", "focal.do", "focal.pa", "focal.uy"],
        ),
        (
            ReminderAudience.FOCAL_POINTS_ALL,
            ["focal.bb", "focal.do", "focal.mx", "focal.pa", "focal.uy"],
        ),
    ],
)
def test_focal_points_are_chosen_by_their_delegation_status(demo_meeting, audience, reached):
    delegations = Delegation.objects.filter(meeting=demo_meeting)
    statuses = {
        "PA": DelegationStatus.INVITED,
        "BB": DelegationStatus.REGISTERING,
        "DO": DelegationStatus.RETURNED,
        "UY": DelegationStatus.SUBMITTED,
        "MX": DelegationStatus.ACCREDITED,
    }
    for delegation in delegations.select_related("member_state"):
        delegation.status = statuses[delegation.member_state.iso2]
        delegation.save()
    demo_meeting.registration_deadline = datetime.datetime(2022, 11, 10, 22, tzinfo=datetime.UTC)
    demo_meeting.save()
    rule(demo_meeting, ReminderAnchor.REGISTRATION_DEADLINE, audience, -3 * 1440)

    sweep.reminders_materialize(now=datetime.datetime(2022, 11, 8, tzinfo=datetime.UTC))

    emails = sorted(OutboxMessage.objects.values_list("recipient_email", flat=True))
    assert emails == [f"{name}@example.org" for name in reached]


def test_the_moderator_is_reached_once_per_address(demo_meeting):
    UserFactory(email="second.moderator@example.org", roles=[Role.MODERATOR])
    rule(demo_meeting, ReminderAnchor.MEETING_START, ReminderAudience.MODERATOR, -1440)

    sweep.reminders_materialize(now=DAY_BEFORE)

    # moderator@example.org is both a Moderator account and the panel's lead.
    assert sorted(
        OutboxMessage.objects.values_list("recipient_email", "language", "anchor_key")
    ) == [
        ("moderator@example.org", "es", "meeting_start"),
        ("second.moderator@example.org", "en", "meeting_start"),
    ]


def test_a_slot_anchor_only_reaches_speakers(demo_meeting):
    with pytest.raises(ValidationError):
        rule(demo_meeting, ReminderAnchor.SLOT_START, ReminderAudience.MODERATOR, -60)


def test_deactivating_a_rule_cancels_its_pending_messages(demo_rules):
    sweep.reminders_materialize(now=DAY_BEFORE)
    day_before = next(
        r for r in demo_rules if r.offset_minutes == -1440 and r.anchor == "slot_start"
    )

    services.reminder_rule_deactivate(rule=day_before)

    assert set(day_before.messages.values_list("status", flat=True)) == {OutboxStatus.CANCELLED}
    ids, _reclaimed = sweep.outbox_claim(now=DAY_BEFORE, queue=False)
    assert len(ids) == 1  # the moderator's


def test_a_reactivated_rule_sends_what_is_still_due(demo_rules, django_capture_on_commit_callbacks):
    sweep.reminders_materialize(now=DAY_BEFORE)
    day_before = next(
        r for r in demo_rules if r.offset_minutes == -1440 and r.anchor == "slot_start"
    )
    services.reminder_rule_deactivate(rule=day_before)

    day_before.is_active = True
    day_before.save()
    sweep_now(DAY_BEFORE, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 7


def test_pending_reminders_never_tried_are_cancelled_once_too_late(demo_rules):
    sweep.reminders_materialize(now=DAY_BEFORE)
    the_next_day = DAY_BEFORE + datetime.timedelta(days=1)

    cancelled = sweep.outbox_cancel_too_late(now=the_next_day)

    assert cancelled == 7
    assert sweep.outbox_claim(now=the_next_day, queue=False) == ([], 0)


def test_rows_left_sending_by_a_lost_worker_are_claimed_again(demo_rules):
    sweep.reminders_materialize(now=DAY_BEFORE)
    ids, _reclaimed = sweep.outbox_claim(now=DAY_BEFORE, queue=False)

    soon = sweep.outbox_claim(now=DAY_BEFORE + datetime.timedelta(minutes=5), queue=False)
    later = sweep.outbox_claim(now=DAY_BEFORE + datetime.timedelta(minutes=20), queue=False)

    assert soon == ([], 0)
    assert sorted(later[0]) == sorted(ids)
    assert later[1] == 7


def test_a_message_that_is_no_longer_sending_is_not_sent(demo_rules):
    sweep.reminders_materialize(now=DAY_BEFORE)
    message = OutboxMessage.objects.first()

    outcome = delivery.outbox_message_send(message_id=message.pk)

    assert outcome == "skipped"
    assert mail.outbox == []


def test_a_long_address_gets_a_hashed_key():
    anchor_at = datetime.datetime(2022, 11, 17, 15, tzinfo=datetime.UTC)
    short = dedupe_key_make(
        rule_id=3, email="A@Example.org", anchor_key="slot:9", anchor_at=anchor_at
    )
    long = dedupe_key_make(
        rule_id=3, email="a" * 290 + "@x.org", anchor_key="slot:9", anchor_at=anchor_at
    )

    assert short == "3|a@example.org|slot:9|2022-11-17T15:00:00+00:00"
    assert long.startswith("sha256:")
    assert len(long) == 71


@pytest.mark.parametrize("extra_speakers", [0, 15])
def test_materializing_runs_a_fixed_number_of_queries(
    demo_rules, extra_speakers, django_assert_num_queries
):
    panel = demo_rules[0].meeting.segments.get(order=2)
    for index in range(extra_speakers):
        SpeakerSlotFactory(
            segment=panel, order=10 + index, person__email=f"extra{index}@example.org"
        )

    # Rules; the agenda (meeting, parts, slots, questions…); moderators; existing rows;
    # one insert; one cancel. (The demo has no deadlines: no focal point is read.)
    with django_assert_num_queries(5 + agenda_queries(demo_rules[0].meeting)):
        # Three hours later: the extra slots' "one day before" reminders are due too.
        result = sweep.reminders_materialize(now=DAY_BEFORE + datetime.timedelta(hours=3))

    assert result.created == 7 + extra_speakers


def meeting_in_three_hours(meeting):
    """Move the meeting to three hours from now (whole minutes), in its own time zone."""
    start = (timezone.now() + datetime.timedelta(hours=3)).astimezone(meeting.tzinfo)
    meeting.date, meeting.start_time = start.date(), start.time().replace(second=0, microsecond=0)
    meeting.save()
    return meeting


def test_a_rule_created_after_its_time_sends_nothing_for_it(
    demo_meeting, django_capture_on_commit_callbacks
):
    meeting_in_three_hours(demo_meeting)
    # "One day before the meeting", made three hours before it: its time had passed.
    services.reminder_rule_create(
        meeting=demo_meeting,
        name="Moderator: one day before the meeting",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-1440,
        audience=ReminderAudience.MODERATOR,
    )

    result = sweep_now(timezone.now(), django_capture_on_commit_callbacks)

    assert (result.created, result.claimed) == (0, 0)
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_a_rule_activated_again_after_its_time_sends_nothing_for_it(
    demo_meeting, django_capture_on_commit_callbacks
):
    made = timezone.now() - datetime.timedelta(days=2)
    meeting_in_three_hours(demo_meeting)
    day_before = services.reminder_rule_create(
        meeting=demo_meeting,
        name="Moderator: one day before the meeting",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-1440,
        audience=ReminderAudience.MODERATOR,
        is_active=False,
        now=made,
    )
    hour_before = services.reminder_rule_create(
        meeting=demo_meeting,
        name="Moderator: one hour before the meeting",
        anchor=ReminderAnchor.MEETING_START,
        offset_minutes=-60,
        audience=ReminderAudience.MODERATOR,
        is_active=False,
        now=made,
    )

    for inactive in (day_before, hour_before):
        services.reminder_rule_update(
            rule=inactive,
            name=inactive.name,
            anchor=inactive.anchor,
            offset_minutes=inactive.offset_minutes,
            audience=inactive.audience,
            message="",
            is_active=True,
        )
    now_result = sweep_now(timezone.now(), django_capture_on_commit_callbacks)
    later = sweep_now(
        timezone.now() + datetime.timedelta(hours=2, minutes=5), django_capture_on_commit_callbacks
    )

    assert (now_result.created, later.created) == (0, 1)
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]
    assert OutboxMessage.objects.get().rule == hour_before


def test_the_chair_audience_reaches_the_chair_and_the_parts_chairs(demo_meeting):
    chair = demo_meeting.chair
    chair.email, chair.preferred_language = "chair@example.org", "es"
    chair.save()
    second = PersonFactory(full_name="Vice Chair", email="vice.chair@example.org")
    demo_meeting.segments.filter(order=1).update(lead=second, lead_role=LeadRole.CHAIR)
    # The panel's moderator leads as moderator, not as chair.
    rule(demo_meeting, ReminderAnchor.MEETING_START, ReminderAudience.CHAIR, -1440)

    sweep.reminders_materialize(now=DAY_BEFORE)

    assert sorted(
        OutboxMessage.objects.values_list("recipient_email", "language", "anchor_key")
    ) == [
        ("chair@example.org", "es", "meeting_start"),
        ("vice.chair@example.org", "en", "meeting_start"),
    ]


def test_registered_delegates_are_reached_at_their_own_address(demo_meeting):
    delegations = {
        delegation.member_state.iso2: delegation
        for delegation in Delegation.objects.filter(meeting=demo_meeting).select_related(
            "member_state"
        )
    }
    delegations["UY"].status = DelegationStatus.SUBMITTED
    delegations["MX"].status = DelegationStatus.ACCREDITED
    delegations["PA"].status = DelegationStatus.REGISTERING
    for delegation in delegations.values():
        delegation.save()
    addresses = [("UY", "head.uy@example.org"), ("MX", "alt.mx@example.org"), ("PA", "pa@x.org")]
    for iso2, email in addresses:
        DelegationMember.objects.create(
            delegation=delegations[iso2],
            full_name=f"Delegate {iso2}",
            role=MemberRole.HEAD,
            email=email,
            preferred_language="es",
        )
    DelegationMember.objects.create(
        delegation=delegations["MX"], full_name="No Address", role=MemberRole.ALTERNATE
    )
    rule(demo_meeting, ReminderAnchor.MEETING_START, ReminderAudience.DELEGATES_REGISTERED, -1440)

    sweep.reminders_materialize(now=DAY_BEFORE)

    assert sorted(OutboxMessage.objects.values_list("recipient_email", "anchor_key")) == [
        ("alt.mx@example.org", f"meeting_start/delegation:{delegations['MX'].pk}"),
        ("head.uy@example.org", f"meeting_start/delegation:{delegations['UY'].pk}"),
    ]
