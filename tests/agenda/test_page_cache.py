"""The meeting's public page is served from the cache, and every edit shows at once.

Each test reads the page twice as a visitor (the second read comes from the cache: fewer
queries), makes one kind of edit the way the portal makes it, and reads again: the edit
is on the very next page.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from agenda import services
from agenda.models import ExpectedOutcome, GuidingQuestion, Segment
from delegations import services as delegation_services
from delegations.models import Delegation, DelegationMember
from live import services as live_services
from live.models import ClockAction
from speakers.models import Person, SpeakerSlot
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db


def read(client, meeting, language="en"):
    with translation.override(language):
        url = meeting.get_absolute_url()
    connection.queries_log.clear()  # a full log (9,000 queries of the seed) counts nothing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def cached_page(client, demo_meeting):
    """Read the demo meeting's page twice; the second read must come from the cache."""
    _first, missed = read(client, demo_meeting)
    page, hit = read(client, demo_meeting)
    assert hit < missed
    return page


def agenda_order(page, names):
    """Return ``names`` in the order the page's agenda writes them."""
    start = page.index('id="agenda-heading"')
    return sorted(names, key=lambda name: page.index(name, start))


def test_a_cache_hit_does_not_load_the_agenda(client, demo_meeting):
    read(client, demo_meeting)

    with CaptureQueriesContext(connection) as queries:
        client.get(demo_meeting.get_absolute_url())

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "speakers_speakerslot" in tables  # the live state's one query
    assert "agenda_guidingquestion" not in tables
    assert "agenda_expectedoutcome" not in tables


def test_a_slot_moved_shows_at_once(client, cached_page, demo_meeting):
    first, second = SpeakerSlot.objects.filter(
        segment__meeting=demo_meeting, representing_state__isnull=False
    ).order_by("segment__order", "order")[:2]
    assert first.segment_id == second.segment_id
    names = [first.representing_label, second.representing_label]
    assert agenda_order(cached_page, names) == names

    services.slot_move(slot=first, direction="down")

    page, _queries = read(client, demo_meeting)
    assert agenda_order(page, names) == list(reversed(names))


def test_a_new_start_time_shows_at_once(client, cached_page, demo_meeting):
    assert "09:00" in cached_page or demo_meeting.start_time != datetime.time(9, 0)

    services.meeting_update(
        meeting=demo_meeting,
        data={"start_time": datetime.time(9, 30)},
        expected_version=demo_meeting.version,
    )

    page, _queries = read(client, demo_meeting)
    assert '<time datetime="' in page
    assert "T09:30:00" in page
    assert page != cached_page


def test_minutes_changed_move_every_later_clock_time(client, cached_page, demo_meeting):
    first = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).order_by(
        "segment__order", "order"
    )[0]

    services.slot_update(
        slot=first,
        data={"speaking_minutes": first.speaking_minutes + 10},
        expected_version=first.version,
    )

    page, _queries = read(client, demo_meeting)
    assert page != cached_page
    assert "10 minutes" in page or f"{first.speaking_minutes + 10}" in page


def test_a_question_edited_shows_at_once(client, cached_page, demo_meeting):
    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()

    services.question_update(
        question=question,
        text="What did the pandemic teach the social protection systems?",
        expected_version=question.version,
    )

    page, _queries = read(client, demo_meeting)
    assert "What did the pandemic teach the social protection systems?" in page


def test_a_question_put_to_one_speaker_shows_at_once(client, cached_page, demo_meeting):
    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()
    slot = SpeakerSlot.objects.filter(segment=question.segment).last()

    services.question_update(
        question=question,
        text=question.text,
        expected_version=question.version,
        addressed_slots=[slot],
    )

    page, _queries = read(client, demo_meeting)
    assert f"<strong>{slot.label}:</strong>" in page


def test_a_translation_edited_shows_at_once(client, demo_meeting):
    segment = Segment.objects.filter(meeting=demo_meeting).first()
    read(client, demo_meeting, "es")
    before, _queries = read(client, demo_meeting, "es")

    with translation.override("es"):
        segment.title_es = "Parte uno: palabras de las altas autoridades (revisada)"
        segment.save(update_fields=["title_es"])

    page, _queries = read(client, demo_meeting, "es")
    assert "Parte uno: palabras de las altas autoridades (revisada)" not in before
    assert "Parte uno: palabras de las altas autoridades (revisada)" in page


