import pytest

from agenda.models import Meeting, Segment
from speakers.models import Person, SpeakerSlot
from tests.agenda.test_views import build_agenda, count_page_queries
from tests.factories import MeetingFactory, meeting_with_parts, secretariat_user, user_with_role

HTMX = {"HTTP_HX_REQUEST": "true"}


def editor_url(meeting, suffix=""):
    return f"/secretariat/meetings/{meeting.slug}/{suffix}"


@pytest.fixture
def secretariat_client(db, client):
    client.force_login(secretariat_user())
    return client


def slot_form_data(slot, **changes):
    data = {
        "segment": slot.segment_id,
        "person": slot.person_id,
        "role": slot.role,
        "representing_state": slot.representing_state_id or "",
        "representing_organization": slot.representing_organization_id or "",
        "speaking_minutes": slot.speaking_minutes,
        "qa_minutes": slot.qa_minutes,
        "status": slot.status,
        "floor_language": slot.floor_language,
        "attendance": slot.attendance,
        "cue_notes": slot.cue_notes,
        "version": slot.version,
    }
    data.update(changes)
    return data


def test_editor_shows_the_agenda_with_clock_times(secretariat_client, demo_meeting):
    response = secretariat_client.get(editor_url(demo_meeting))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Part One: Remarks by high-level social development authorities" in page
    assert page.count('class="slot-item"') == 6
    assert "11:42" in page


@pytest.mark.parametrize("role", ["Moderator", "Delegation focal point", "Delegate"])
@pytest.mark.django_db
def test_only_the_secretariat_can_change_the_agenda(client, role):
    meeting = meeting_with_parts([7, 7])
    client.force_login(user_with_role(role))
    slot = SpeakerSlot.objects.filter(segment__meeting=meeting).first()

    assert client.get(editor_url(meeting)).status_code == 403
    response = client.post(editor_url(meeting, f"slots/{slot.pk}/move/down/"))

    assert response.status_code == 403
    assert SpeakerSlot.objects.get(pk=slot.pk).order == slot.order


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(editor_url(meeting_with_parts([7])))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_slot_edit_through_htmx_returns_the_slot_and_the_clock_times(
    secretariat_client, demo_meeting
):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    later = SpeakerSlot.objects.filter(segment__meeting=demo_meeting).exclude(pk=panama.pk)

    response = secretariat_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/"),
        slot_form_data(panama, speaking_minutes=10),
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="agenda-editor"' not in page  # not the whole agenda again
    assert f'id="slot-{panama.pk}" data-slot-id="{panama.pk}" hx-swap-oob="true"' in page
    assert f'id="segment-{panama.segment_id}-header" hx-swap-oob="true"' in page
    assert "11:45" in page  # the forecast end moved by three minutes
    # Every other slot's clock times come as minutes after the start, not as rows.
    for slot in later:
        assert f'id="slot-{slot.pk}"' not in page
        assert f"s{slot.pk}:" in page
    assert SpeakerSlot.objects.get(pk=panama.pk).speaking_minutes == 10


def test_concurrent_edit_is_refused_with_what_changed(secretariat_client, demo_meeting):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    opened = slot_form_data(panama)
    other = secretariat_user(full_name="Other Officer")
    from django.test import Client

    other_client = Client()
    other_client.force_login(other)
    first = other_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/"), {**opened, "speaking_minutes": 8}
    )

    second = secretariat_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/"), {**opened, "speaking_minutes": 6}, **HTMX
    )

    page = second.content.decode()
    assert first.status_code == 302
    assert "Someone else saved this after you opened it" in page
    assert "“7” became “8”" in page
    assert 'value="6"' in page  # what this user typed is still in the form
    assert SpeakerSlot.objects.get(pk=panama.pk).speaking_minutes == 8


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"speaking_minutes": 0}, "Speaking time must be at least one minute."),
        ({"speaking_minutes": -3}, "Speaking time must be at least one minute."),
        ({"person": ""}, "Choose who speaks in this slot (add the person first)."),
        ({"qa_minutes": -1}, "Question time cannot be negative."),
    ],
)
def test_bad_slot_values_get_a_clear_message(secretariat_client, changes, message):
    meeting = meeting_with_parts([7])
    slot = SpeakerSlot.objects.get(segment__meeting=meeting)

    response = secretariat_client.post(
        editor_url(meeting, f"slots/{slot.pk}/"), slot_form_data(slot, **changes), **HTMX
    )

    assert message in response.content.decode()
    assert SpeakerSlot.objects.get(pk=slot.pk).speaking_minutes == 7


