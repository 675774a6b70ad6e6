"""The run-of-show and the one-page agenda of a meeting with sessions: grouped by
session (its day, times, room), at the times the agenda gives, whole or one session."""

import pytest
from django.utils import timezone, translation

from agenda import selectors
from documents import services
from documents.kinds.public_agenda import public_agenda_content
from documents.kinds.run_of_show import run_of_show_content
from documents.render import document_html as render_html
from tests.agenda.session_meeting import session_meeting
from tests.documents.conftest import in_order, pdf_text, render
from tests.factories import MeetingFactory, SegmentFactory, SpeakerSlotFactory

pytestmark = pytest.mark.django_db


def timing_of(meeting):
    return selectors.agenda_timing(selectors.meeting_get_for_agenda(slug=meeting.slug))


def test_the_run_of_show_is_grouped_by_session_with_its_day_times_and_room():
    built = session_meeting()

    content = run_of_show_content(built.meeting)

    headings = [
        (s["title"], s["day"], s["date"], s["start"], s["end"], s["room"])
        for s in content["sessions"]
    ]
    assert headings == [
        ("Opening plenary", "Thursday", "Nov. 17, 2022", "09:00", "12:00", "Hall of the Americas"),
        ("Second plenary", "Friday", "Nov. 18, 2022", "09:30", "12:00", "Hall of the Americas"),
        ("Working group 1", "Friday", "Nov. 18, 2022", "14:00", "14:14", "Room A"),
        ("Working group 2", "Friday", "Nov. 18, 2022", "14:00", "16:00", "Room B"),
    ]
    assert [[p["title"] for p in s["parts"]] for s in content["sessions"]] == [
        ["Opening plenary part"],
        ["Second plenary part"],
        ["Working group 1 part"],
        ["Working group 2 part"],
    ]
    assert content["sessions"][0]["chair"] == {"name": "Ms. Ana Pérez", "position": "Chair of CIDI"}
    assert content["meeting"]["date"] == "Nov. 17, 2022 – Nov. 18, 2022"


def test_the_run_of_show_gives_the_times_of_the_agenda():
    built = session_meeting(slots=3)
    timing = timing_of(built.meeting)

    content = run_of_show_content(built.meeting)

    for heading, sitting in zip(content["sessions"], timing.sessions, strict=True):
        assert [item["start"] for part in heading["parts"] for item in part["items"]] == [
            f"{item.planned_start:%H:%M}" for part in sitting.segments for item in part.slots
        ]
        # Cumulative minutes count from the session's start, not from the first morning.
        assert [item["elapsed"] for part in heading["parts"] for item in part["items"]] == [
            7,
            14,
            21,
        ]
    # The whole meeting sits 21 minutes in each of its four sessions.
    assert content["total"] == "84 min"


def test_the_one_page_agenda_is_grouped_by_session_at_the_agendas_times():
    built = session_meeting()
    timing = timing_of(built.meeting)

    content = public_agenda_content(built.meeting)

    assert [(s["title"], s["date"], s["room"]) for s in content["sessions"]] == [
        ("Opening plenary", "Nov. 17, 2022", "Hall of the Americas"),
        ("Second plenary", "Nov. 18, 2022", "Hall of the Americas"),
        ("Working group 1", "Nov. 18, 2022", "Room A"),
        ("Working group 2", "Nov. 18, 2022", "Room B"),
    ]
    for heading, sitting in zip(content["sessions"], timing.sessions, strict=True):
        assert [speaker["start"] for part in heading["parts"] for speaker in part["speakers"]] == [
            f"{item.planned_start:%H:%M}" for part in sitting.segments for item in part.slots
        ]


def test_a_run_of_show_of_one_session_holds_that_session_only():
    built = session_meeting()

    content = run_of_show_content(built.meeting, session=built.group_b.pk)

    assert [s["title"] for s in content["sessions"]] == ["Working group 2"]
    assert [p["title"] for p in content["parts"]] == ["Working group 2 part"]
    assert (content["starts"], content["ends"], content["speaker_count"]) == ("14:00", "14:14", 2)
    # The meeting opens in its first session and closes in its last.
    assert content["opening"] is None
    assert content["closing"] is not None
    first = run_of_show_content(built.meeting, session=built.opening.pk)
    assert first["opening"] is not None
    assert first["closing"] is None


def test_a_run_of_show_of_a_session_of_another_meeting_is_refused():
    built = session_meeting()
    other = session_meeting()

    with pytest.raises(ValueError, match="No session"):
        run_of_show_content(built.meeting, session=other.opening.pk)


