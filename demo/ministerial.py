"""The second demo meeting: a two-day ministerial meeting of sessions and parallel rooms.

In the spirit of the Fifth Meeting of Ministers and High Authorities of Social
Development (V REMDES), which the Dominican Republic is to host: two days in Santo
Domingo, a plenary each morning, two working groups in parallel rooms on the first
afternoon, a lunch break each day, and a closing plenary that adopts a declaration. It
reuses the people, member states and focal points of the first demo meeting
(``demo.seed``) and adds only the heads of delegation and officers it lacks.

The programme lies in ``data/ministerial.json`` with every text in English and, under
``texts``, in Spanish, French and Portuguese (texts the first demo has come from
``data/translations.json``). ``seed_ministerial`` creates the meeting or brings it in
line with the programme, writing only what differs: seeding again adds nothing.
"""

import datetime
import json
import zoneinfo

from django.db import transaction
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import bulk_create_with_history

from agenda import revision
from agenda.checks import agenda_check
from agenda.enums import Body, LeadRole, MeetingFormat, MeetingKind, MeetingStatus
from agenda.models import ExpectedOutcome, GuidingQuestion, Meeting, MeetingSession, Segment
from agenda.sessions import count_sessions
from delegations.enums import DelegationStatus
from delegations.models import Delegation, MemberState, Organization
from delegations.reference import member_state_language
from demo.translations import DATA, LANGUAGES, translations_load
from speakers.enums import SlotStatus
from speakers.models import Person, SpeakerSlot

MINISTERIAL_SLUG = "remdes-v"
PROGRAMME_DATA = DATA.with_name("ministerial.json")
# The host of V REMDES is the Dominican Republic: the meeting keeps Santo Domingo's time.
TIME_ZONE = "America/Santo_Domingo"
# The ministerial begins on the first Tuesday at least two weeks after the first demo
# meeting (which the concept note's dialogue prepares), and lasts two days.
DAYS_AFTER = 14
FIRST_WEEKDAY = 1
ORGANIZATIONS = ("CIM", "ECLAC", "SARE")
# Days before the meeting each deadline falls, at 18:00 in its time zone, as for the first
# demo meeting (``demo.seed.DEADLINES``, not imported: ``demo.seed`` calls this module).
DEADLINES = {
    "practice_deadline": 17,
    "speaker_confirmation_deadline": 14,
    "registration_deadline": 10,
}
DEADLINE_TIME = datetime.time(18, 0)

PROGRAMME = json.loads(PROGRAMME_DATA.read_text(encoding="utf-8"))
TRANSLATIONS = {
    language: {**texts, **translations_load(PROGRAMME_DATA)[language]}
    for language, texts in translations_load().items()
}


def translated(name, english):
    """Return the columns of a translated field: ``{name}``, ``{name}_en`` to ``{name}_pt``.

    The untranslated column comes first with the English text, as modeltranslation keeps
    the default language there. Raises KeyError for an English text without its
    translations, so that no text of the programme falls back to English unnoticed.
    """
    english = english.strip()
    columns = {name: english, f"{name}_en": english}
    for language in LANGUAGES:
        columns[f"{name}_{language}"] = TRANSLATIONS[language][english] if english else ""
    return columns


def ministerial_date_default(*, after):
    """Return the first day of the ministerial: the first Tuesday two weeks after ``after``."""
    day = after + datetime.timedelta(days=DAYS_AFTER)
    while day.weekday() != FIRST_WEEKDAY:
        day += datetime.timedelta(days=1)
    return day


def _deadlines(date, now):
    """Return the meeting's deadlines as the first demo's are set; None for one past."""
    tz = zoneinfo.ZoneInfo(TIME_ZONE)
    deadlines = {}
    for name, days in DEADLINES.items():
        day = date - datetime.timedelta(days=days)
        deadline = datetime.datetime.combine(day, DEADLINE_TIME, tzinfo=tz)
        deadlines[name] = deadline if deadline > now else None
    return deadlines