def test_an_agenda_past_midnight_is_refused_in_the_form(secretariat_client, demo_meeting):
    Meeting.objects.filter(pk=demo_meeting.pk).update(start_time="23:00")
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")

    response = secretariat_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/"),
        slot_form_data(panama, speaking_minutes=45),
        **HTMX,
    )

    assert "run past midnight" in response.content.decode()
    assert SpeakerSlot.objects.get(pk=panama.pk).speaking_minutes == 7


def test_keyboard_move_without_javascript_redirects_back(secretariat_client):
    meeting = meeting_with_parts([7, 7, 7])
    second = SpeakerSlot.objects.get(segment__meeting=meeting, order=2)

    response = secretariat_client.post(editor_url(meeting, f"slots/{second.pk}/move/up/"))

    assert response.status_code == 302
    assert SpeakerSlot.objects.get(pk=second.pk).order == 1


def test_new_part_slot_and_question_from_the_browser(secretariat_client, demo_meeting):
    response = secretariat_client.post(
        editor_url(demo_meeting, "parts/new/"),
        {
            "title": "Closing",
            "kind": "closing",
            "lead_role": "chair",
            "buffer_minutes": 0,
            "floor_minutes": 3,
        },
    )
    closing = Segment.objects.get(meeting=demo_meeting, title="Closing")
    person = Person.objects.get(full_name="Chair of CIDI")
    secretariat_client.post(
        editor_url(demo_meeting, f"parts/{closing.pk}/slots/new/"),
        {
            "segment": closing.pk,
            "person": person.pk,
            "role": "chair",
            "speaking_minutes": 5,
            "qa_minutes": 0,
            "status": "confirmed",
            "floor_language": "en",
            "attendance": "in_room",
        },
    )
    slot = SpeakerSlot.objects.get(segment=closing)
    secretariat_client.post(
        editor_url(demo_meeting, f"parts/{closing.pk}/questions/new/"),
        {"text": "What comes next?", "addressed_slots": [slot.pk]},
    )

    assert response.status_code == 302
    assert closing.order == 4  # after the three parts of the demo
    assert list(slot.guiding_questions.values_list("text", flat=True)) == ["What comes next?"]


