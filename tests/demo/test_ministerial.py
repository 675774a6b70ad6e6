"""The second demo meeting: two days of sessions, a lunch break each day, and two working
groups in parallel rooms, in the four languages."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import translation

from agenda import selectors
from agenda.checks import agenda_check
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment
from delegations.models import Delegation
from demo.ministerial import MINISTERIAL_SLUG, ministerial_date_default, seed_ministerial
from speakers.models import Person, SpeakerSlot
from tests.conftest import DEMO_DATE

LANGUAGES = ("en", "es", "fr", "pt")
WG1 = "Working group 1: Social protection systems and crisis response"
WG2 = "Working group 2: Care economy and the inclusion of women and vulnerable groups"


def seed(first_meeting):
    with translation.override("en"):
        return seed_ministerial(first_meeting=first_meeting)


@pytest.fixture
def ministerial(demo_meeting):
    return seed(demo_meeting)


def timing_of(meeting):
    agenda = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    return selectors.agenda_timing(agenda)


def local(moment, meeting):
    return moment.astimezone(meeting.tzinfo).strftime("%Y-%m-%d %H:%M")


def session_named(timing, title):
    return next(s for s in timing.sessions if s.session.title == title)


def test_default_date_is_the_first_tuesday_two_weeks_after_the_first_meeting():
    # The concept note's date, a Thursday: two weeks on is a Thursday, then a Tuesday.
    assert ministerial_date_default(after=DEMO_DATE) == datetime.date(2022, 12, 6)
    assert ministerial_date_default(after=datetime.date(2022, 11, 15)) == datetime.date(
        2022, 11, 29
    )


def test_ministerial_is_a_published_two_day_meeting_of_cidi(ministerial):
    assert ministerial.slug == MINISTERIAL_SLUG
    assert (ministerial.body, ministerial.kind) == ("CIDI", "ministerial")
    assert ministerial.is_published
    assert (ministerial.date, ministerial.end_date) == (
        datetime.date(2022, 12, 6),
        datetime.date(2022, 12, 7),
    )
    assert ministerial.time_zone == "America/Santo_Domingo"
    assert ministerial.start_time == datetime.time(9, 0)
    assert ministerial.document_code == "CIDI/REMDES/doc.1/22"
    assert ministerial.chair.full_name == "Chair of the V REMDES"
    assert ministerial.expected_outcomes.count() == 3
    # Seeded on a past date, as the tests pin it: no deadline is left to pass.
    assert ministerial.registration_deadline is None


def test_ministerial_has_two_sessions_a_day_and_parallel_working_groups(ministerial):
    sessions = MeetingSession.objects.filter(meeting=ministerial).order_by(
        "date", "start_time", "room"
    )

    assert ministerial.session_count == 5
    assert [(s.date.isoformat(), f"{s.start_time:%H:%M}", s.room, s.title) for s in sessions] == [
        (
            "2022-12-06",
            "09:00",
            "Salón Las Américas",
            "First plenary session: Opening and high-level dialogue",
        ),
        ("2022-12-06", "14:00", "Sala Juan Pablo Duarte", WG1),
        ("2022-12-06", "14:00", "Sala Salomé Ureña", WG2),
        (
            "2022-12-07",
            "09:00",
            "Salón Las Américas",
            "Second plenary session: Reports of the working groups and inter-American cooperation",
        ),
        (
            "2022-12-07",
            "14:00",
            "Salón Las Américas",
            "Closing plenary session: Adoption of the Declaration of Santo Domingo",
        ),
    ]


def test_planned_times_are_the_programme_s(ministerial):
    timing = timing_of(ministerial)

    planned = [
        (local(s.planned_start, ministerial), local(s.planned_end, ministerial))
        for s in timing.sessions
    ]
    assert planned == [
        ("2022-12-06 09:00", "2022-12-06 14:00"),
        ("2022-12-06 14:00", "2022-12-06 16:30"),
        ("2022-12-06 14:00", "2022-12-06 16:30"),
        ("2022-12-07 09:00", "2022-12-07 14:00"),
        ("2022-12-07 14:00", "2022-12-07 15:15"),
    ]
    # Each session's planned end is where its programme ends.
    assert [s.session.end_time for s in timing.sessions] == [
        datetime.time(14, 0),
        datetime.time(16, 30),
        datetime.time(16, 30),
        datetime.time(14, 0),
        datetime.time(15, 15),
    ]
    assert [s.overrun_minutes for s in timing.sessions] == [0, 0, 0, 0, 0]
    first_day = [
        (part.planned_start.astimezone(ministerial.tzinfo).strftime("%H:%M"), part.segment.title)
        for part in timing.sessions[0].segments
    ]
    assert first_day == [
        ("09:00", "Opening session"),
        ("09:30", "Election of the Chair and adoption of the agenda"),
        ("09:45", "High-level dialogue: Remarks by the heads of delegation"),
        ("10:45", "Coffee break"),
        ("11:00", "Ministerial dialogue: Priorities for regional cooperation"),
        ("12:30", "Lunch break"),
    ]
    working_group = [
        (part.planned_start.astimezone(ministerial.tzinfo).strftime("%H:%M"), part.segment.title)
        for part in session_named(timing, WG2).segments
    ]
    assert working_group == [
        ("14:00", "Panel: Care systems and women's economic autonomy"),
        ("14:40", "Interactive dialogue with the delegations"),
        ("15:40", "Coffee break"),
        ("16:00", "Conclusions and recommendations of the working group"),
    ]
    heads = timing.sessions[0].segments[2].slots
    assert [local(slot.planned_start, ministerial)[-5:] for slot in heads] == [
        "09:45",
        "09:52",
        "09:59",
        "10:06",
        "10:13",
        "10:20",
        "10:27",
        "10:34",
    ]


def test_the_working_groups_overlap_in_time_in_different_rooms(ministerial):
    timing = timing_of(ministerial)
    first, second = session_named(timing, WG1), session_named(timing, WG2)

    assert first.session.room != second.session.room
    assert first.planned_start < second.planned_end
    assert second.planned_start < first.planned_end
    assert timing.has_parallel_sessions


def test_the_working_groups_have_a_moderator_speakers_with_limits_and_questions(ministerial):
    timing = timing_of(ministerial)

    for title, moderator, speakers in [
        (WG1, "Maricarmen Plata", ["Mexico", "Uruguay", "Chile", "ECLAC"]),
        (
            WG2,
            "Representative of the Inter-American Commission of Women",
            ["Barbados", "Panama", "Costa Rica", "Colombia"],
        ),
    ]:
        session = session_named(timing, title)
        panel = session.segments[0]
        assert session.session.chair.full_name == moderator
        assert (panel.segment.lead.full_name, panel.segment.lead_role) == (moderator, "moderator")
        assert [s.slot.representing_label for s in panel.slots] == speakers
        assert {(s.slot.speaking_minutes, s.slot.qa_minutes) for s in panel.slots} == {(7, 3)}
        questions = panel.segment.guiding_questions.order_by("order")
        assert len(panel.general_questions) == 1
        assert [q.addressed_slots.count() for q in questions] == [0, 1, 3]
    people = {
        title: {
            s.slot.person_id for part in session_named(timing, title).segments for s in part.slots
        }
        for title in (WG1, WG2)
    }
    assert not people[WG1] & people[WG2]


def test_each_day_has_a_lunch_break_and_the_meeting_a_coffee_break(ministerial):
    breaks = Segment.objects.filter(meeting=ministerial, kind="break").select_related("session")

    lunches = [
        (b.session.date.isoformat(), b.allotted_minutes) for b in breaks if b.title == "Lunch break"
    ]
    assert lunches == [("2022-12-06", 90), ("2022-12-07", 90)]
    assert sum(b.title == "Coffee break" for b in breaks) == 4


def test_the_plenaries_hear_heads_of_delegation_and_adopt_a_declaration(ministerial):
    timing = timing_of(ministerial)

    high_level = timing.sessions[0].segments[2]
    assert high_level.segment.kind == "high_level"
    assert [s.slot.representing_label for s in high_level.slots] == [
        "Panama",
        "Barbados",
        "Uruguay",
        "Chile",
        "Colombia",
        "Guatemala",
        "Jamaica",
        "Canada",
    ]
    assert {s.slot.role for s in high_level.slots} == {"high_authority"}
    closing = [part.segment.title for part in timing.sessions[-1].segments]
    assert closing == [
        "Adoption of the Declaration of Santo Domingo",
        "Place and date of the Sixth Meeting",
        "Closing session",
    ]


def test_agenda_check_passes(ministerial):
    timing = agenda_check(meeting=ministerial)

    assert len(timing.sessions) == 5


def test_every_text_is_written_in_the_four_languages(ministerial):
    records = [
        (ministerial, ["title", "background", "purpose", "venue"]),
        *[(s, ["title"]) for s in MeetingSession.objects.filter(meeting=ministerial)],
        *[(s, ["title"]) for s in Segment.objects.filter(meeting=ministerial)],
        *[
            (s, ["description"])
            for s in Segment.objects.filter(meeting=ministerial).exclude(kind="break")
        ],
        *[(q, ["text"]) for q in GuidingQuestion.objects.filter(segment__meeting=ministerial)],
        *[(o, ["text"]) for o in ExpectedOutcome.objects.filter(meeting=ministerial)],
        # People named by their office; a proper name (the moderator's) stays as written.
        *[
            (p, ["full_name"])
            for p in Person.objects.filter(slots__segment__meeting=ministerial)
            .exclude(full_name_en="Maricarmen Plata")
            .distinct()
        ],
    ]

    missing = [
        (str(record), f"{name}_{language}")
        for record, names in records
        for name in names
        for language in LANGUAGES
        if not getattr(record, f"{name}_{language}")
    ]
    assert missing == []
    assert len(records) > 60


def test_the_meeting_reads_in_spanish(ministerial):
    session = MeetingSession.objects.get(meeting=ministerial, room="Sala Juan Pablo Duarte")
    lunch = Segment.objects.filter(meeting=ministerial, kind="break").last()

    with translation.override("es"):
        assert session.title == (
            "Grupo de trabajo 1: Sistemas de protección social y respuesta a las crisis"
        )
        assert lunch.title == "Pausa para el almuerzo"
        assert Meeting.objects.get(pk=ministerial.pk).title.startswith(
            "Quinta Reunión de Ministros y Altas Autoridades de Desarrollo Social"
        )


def people_on_agenda(meeting):
    return Person.objects.filter(
        Q(chaired_meetings=meeting)
        | Q(chaired_sessions__meeting=meeting)
        | Q(led_segments__meeting=meeting)
        | Q(slots__segment__meeting=meeting)
    ).distinct()


def test_the_ministerial_reuses_the_first_meeting_s_people_and_delegations(
    ministerial, demo_meeting
):
    first = set(people_on_agenda(demo_meeting))
    ministerial_people = set(people_on_agenda(ministerial))

    # Six heads of delegation, the CIM's representative and the meeting's chair are new.
    assert sorted(
        (p.full_name, p.member_state_id and p.member_state.iso2) for p in ministerial_people - first
    ) == [
        ("Chair of the V REMDES", None),
        ("High authority of Employment and Social Development Canada", "CA"),
        ("High authority of the Administrative Department for Social Prosperity", "CO"),
        ("High authority of the Ministry of Labour and Social Security", "JM"),
        ("High authority of the Ministry of Social Development", "GT"),
        ("High authority of the Ministry of Social Development and Family", "CL"),
        ("High authority of the National Women's Institute", "CR"),
        ("Representative of the Inter-American Commission of Women", None),
    ]
    # Everyone of the first meeting speaks, chairs or moderates at the ministerial too.
    assert first <= ministerial_people
    duplicates = (
        Person.objects.values("full_name_en", "member_state", "organization")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
    )
    assert list(duplicates) == []
    delegations = Delegation.objects.filter(meeting=ministerial).values_list(
        "member_state__iso2", "focal_point__email"
    )
    assert sorted(delegations) == sorted(
        Delegation.objects.filter(meeting=demo_meeting).values_list(
            "member_state__iso2", "focal_point__email"
        )
    )
    # The first meeting stays a meeting of one sitting.
    demo_meeting.refresh_from_db()
    assert not demo_meeting.has_sessions


def counts():
    return [
        model.objects.count()
        for model in (
            Meeting,
            MeetingSession,
            Segment,
            SpeakerSlot,
            GuidingQuestion,
            ExpectedOutcome,
            Person,
            Delegation,
        )
    ]


def test_seeding_both_demos_again_adds_nothing(ministerial):
    before = counts()
    session_ids = sorted(
        MeetingSession.objects.filter(meeting=ministerial).values_list("pk", flat=True)
    )

    call_command("seed_demo", force=True, date=DEMO_DATE, stdout=io.StringIO())
    again = seed(Meeting.objects.get(slug="social-safety-nets"))

    assert counts() == before
    assert sorted(again.sessions.values_list("pk", flat=True)) == session_ids
    assert again.date == datetime.date(2022, 12, 6)
    agenda_check(meeting=again)


def test_seeding_on_another_date_moves_every_session(ministerial, demo_meeting):
    moved = seed_ministerial(first_meeting=demo_meeting, date=datetime.date(2031, 3, 11))

    timing = timing_of(moved)
    assert (moved.date, moved.end_date) == (datetime.date(2031, 3, 11), datetime.date(2031, 3, 12))
    assert moved.document_code == "CIDI/REMDES/doc.1/31"
    assert timing.sessions[0].planned_start.isoformat() == "2031-03-11T09:00:00-04:00"
    assert timing.sessions[-1].planned_end.isoformat() == "2031-03-12T15:15:00-04:00"
    assert MeetingSession.objects.filter(meeting=moved).count() == 5


def test_seeding_again_brings_an_edited_programme_back(ministerial, demo_meeting):
    before = counts()
    wg1 = MeetingSession.objects.get(meeting=ministerial, room="Sala Juan Pablo Duarte")
    MeetingSession.objects.filter(pk=wg1.pk).update(room="Sala Duarte", title_fr="")
    SpeakerSlot.objects.filter(segment__session=wg1, order=1).update(speaking_minutes=12)
    GuidingQuestion.objects.filter(segment__session=wg1).order_by("order").last().delete()
    SpeakerSlot.guiding_questions.through.objects.filter(
        speakerslot__segment__meeting=ministerial
    ).delete()

    seed(demo_meeting)

    wg1.refresh_from_db()
    assert (wg1.room, wg1.title_fr) == (
        "Sala Juan Pablo Duarte",
        "Groupe de travail 1 : systèmes de protection sociale et réponse aux crises",
    )
    assert counts() == before
    panel = Segment.objects.filter(session=wg1).order_by("order").first()
    assert [s.speaking_minutes for s in panel.slots.order_by("order")] == [7, 7, 7, 7]
    addressed = [
        sorted(s.label for s in q.addressed_slots.all())
        for q in panel.guiding_questions.order_by("order")
    ]
    assert addressed == [[], ["ECLAC"], ["Chile", "Mexico", "Uruguay"]]
    agenda_check(meeting=ministerial)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Working group 2: Care economy and the inclusion of women and vulnerable groups"),
        ("es", "Grupo de trabajo 2: Economía del cuidado e inclusión de las mujeres"),
        ("fr", "Groupe de travail 2 : économie des soins et inclusion des femmes"),
        ("pt", "Grupo de trabalho 2: economia do cuidado e inclusão das mulheres"),
    ],
)
def test_the_meeting_page_shows_the_sessions_in_each_language(client, ministerial, language, title):
    prefix = "" if language == "en" else f"/{language}"

    response = client.get(f"{prefix}/meetings/{MINISTERIAL_SLUG}/")

    assert response.status_code == 200
    assert title in response.content.decode()


def test_the_meeting_s_calendar_is_served(client, ministerial):
    response = client.get(f"/meetings/{MINISTERIAL_SLUG}/agenda.ics")

    assert response.status_code == 200
    # Long lines of a calendar are folded: a line break and a space continue them.
    unfolded = response.content.decode().replace("\r\n ", "")
    assert "Sala Salomé Ureña" in unfolded
