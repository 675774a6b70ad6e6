"""The demo meeting of the concept note: CIDI's dialogue on social safety nets.

``seed_demo`` calls ``demo_seed``; running it again updates the same records instead
of adding new ones. The meeting lies a few weeks ahead (``demo_date_default``) unless a
date is given, with its deadlines before it (``DEADLINES``) and its planned end where the
concept note's programme ends, so that a new user meets a live meeting: registration
open, reminders coming due, the console on its way to the day.
"""

import datetime
import zoneinfo

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from modeltranslation.translator import translator

from accounts.enums import Role
from accounts.models import User
from accounts.services import roles_ensure, roles_grant_secretariat_permissions
from agenda import selectors
from agenda.enums import Body, LeadRole, MeetingFormat, MeetingKind, MeetingStatus, SegmentKind
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, Segment
from delegations.enums import DelegationStatus
from delegations.models import Delegation, MemberState, Organization
from delegations.reference import reference_data_load
from demo.inclusion import demo_inclusion_seed
from demo.ministerial import seed_ministerial
from demo.outcomes import demo_outcomes_seed
from demo.register import seed_register
from demo.translations import DEMO_TRANSLATIONS
from live.models import ClockEvent, RoomClock
from outcomes.models import Instrument, SdgTarget, TargetGroup, Theme
from outcomes.reference import taxonomies_load
from reminders.services import reminder_rules_default
from speakers.enums import GrammaticalGender, SlotRole, SlotStatus
from speakers.models import Person, SpeakerSlot

DEMO_SLUG = "social-safety-nets"
TIME_ZONE = "America/New_York"
START = datetime.time(10, 0)
# The demo meets on the first Tuesday, Wednesday or Thursday this far ahead.
WEEKS_AHEAD = 3
MEETING_WEEKDAYS = {1, 2, 3}
# Days before the meeting each deadline falls, at 18:00 in the meeting's time zone: the
# reminders three days before the practice deadline come due in the demo's first days.
DEADLINES = {
    "practice_deadline": 17,
    "speaker_confirmation_deadline": 14,
    "registration_deadline": 10,
}
DEADLINE_TIME = datetime.time(18, 0)
SPEAKING_STATES = ["PA", "BB", "UY", "MX", "DO"]
# Invented names of the demo's focal points (names read the same in every language).
FOCAL_POINT_NAMES = {
    "PA": "Ana Ríos",
    "BB": "Keisha Clarke",
    "UY": "Martín Suárez",
    "MX": "Lucía Hernández",
    "DO": "Rafael Peña",
}

TITLE = (
    "Strengthening social safety nets for an inclusive, resilient, and sustainable "
    "recovery from a human rights approach: Recognizing and addressing the "
    "differentiated impact of crises on women and vulnerable groups in the Americas"
)

BACKGROUND = """\
The COVID-19 pandemic has both revealed and deepened structural inequalities while \
simultaneously generating new problems globally. The last two years have been defined by \
high levels of uncertainty caused by a severe health and economic crisis, the grave \
consequences of which pose unavoidable challenges for states.

The consequences of the pandemic have endangered the significant progress that the \
region had achieved through decades of fighting poverty and strengthening social \
protection systems. SDG target 1.3 calls for the implementation of nationally \
appropriate social protection systems and measures for all, including floors, and by \
2030 substantial coverage of the poor and the vulnerable.

To deal with the pandemic, the region's governments have made use of existing social \
programs, adjusting them to meet the needs of the most vulnerable sectors: cash \
transfers and temporary bonuses, support for informal workers' incomes, food \
distribution, housing service subsidies and flexible working arrangements.

The Inter-American Commission of Women (CIM/OAS) has set out the reasons for \
recognizing the pandemic's differentiated impact on women's lives. States are called \
upon to design or expand cash transfer programs that can transform gender relations; \
implement in-kind assistance services for sexual and reproductive health care; ensure \
that social protection programs address the risks of gender-based violence; and promote \
gender-sensitive, family-friendly measures by governments and businesses."""

PURPOSE = """\
This CIDI meeting will provide the member states with an opportunity to discuss \
actionable priorities for advancing regional cooperation to strengthen social protection \
comprehensively and sustainably as a fundamental strategy for addressing persistent \
social needs in the Americas, including those emerging as a result of the COVID-19 \
pandemic.

Member states will share good practices, public policy innovations, and initiatives and \
instruments that have proved useful in dealing with the crisis, highlighting lessons \
learned; they will identify the gaps and needs detected in those areas; and they will \
share opportunities for solidarity-based cooperation to promote social development at \
the regional level."""