def _clock(text):
    return datetime.time.fromisoformat(text)


def _is_state(key):
    return len(key) == 2 and key.isupper()


class Writes:
    """Make stored rows what the programme says, writing only what differs.

    The demo is seeded by many tests: new rows are created in bulk (with their history,
    for the models that keep one), and a stored row is saved only when one of its values
    changed, so that seeding again costs a few reads. Bulk writes send no signals: the
    caller counts the sessions and raises the agenda's revision once (``changed``).
    """

    def __init__(self):
        self.changed = False

    def sync(self, model, stored, planned, *, delete=True):
        """Return ``{key: row}`` for ``planned`` (``{key: field values}``).

        ``stored`` maps keys to the rows already there; with ``delete``, a stored row
        not planned is deleted.
        """
        base_names = set(_translated_fields(model))
        rows, new = {}, []
        for key, values in planned.items():
            row = stored.get(key)
            if row is None:
                row = model(**values)
                new.append(row)
            elif any(
                getattr(row, name) != value
                for name, value in values.items()
                if name not in base_names
            ):
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
                self.changed = True
            rows[key] = row
        if new:
            if hasattr(model, "history"):
                bulk_create_with_history(new, model)
            else:
                model.objects.bulk_create(new)
            self.changed = True
        if delete:
            self.delete(row for key, row in stored.items() if key not in planned)
        return rows

    def delete(self, rows):
        for row in rows:
            row.delete()
            self.changed = True


def _translated_fields(model):
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


def _people(writes, first_meeting, organizations):
    """Return the people of the programme by key: a state's or body's code, or a role.

    The first meeting's people are reused as they are; only those it lacks are added
    (found again by name, state and organization, as ``demo.seed`` finds its own).
    """
    cast = {"cidi": first_meeting.chair}
    first_slots = SpeakerSlot.objects.filter(segment__meeting=first_meeting).select_related(
        "person", "representing_state", "representing_organization"
    )
    for slot in first_slots:
        if slot.representing_state_id:
            cast[slot.representing_state.iso2] = slot.person
        elif slot.representing_organization_id:
            cast[slot.representing_organization.acronym] = slot.person
    moderated = first_meeting.segments.filter(lead_role=LeadRole.MODERATOR).select_related("lead")
    cast["SARE"] = moderated.first().lead

    new_people = PROGRAMME["people"]
    states = MemberState.objects.in_bulk(
        [person["member_state"] for person in new_people if "member_state" in person],
        field_name="iso2",
    )
    planned = {}
    for person in new_people:
        state = states.get(person.get("member_state"))
        organization = organizations.get(person.get("organization"))
        planned[person["key"]] = {
            **translated("full_name", person["full_name"]),
            **translated("position", person["position"]),
            "member_state_id": state.pk if state else None,
            "organization_id": organization.pk if organization else None,
            "preferred_language": person.get("preferred_language")
            or member_state_language(state.iso2),
            "email": f"speaker.{person['key'].lower()}@example.org",
        }
    identities = {
        (values["full_name_en"], values["member_state_id"], values["organization_id"]): key
        for key, values in planned.items()
    }
    names = {values["full_name_en"] for values in planned.values()}
    stored = {}
    for person in Person.objects.filter(full_name_en__in=names).order_by("pk"):
        key = identities.get((person.full_name_en, person.member_state_id, person.organization_id))
        if key is not None:
            stored.setdefault(key, person)
    cast.update(writes.sync(Person, stored, planned, delete=False))
    return cast