def test_history_page_shows_who_changed_what(secretariat_client, demo_meeting):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    secretariat_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/"), slot_form_data(panama, speaking_minutes=6)
    )

    response = secretariat_client.get(editor_url(demo_meeting, "history/"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Speaking minutes</strong>: 7 → 6" in page
    assert "Speaker slot changed" in page


def editor_queries(client, meeting):
    return count_page_queries(client, editor_url(meeting))


@pytest.mark.django_db
def test_editor_runs_the_same_queries_for_small_and_large_agendas(secretariat_client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=8, slots_per_segment=15)

    assert editor_queries(secretariat_client, small) == editor_queries(secretariat_client, large)


@pytest.mark.django_db
def test_history_runs_the_same_queries_for_small_and_large_agendas(secretariat_client):
    small, large = MeetingFactory(), MeetingFactory()
    build_agenda(small, segments=1, slots_per_segment=1)
    build_agenda(large, segments=5, slots_per_segment=10)

    def count(meeting):
        return count_page_queries(secretariat_client, editor_url(meeting, "history/"))

    assert count(small) == count(large)


def minimal_pdf():
    from tests.speakers.factories import pdf_bytes

    return pdf_bytes()


def meeting_form_data(meeting, **changes):
    data = {
        "title": meeting.title,
        "slug": meeting.slug,
        "body": meeting.body,
        "kind": meeting.kind,
        "status": meeting.status,
        "document_code": meeting.document_code,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M"),
        "time_zone": meeting.time_zone,
        "venue": meeting.venue,
        "format": meeting.format,
        "connection_link": meeting.connection_link,
        "chair": meeting.chair_id or "",
        "purpose": meeting.purpose,
        "background": meeting.background,
        "expected_outcomes": "\n".join(o.text for o in meeting.expected_outcomes.all()),
        "version": meeting.version,
    }
    data.update(changes)
    return data


def test_concept_note_upload_is_checked_by_content(secretariat_client, demo_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("note.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "application/pdf")
    response = secretariat_client.post(
        editor_url(demo_meeting, "details/"),
        meeting_form_data(demo_meeting, concept_note=fake, venue="Typed venue"),
        **HTMX,
    )
    assert "This file is not a PDF, Word (DOCX) document" in response.content.decode()
    assert 'value="Typed venue"' in response.content.decode()

    real = SimpleUploadedFile("Concept note.pdf", minimal_pdf(), "application/pdf")
    secretariat_client.post(
        editor_url(demo_meeting, "details/"), meeting_form_data(demo_meeting, concept_note=real)
    )
    demo_meeting.refresh_from_db()
    assert demo_meeting.concept_note.name.startswith("concept-notes/")
    assert "Concept note" not in demo_meeting.concept_note.name
    download = secretariat_client.get(f"/meetings/{demo_meeting.slug}/concept-note/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_expected_outcomes_are_edited_one_per_line(secretariat_client, demo_meeting):
    secretariat_client.post(
        editor_url(demo_meeting, "details/"),
        meeting_form_data(demo_meeting, expected_outcomes="First outcome\nSecond outcome"),
    )

    assert list(demo_meeting.expected_outcomes.values_list("order", "text")) == [
        (1, "First outcome"),
        (2, "Second outcome"),
    ]


def test_a_question_edited_with_htmx_answers_with_its_parts_questions_only(
    secretariat_client, demo_meeting
):
    from agenda.models import GuidingQuestion

    question = GuidingQuestion.objects.filter(segment__meeting=demo_meeting).first()

    response = secretariat_client.post(
        editor_url(demo_meeting, f"questions/{question.pk}/"),
        {"text": "Which registries reached informal workers?", "version": question.version},
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="segment-{question.segment_id}-questions" hx-swap-oob="true"' in page
    assert "Which registries reached informal workers?" in page
    assert 'id="agenda-editor"' not in page
    assert 'class="slot-item"' not in page


def test_a_slot_moved_with_htmx_answers_with_its_part_and_the_clock_times(
    secretariat_client, demo_meeting
):
    panama = SpeakerSlot.objects.get(segment__meeting=demo_meeting, representing_state__iso2="PA")
    others = Segment.objects.filter(meeting=demo_meeting).exclude(pk=panama.segment_id)

    response = secretariat_client.post(
        editor_url(demo_meeting, f"slots/{panama.pk}/move/down/"), **HTMX
    )

    page = response.content.decode()
    assert f'id="segment-{panama.segment_id}" aria-labelledby' in page
    assert 'id="agenda-editor"' not in page
    for segment in others:
        assert f'id="segment-{segment.pk}"' not in page
        assert f"p{segment.pk}:" in page


def test_a_part_moved_with_htmx_answers_with_the_whole_agenda(secretariat_client, demo_meeting):
    second = Segment.objects.filter(meeting=demo_meeting).order_by("order")[1]

    response = secretariat_client.post(
        editor_url(demo_meeting, f"parts/{second.pk}/move/up/"), **HTMX
    )

    assert 'id="agenda-editor" hx-swap-oob="true"' in response.content.decode()