def test_the_run_of_show_pdf_heads_each_session():
    built = session_meeting()

    rendered, _version = render(built.meeting, "run-of-show")

    text = pdf_text(rendered.data)
    positions = in_order(
        text,
        [
            "Opening plenary",
            "Thursday, Nov. 17, 2022 · 09:00–12:00 · Room: Hall of the Americas",
            "Opening plenary part",
            "Working group 1",
            "Friday, Nov. 18, 2022 · 14:00–14:14 · Room: Room A",
            "Working group 2",
            "Room: Room B",
            "Working group 2 part",
        ],
    )
    assert -1 not in positions


def test_the_one_page_agenda_pdf_heads_each_session():
    built = session_meeting()

    rendered, _version = render(built.meeting, "public-agenda")

    text = pdf_text(rendered.data)
    assert -1 not in in_order(
        text,
        [
            "Opening plenary",
            "Thursday, Nov. 17, 2022 · 09:00–12:00 · Room: Hall of the Americas",
            "Working group 2",
            "Friday, Nov. 18, 2022 · 14:00–16:00 · Room: Room B",
        ],
    )


def test_the_documents_of_a_meeting_without_sessions_have_no_sessions():
    meeting = MeetingFactory()
    SpeakerSlotFactory(segment=SegmentFactory(meeting=meeting))

    with translation.override("en"):
        contents = [
            services.document_content(meeting=meeting, kind=kind, language="en")
            for kind in ("run-of-show", "public-agenda", "podium")
        ]

    assert ["sessions" in content for content in contents] == [False, False, False]
    assert contents[0]["meeting"]["date"] == "Nov. 17, 2022"


def test_a_run_of_show_of_one_session_is_titled_after_it():
    built = session_meeting()
    content = run_of_show_content(built.meeting, session=built.group_a.pk)

    html = render_html(
        kind="run-of-show",
        content=content,
        language="en",
        paper="a4",
        orientation="landscape",
        version=1,
        generated_at=timezone.now(),
    )

    title = f"Scenario (run-of-show): {built.meeting.title} — Working group 1"
    assert f"<title>{title}</title>" in html


def test_the_moderator_generates_the_run_of_show_of_one_session(
    demo_meeting, client, django_capture_on_commit_callbacks, media_root
):
    from accounts.models import User
    from agenda.models import Meeting
    from documents.models import DocumentStatus, RenderedDocument
    from tests.documents.conftest import pdf_reader

    remdes = Meeting.objects.get(slug="remdes-v")
    group_one, group_two = remdes.sessions.filter(title_en__startswith="Working group")
    client.force_login(User.objects.get(email="moderator@example.org"))
    page = client.get(remdes.get_absolute_url()).content.decode()
    assert 'name="session_key"' in page
    options = {"language": "es", "paper": "a4", "orientation": "landscape"}

    def generate(session_key):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/meetings/remdes-v/documents/run-of-show/",
                {**options, "session_key": session_key},
                HTTP_HX_REQUEST="true",
            )

    assert generate(group_one.pk).status_code == 200
    assert generate(0).status_code == 200

    one, whole = RenderedDocument.objects.filter(meeting=remdes).order_by("session_key").reverse()
    assert (one.session_key, one.status, one.version) == (group_one.pk, DocumentStatus.READY, 1)
    assert (whole.session_key, whole.status, whole.version) == (0, DocumentStatus.READY, 1)
    download = client.get(f"/documents/{one.pk}/download/")
    assert (
        f"remdes-v-run-of-show-session-{group_one.pk}-v1-es.pdf" in download["Content-Disposition"]
    )
    text = pdf_text(b"".join(download.streaming_content))
    assert group_one.title_es in text
    assert group_two.title_es not in text
    assert len(pdf_reader(whole.file.read()).pages) > len(pdf_reader(one.file.read()).pages)


def test_a_session_of_another_meeting_is_refused(demo_meeting, client):
    from accounts.models import User
    from agenda.models import MeetingSession

    other = session_meeting().opening
    client.force_login(User.objects.get(email="moderator@example.org"))

    response = client.post(
        "/meetings/remdes-v/documents/run-of-show/",
        {"language": "en", "paper": "a4", "orientation": "landscape", "session_key": other.pk},
    )

    assert response.status_code == 400
    assert MeetingSession.objects.filter(pk=other.pk).exists()