def _meeting(writes, date, chair, now):
    texts = PROGRAMME["meeting"]
    values = {
        **translated("title", texts["title"]),
        **translated("background", texts["background"]),
        **translated("purpose", texts["purpose"]),
        **translated("venue", texts["venue"]),
        "slug": MINISTERIAL_SLUG,
        "body": Body.CIDI,
        "kind": MeetingKind.MINISTERIAL,
        # REMDES documents are numbered CIDI/REMDES/doc.N/YY; the agenda is document 1.
        "document_code": f"CIDI/REMDES/doc.1/{date:%y}",
        "date": date,
        "end_date": date + datetime.timedelta(days=1),
        "start_time": _clock(PROGRAMME["sessions"][0]["start"]),
        # Each session has its own planned end; the meeting's would be read on its first
        # day (``Meeting.ends_at``).
        "end_time": None,
        "time_zone": TIME_ZONE,
        "format": MeetingFormat.HYBRID,
        "status": MeetingStatus.PUBLISHED,
        "connection_link": "https://meetings.example.org/cidi/remdes-v",
        "chair_id": chair.pk,
        **_deadlines(date, now),
    }
    stored = Meeting.objects.filter(slug=MINISTERIAL_SLUG).first()
    return writes.sync(Meeting, {0: stored} if stored else {}, {0: values}, delete=False)[0]


def _parts(meeting, sessions, cast):
    """Return the planned parts by order, each with its session and lead."""
    planned, order = {}, 0
    for index, sitting in enumerate(PROGRAMME["sessions"]):
        for part in sitting["parts"]:
            order += 1
            planned[order] = {
                **translated("title", part["title"]),
                **translated("description", part.get("description", "")),
                **translated("late_note", part.get("late_note", "")),
                "meeting_id": meeting.pk,
                "order": order,
                "session_id": sessions[index].pk,
                "kind": part["kind"],
                "lead_id": cast[part["lead"]].pk if "lead" in part else None,
                "lead_role": part.get("lead_role", LeadRole.CHAIR),
                "allotted_minutes": part.get("allotted_minutes"),
                "accepts_floor_requests": "floor_minutes" in part,
                "floor_minutes": part.get("floor_minutes", 3),
            }
    return planned


def _slots_and_questions(segments, cast, states, organizations):
    """Return the planned slots, questions and addresses (part, question, slot orders)."""
    slots, questions, addressed = {}, {}, set()
    parts = [part for sitting in PROGRAMME["sessions"] for part in sitting["parts"]]
    for order, part in enumerate(parts, start=1):
        segment_id = segments[order].pk
        speakers = [slot["who"] for slot in part.get("slots", [])]
        for slot_order, slot in enumerate(part.get("slots", []), start=1):
            person = cast[slot["who"]]
            state, organization = states.get(slot["who"]), organizations.get(slot["who"])
            slots[(segment_id, slot_order)] = {
                "segment_id": segment_id,
                "order": slot_order,
                "person_id": person.pk,
                "role": slot["role"],
                "representing_state_id": state.pk if state else None,
                "representing_organization_id": organization.pk if organization else None,
                "speaking_minutes": slot["speaking_minutes"],
                "qa_minutes": slot["qa_minutes"],
                "status": SlotStatus.CONFIRMED,
                # A state's speaker takes the floor in its language, anyone else in theirs.
                "floor_language": member_state_language(state.iso2)
                if state
                else person.preferred_language,
            }
        for question_order, question in enumerate(part.get("questions", []), start=1):
            questions[(segment_id, question_order)] = {
                "segment_id": segment_id,
                "order": question_order,
                **translated("text", question["text"]),
            }
            addressed |= {
                (segment_id, question_order, speakers.index(who) + 1)
                for who in question["addressed_to"]
            }
    return slots, questions, addressed


def _address(writes, meeting, wanted):
    """Address the guiding questions to the slots of ``wanted`` (slot id, question id)."""
    through = SpeakerSlot.guiding_questions.through
    stored = through.objects.filter(speakerslot__segment__meeting=meeting)
    have = set(stored.values_list("speakerslot_id", "guidingquestion_id"))
    for slot_id, question_id in have - wanted:
        stored.filter(speakerslot_id=slot_id, guidingquestion_id=question_id).delete()
        writes.changed = True
    if wanted - have:
        through.objects.bulk_create(
            through(speakerslot_id=slot_id, guidingquestion_id=question_id)
            for slot_id, question_id in sorted(wanted - have)
        )
        writes.changed = True