def test_a_speaker_renamed_in_the_directory_shows_at_once(client, cached_page, demo_meeting):
    slots = SpeakerSlot.objects.filter(segment__meeting=demo_meeting, person__isnull=False)
    person = slots[0].person
    person.full_name = "Ana Lucía Ríos de Obaldía"
    person.save()

    page, _queries = read(client, demo_meeting)
    assert "Ana Lucía Ríos de Obaldía" in page


def test_a_member_renamed_by_the_delegation_shows_on_the_agenda_at_once(
    client, cached_page, demo_meeting
):
    """The delegation's page renames the member's speaker record with ``update()``."""
    slot = SpeakerSlot.objects.filter(
        segment__meeting=demo_meeting, representing_state__isnull=False, person__isnull=False
    ).first()
    delegation = Delegation.objects.get(meeting=demo_meeting, member_state=slot.representing_state)
    member = DelegationMember.objects.create(
        delegation=delegation,
        order=9,
        full_name=slot.person.full_name,
        role="alternate",
        person=slot.person,
    )

    delegation_services.member_update(
        member=member,
        data={"full_name": "Ana Ríos Castillo"},
        expected_version=member.version,
        by_secretariat=True,
    )

    assert Person.objects.get(pk=slot.person_id).full_name == "Ana Ríos Castillo"
    page, _queries = read(client, demo_meeting)
    assert "Ana Ríos Castillo" in page


def test_the_live_clock_pressed_shows_at_once(client, cached_page, demo_meeting):
    assert 'data-testid="live-forecast"' not in cached_page

    live_services.clock_press(meeting=demo_meeting, action=ClockAction.START)

    page, _queries = read(client, demo_meeting)
    assert 'data-testid="live-forecast"' in page
    assert "speaking now" in page


def test_a_chairs_summary_recorded_shows_at_once(client, cached_page, demo_meeting):
    outcome = ExpectedOutcome.objects.filter(meeting=demo_meeting).first()
    record = outcome.record if hasattr(outcome, "record") else None
    if record is None:
        from outcomes.models import OutcomeRecord

        record = OutcomeRecord(expected_outcome=outcome)
    record.chair_summary = "<p>The delegations agreed to share their registries.</p>"
    record.save()

    page, _queries = read(client, demo_meeting)
    assert "The delegations agreed to share their registries." in page


def test_each_language_has_its_own_copy(client, demo_meeting):
    english, _queries = read(client, demo_meeting, "en")
    spanish, _queries = read(client, demo_meeting, "es")

    assert 'lang="es"' in spanish[:200]
    assert "Agenda" in english
    assert "Orden del día" in spanish or "Programa" in spanish


def test_the_secretariats_copy_is_never_served_to_a_reader(client, demo_meeting):
    """The secretariat's copy marks missing translations; a reader's never does."""
    segment = Segment.objects.filter(meeting=demo_meeting).first()
    segment.title_fr = ""
    segment.save(update_fields=["title_fr"])
    staff = type(client)()
    staff.force_login(secretariat_user())
    staff_page, _queries = read(staff, demo_meeting, "fr")

    reader_page, _queries = read(client, demo_meeting, "fr")

    assert "version manquante" in staff_page or "manquante" in staff_page
    assert "manquante" not in reader_page


def test_the_calendar_is_cached_and_follows_an_edit_at_once(client, demo_meeting):
    url = f"/meetings/{demo_meeting.slug}/agenda.ics"
    connection.queries_log.clear()  # a full log (9,000 queries of the seed) counts nothing
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url).content.decode()
    missed = len(queries)  # now: the next request empties the log
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    hit = len(queries)
    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()

    services.question_update(
        question=question,
        text="Which registries reached the informal workers first?",
        expected_version=question.version,
    )

    after = client.get(url).content.decode()
    assert hit < missed
    assert again == first
    assert "Which registries reached the informal workers first?" not in first
    assert "Which registries reached the informal workers first?" in after.replace("\r\n ", "")