EXPECTED_OUTCOMES = [
    "Showcase information on the main trends, challenges, and specific opportunities for "
    "OAS member states to expand and improve their efforts toward universal social "
    "protection capable of providing prompt and timely responses to crises and disasters.",
    "Identify priorities for action and opportunities for solidarity-based cooperation to "
    "strengthen protection networks in order to drive development and social inclusion "
    "across the region.",
    "Encourage member states to share good practices, policies, and programs with positive "
    "results that address the shortcomings in access, coverage, and sustainability of "
    "social protection systems in the Americas, with special attention to the most "
    "vulnerable.",
    "Raise the member states' awareness of the differentiated impact of health and "
    "socioeconomic crises on women, and promote human rights through gender equality in "
    "the protection measures adopted by governments.",
]

# (state or organization, speaker's full name, position, floor language)
PART_ONE = [
    (
        "PA",
        "High authority of the Ministry of Social Development",
        "Ministry of Social Development; Pro Tempore Chair of the Central American Social "
        "Integration Council (CIS)",
        "es",
    ),
    (
        "BB",
        "High authority of the Ministry of People Empowerment and Elder Affairs",
        "Ministry of People Empowerment and Elder Affairs",
        "en",
    ),
    (
        "UY",
        "High authority of the Ministry of Social Development",
        "Ministry of Social Development",
        "es",
    ),
]
PART_ONE_QUESTIONS = [
    "What are the main challenges your country faces in closing social protection gaps?",
    "What opportunities for joint work or technical support could your country offer for "
    "regional cooperation in this area?",
]
PART_TWO = [
    (
        "MX",
        "Representative of the Secretariat of Well-being",
        "Secretariat of Well-being; Chair of Working Group 1 for the implementation of the "
        "Plan of Action of Guatemala within CIDES",
        "es",
    ),
    (
        "DO",
        "Representative of the Social Policy Coordination Cabinet",
        "Social Policy Coordination Cabinet; Chair of CIDES Working Group 2; host of the "
        "Fifth Meeting of Ministers and High Authorities of Social Development (V REMDES)",
        "es",
    ),
    (
        "ECLAC",
        "Representative of ECLAC",
        "Economic Commission for Latin America and the Caribbean",
        "es",
    ),
]
# (question, the slots it is addressed to; empty for all the segment's speakers)
PART_TWO_QUESTIONS = [
    (
        "What are the most important challenges and priority areas for action in the "
        "post-pandemic phase?",
        [],
    ),
    (
        "From a regional perspective, what role have social safety nets played in mitigating "
        "the effects of the COVID-19 crisis?",
        ["ECLAC"],
    ),
    (
        "How do you think the OAS could contribute to strengthening social protection in the "
        "Americas?",
        ["MX", "DO"],
    ),
]

# What each part gives up when the meeting runs late (the scenario's "if running late").
PANEL_LATE_NOTE = (
    "If the meeting runs late: keep each presentation to five minutes and ask only the "
    "first focus question, with one minute to answer."
)
DIALOGUE_LATE_NOTE = (
    "If the meeting runs late: give each delegation two minutes instead of three and close "
    "the list of speakers; delegations not heard may send their remarks to the Secretariat "
    "in writing."
)


def _account(email, *, full_name, role, password, language="en", is_staff=False):
    user, _created = User.objects.get_or_create(email=email)
    user.full_name = full_name
    user.preferred_language = language
    user.is_staff = is_staff
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _person(full_name, **fields):
    person, _created = Person.objects.update_or_create(
        full_name=full_name,
        member_state=fields.pop("member_state", None),
        organization=fields.pop("organization", None),
        defaults=fields,
    )
    return person


def demo_date_default(*, today):
    """Return the first Tuesday, Wednesday or Thursday at least three weeks after ``today``."""
    day = today + datetime.timedelta(weeks=WEEKS_AHEAD)
    while day.weekday() not in MEETING_WEEKDAYS:
        day += datetime.timedelta(days=1)
    return day


def demo_deadlines(*, date, now):
    """Return the meeting's deadlines, days before ``date``; None for one already past.

    A meeting seeded in the past (the tests pin the concept note's date) keeps no
    deadline: registration stays open and no deadline reminder is due.
    """
    tz = zoneinfo.ZoneInfo(TIME_ZONE)
    deadlines = {}
    for field, days in DEADLINES.items():
        day = date - datetime.timedelta(days=days)
        deadline = datetime.datetime.combine(day, DEADLINE_TIME, tzinfo=tz)
        deadlines[field] = deadline if deadline > now else None
    return deadlines