@transaction.atomic
def seed_ministerial(*, first_meeting, date=None):
    """Create or update the ministerial demo meeting; return it.

    ``first_meeting`` is the concept note's meeting (``demo.seed.demo_seed``), whose
    people, member states and focal points the ministerial reuses. The meeting begins on
    ``date``, by default the first Tuesday two weeks after the first meeting. Side
    effects, when anything was written: the meeting's sessions are counted and its
    agenda revision raised, and the agenda is checked (``agenda.checks``).
    """
    if date is None:
        date = ministerial_date_default(after=first_meeting.date)
    writes = Writes()
    organizations = Organization.objects.in_bulk(ORGANIZATIONS, field_name="acronym")
    cast = _people(writes, first_meeting, organizations)
    states = MemberState.objects.in_bulk([key for key in cast if _is_state(key)], field_name="iso2")
    meeting = _meeting(writes, date, cast["chair"], timezone.now())

    writes.sync(
        ExpectedOutcome,
        {outcome.order: outcome for outcome in meeting.expected_outcomes.all()},
        {
            order: {"meeting_id": meeting.pk, "order": order, **translated("text", text)}
            for order, text in enumerate(PROGRAMME["meeting"]["expected_outcomes"], start=1)
        },
    )
    # Sessions are matched to the stored ones in the order they were created; one left
    # over goes only once its parts are elsewhere (they protect it).
    sittings = PROGRAMME["sessions"]
    stored_sessions = dict(enumerate(MeetingSession.objects.filter(meeting=meeting).order_by("pk")))
    sessions = writes.sync(
        MeetingSession,
        stored_sessions,
        {
            index: {
                **translated("title", sitting["title"]),
                "meeting_id": meeting.pk,
                "date": date + datetime.timedelta(days=sitting["day"]),
                "start_time": _clock(sitting["start"]),
                "end_time": _clock(sitting["end"]),
                "room": sitting["room"],
                "chair_id": cast[sitting["chair"]].pk if "chair" in sitting else None,
            }
            for index, sitting in enumerate(sittings)
        },
        delete=False,
    )
    segments = writes.sync(
        Segment, {s.order: s for s in meeting.segments.all()}, _parts(meeting, sessions, cast)
    )
    planned_slots, planned_questions, addressed = _slots_and_questions(
        segments, cast, states, organizations
    )
    stored_slots = SpeakerSlot.objects.filter(segment__meeting=meeting)
    slots = writes.sync(
        SpeakerSlot, {(s.segment_id, s.order): s for s in stored_slots}, planned_slots
    )
    stored_questions = GuidingQuestion.objects.filter(segment__meeting=meeting)
    questions = writes.sync(
        GuidingQuestion, {(q.segment_id, q.order): q for q in stored_questions}, planned_questions
    )
    wanted = {
        (slots[(segment_id, slot)].pk, questions[(segment_id, question)].pk)
        for segment_id, question, slot in addressed
    }
    _address(writes, meeting, wanted)
    writes.delete(row for index, row in stored_sessions.items() if index >= len(sittings))

    writes.sync(
        Delegation,
        {d.member_state_id: d for d in Delegation.objects.filter(meeting=meeting)},
        {
            delegation.member_state_id: {
                "meeting_id": meeting.pk,
                "member_state_id": delegation.member_state_id,
                "focal_point_id": delegation.focal_point_id,
                "status": DelegationStatus.REGISTERING,
            }
            for delegation in Delegation.objects.filter(meeting=first_meeting)
        },
    )
    if writes.changed:
        count_sessions([meeting.pk])
        revision.bump([meeting.pk])
        meeting.refresh_from_db()
        # The programme keeps every rule an edit of the secretariat keeps (no overlap in a
        # room, nobody in two rooms at once, each sitting ends before midnight).
        agenda_check(meeting=meeting)
    return meeting