def _move_recorded_times(meeting, *, by):
    """Move what the room and the delegations recorded for the meeting ``by`` a delta.

    The seed moves the meeting to another day; the times held in the console, its log
    and the credentials' dates move with it, so that planned versus actual still reads.
    """
    shifted = [
        (
            SpeakerSlot.objects.filter(segment__meeting=meeting),
            ["actual_start", "qa_started_at", "actual_end", "skipped_at", "delivered_at"],
        ),
        (ClockEvent.objects.filter(meeting=meeting), ["at"]),
        (RoomClock.objects.filter(meeting=meeting), ["run_started_at", "paused_at"]),
        (
            Delegation.objects.filter(meeting=meeting),
            ["submitted_at", "credentials_presented_at", "accredited_at"],
        ),
    ]
    for records, fields in shifted:
        # Plain updates: moving the demo is no editorial change (nor a revision).
        for name in fields:
            records.filter(**{f"{name}__isnull": False}).update(**{name: F(name) + by})


def _planned_end(meeting):
    """Return where the concept note's programme ends: the end of the seeded agenda."""
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    return selectors.agenda_timing(agenda).planned_end.astimezone(meeting.tzinfo).time()


@transaction.atomic
def demo_seed(*, password, date=None):
    """Create or update the demo meeting and its accounts; return the meeting and accounts.

    The meeting is on ``date``, by default a few weeks ahead (``demo_date_default``).
    """
    now = timezone.now()
    if date is None:
        date = demo_date_default(today=timezone.localdate(timezone=zoneinfo.ZoneInfo(TIME_ZONE)))
    # Reference data and roles come from migrations; ensure them again so the demo also
    # seeds a database whose tables were emptied (transactional tests flush them).
    reference_data_load(MemberState, Organization)
    taxonomies_load(Instrument, TargetGroup, Theme, SdgTarget)
    roles_ensure()
    roles_grant_secretariat_permissions()
    states = {state.iso2: state for state in MemberState.objects.filter(iso2__in=SPEAKING_STATES)}
    organizations = {org.acronym: org for org in Organization.objects.all()}

    accounts = [
        _account(
            "secretariat@example.org",
            full_name="Lorena Díaz",
            role=Role.SECRETARIAT,
            password=password,
            is_staff=True,
        ),
        _account(
            "moderator@example.org",
            full_name="Maricarmen Plata",
            role=Role.MODERATOR,
            password=password,
            language="es",
        ),
    ]
    focal_points = {}
    for iso2 in SPEAKING_STATES:
        focal_points[iso2] = _account(
            f"focal.{iso2.lower()}@example.org",
            full_name=FOCAL_POINT_NAMES[iso2],
            role=Role.FOCAL_POINT,
            password=password,
            language="en" if iso2 == "BB" else "es",
        )
    accounts.extend(focal_points.values())

    # The concept note names the office, not the person who holds it.
    chair = _person("Chair of CIDI", position="", preferred_language="en")
    moderator = _person(
        "Maricarmen Plata",
        protocol_title="Ms.",
        grammatical_gender=GrammaticalGender.FEMININE,
        position="Secretary for Access to Rights and Equity, OAS",
        organization=organizations["SARE"],
        email="moderator@example.org",
        preferred_language="es",
        user=accounts[1],
    )

    earlier = Meeting.objects.filter(slug=DEMO_SLUG).values_list("date", flat=True).first()
    meeting, _created = Meeting.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            "title": TITLE,
            "body": Body.CIDI,
            "kind": MeetingKind.REGULAR,
            "document_code": "CIDRP03454E01",
            "date": date,
            "start_time": START,
            "time_zone": TIME_ZONE,
            "venue": "OAS headquarters, Washington, D.C.",
            "format": MeetingFormat.HYBRID,
            "status": MeetingStatus.PUBLISHED,
            "connection_link": "https://meetings.example.org/cidi/social-safety-nets",
            "background": BACKGROUND,
            "purpose": PURPOSE,
            "chair": chair,
            **demo_deadlines(date=date, now=now),
        },
    )
    if earlier is not None and earlier != date:
        _move_recorded_times(meeting, by=date - earlier)
    for order, text in enumerate(EXPECTED_OUTCOMES, start=1):
        ExpectedOutcome.objects.update_or_create(
            meeting=meeting, order=order, defaults={"text": text}
        )

    def segment(order, **fields):
        obj, _created = Segment.objects.update_or_create(
            meeting=meeting, order=order, defaults=fields
        )
        return obj

    part_one = segment(
        1,
        title="Part One: Remarks by high-level social development authorities",
        kind=SegmentKind.HIGH_LEVEL,
        lead=chair,
        description="Presentations limited to a maximum of seven minutes.",
    )
    part_two = segment(
        2,
        title="Part Two: Technical panel",
        kind=SegmentKind.TECHNICAL_PANEL,
        lead=moderator,
        lead_role=LeadRole.MODERATOR,
        description=(
            "Panelists have a maximum of five minutes to present their main ideas and then "
            "two minutes to answer focus questions formulated by the moderator."
        ),
        late_note=PANEL_LATE_NOTE,
    )
    # As the concept note says: after the panel's questions, one interactive dialogue in
    # which the delegations share practices, needs and demands for cooperation, led by
    # the Chair of CIDI.
    segment(
        3,
        title="Dialogue with the delegations, led by the Chair of CIDI",
        kind=SegmentKind.DELEGATIONS_DIALOGUE,
        lead=chair,
        lead_role=LeadRole.CHAIR,
        allotted_minutes=60,
        accepts_floor_requests=True,
        floor_minutes=3,
        description=(
            "The member states participate in an interactive dialogue led by the Chair of "
            "CIDI: they share best practices, needs, potential challenges and opportunities, "
            "and specific demands for hemispheric cooperation."
        ),
        late_note=DIALOGUE_LATE_NOTE,
    )
    # A demo seeded before the dialogue was one part had a fourth part: gone.
    meeting.segments.filter(order__gt=3).delete()

    def slot(seg, order, row, *, role, speaking, qa):
        code, name, position, language = row
        state, org = states.get(code), organizations.get(code)
        person = _person(
            name,
            position=position,
            member_state=state,
            organization=org,
            preferred_language=language,
            # Demo addresses, so that invitations can be tried out (mail goes to var/mail).
            email=f"speaker.{code.lower()}@example.org",
        )
        obj, _created = SpeakerSlot.objects.update_or_create(
            segment=seg,
            order=order,
            defaults={
                "person": person,
                "role": role,
                "representing_state": state,
                "representing_organization": org,
                "speaking_minutes": speaking,
                "qa_minutes": qa,
                "status": SlotStatus.CONFIRMED,
                "floor_language": language,
            },
        )
        return code, obj

    for order, row in enumerate(PART_ONE, start=1):
        slot(part_one, order, row, role=SlotRole.HIGH_AUTHORITY, speaking=7, qa=0)
    panel = dict(
        slot(part_two, order, row, role=SlotRole.PANELIST, speaking=5, qa=2)
        for order, row in enumerate(PART_TWO, start=1)
    )

    for order, text in enumerate(PART_ONE_QUESTIONS, start=1):
        GuidingQuestion.objects.update_or_create(
            segment=part_one, order=order, defaults={"text": text}
        )
    for code_slot in panel.values():
        code_slot.guiding_questions.clear()
    for order, (text, codes) in enumerate(PART_TWO_QUESTIONS, start=1):
        question, _created = GuidingQuestion.objects.update_or_create(
            segment=part_two, order=order, defaults={"text": text}
        )
        for code in codes:
            panel[code].guiding_questions.add(question)

    delegations = {}
    for iso2, user in focal_points.items():
        delegations[iso2], _created = Delegation.objects.update_or_create(
            meeting=meeting,
            member_state=states[iso2],
            defaults={"focal_point": user, "status": DelegationStatus.REGISTERING},
        )
    demo_outcomes_seed(meeting=meeting, delegations=delegations)
    reminder_rules_default(meeting=meeting)
    meeting.end_time = _planned_end(meeting)
    meeting.save(update_fields=["end_time", "updated_at"])
    _translate_content(meeting)
    seed_register(meeting)
    # The second demo: a ministerial meeting of two days, with parallel working groups.
    seed_ministerial(first_meeting=meeting)
    demo_inclusion_seed(first_meeting=meeting)
    return meeting, accounts


def _translate_content(meeting):
    """Give the demo's content its Spanish, French and Portuguese versions.

    Each translated field's English text is looked up in ``DEMO_TRANSLATIONS``; a text
    without a translation is left empty in that language, so that it falls back.
    """

    people = {meeting.chair_id, *meeting.segments.values_list("lead", flat=True)}
    slots = SpeakerSlot.objects.filter(segment__meeting=meeting)
    people |= set(slots.values_list("person", flat=True))
    records = [
        meeting,
        *meeting.segments.all(),
        *GuidingQuestion.objects.filter(segment__meeting=meeting),
        *meeting.expected_outcomes.all(),
        *slots,
        *Person.objects.filter(pk__in=people - {None}),
    ]
    for record in records:
        fields = translator.get_options_for_model(type(record)).fields
        changed = []
        for field in fields:
            english = getattr(record, f"{field}_en") or ""
            for language, texts in DEMO_TRANSLATIONS.items():
                setattr(record, f"{field}_{language}", texts.get(english.strip()) or None)
                changed.append(f"{field}_{language}")
        # A plain update: the demo's translations are not editorial changes.
        type(record).objects.filter(pk=record.pk).update(
            **{name: getattr(record, name) for name in changed}
        )
