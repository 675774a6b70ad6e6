"""The documents panel, the request, status and download views, and who may use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from accounts.models import User
from agenda.enums import MeetingStatus
from documents.models import DocumentStatus, RenderedDocument
from tests.factories import UserFactory

MEETING = "/meetings/social-safety-nets/"
OPTIONS = {"language": "en", "paper": "a4", "orientation": "landscape"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def sign_in(client, role):
    if role == "anonymous":
        return None
    if role == "focal_point":
        user = User.objects.get(email="focal.pa@example.org")
    elif role == "moderator":
        user = User.objects.get(email="moderator@example.org")
    else:
        user = UserFactory(
            roles=[{"delegate": Role.DELEGATE, "secretariat": Role.SECRETARIAT}[role]]
        )
    client.force_login(user)
    return user


@pytest.fixture
def generate(client, django_capture_on_commit_callbacks):
    """POST the panel's form of ``kind`` (as htmx unless told); run the queued task."""

    def post(kind="run-of-show", *, htmx=True, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{MEETING}documents/{kind}/", {**OPTIONS, **options}, **(HTMX if htmx else {})
            )

    return post


@pytest.fixture
def ready_run_of_show(demo_meeting, client, generate):
    sign_in(client, "moderator")
    generate()
    client.logout()
    return RenderedDocument.objects.get(kind="run-of-show")


def test_the_moderator_generates_the_run_of_show_and_sees_it_ready(demo_meeting, client, generate):
    sign_in(client, "moderator")

    response = generate()
    document = RenderedDocument.objects.get()
    status = client.get(f"/documents/{document.pk}/status/?seen=queued", **HTMX)
    page = status.content.decode()

    # The answer to the POST shows the job queued (its task runs once the request ends).
    assert response.status_code == 200
    assert 'data-state="queued"' in response.content.decode()
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert document.status == DocumentStatus.READY
    assert document.requested_by.email == "moderator@example.org"
    assert status.status_code == 200
    assert 'data-state="ready"' in page
    assert f'href="/documents/{document.pk}/download/"' in page
    assert "version 1" in page
    assert "5 pages" in page
    assert "hx-trigger" not in page


def test_one_request_builds_the_content_once_and_renders_it(demo_meeting, client, generate, builds):
    sign_in(client, "moderator")

    generate()

    # Where tasks run in-process, the rendering uses what the request read.
    assert builds == [("run-of-show", "en")]
    assert RenderedDocument.objects.get().status == DocumentStatus.READY


def test_a_request_in_another_language_builds_it_and_the_english_for_its_version(
    demo_meeting, client, generate, builds
):
    sign_in(client, "moderator")

    generate(language="es")

    assert builds == [("run-of-show", "es"), ("run-of-show", "en")]
    assert RenderedDocument.objects.get().status == DocumentStatus.READY


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("focal_point", 403), ("delegate", 403), ("secretariat", 200)],
)
def test_who_may_request_the_run_of_show(demo_meeting, client, generate, role, status):
    sign_in(client, role)

    response = generate()

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")
    assert RenderedDocument.objects.exists() is (status == 200)


@pytest.mark.parametrize("kind", ["participants", "summary"])
def test_participants_and_summary_are_for_those_who_run_meetings(
    demo_meeting, client, generate, kind
):
    sign_in(client, "focal_point")

    assert generate(kind, orientation="portrait").status_code == 403


def test_anyone_may_generate_the_compendium_without_htmx_back_to_the_page(
    demo_meeting, client, generate
):
    response = generate("good-practices", htmx=False, orientation="portrait")

    assert response.status_code == 302
    assert response["Location"] == MEETING + "#documents"
    document = RenderedDocument.objects.get()
    assert (document.kind, document.status, document.requested_by) == (
        "good-practices",
        DocumentStatus.READY,
        None,
    )


def test_get_is_refused_and_bad_options_are_explained(demo_meeting, client, generate):
    sign_in(client, "moderator")

    assert client.get(f"{MEETING}documents/run-of-show/").status_code == 405
    plain = generate(htmx=False, paper="a3")
    swapped = generate(paper="a3")

    assert plain.status_code == 400
    assert swapped.status_code == 200
    assert "Paper: Select a valid choice." in swapped.content.decode()
    assert not RenderedDocument.objects.exists()
    assert client.post(f"{MEETING}documents/minutes/", OPTIONS).status_code == 404


def test_a_draft_meeting_has_no_documents_but_for_the_secretariat(demo_meeting, client, generate):
    demo_meeting.status = MeetingStatus.DRAFT
    demo_meeting.save()
    sign_in(client, "moderator")

    assert generate().status_code == 404


def test_status_polls_while_pending_and_answers_no_change_with_204(
    demo_meeting, client, ready_run_of_show
):
    sign_in(client, "moderator")
    RenderedDocument.objects.filter(pk=ready_run_of_show.pk).update(status=DocumentStatus.QUEUED)
    url = f"/documents/{ready_run_of_show.pk}/status/"

    queued = client.get(url, **HTMX)
    unchanged = client.get(url + "?seen=queued", **HTMX)
    RenderedDocument.objects.filter(pk=ready_run_of_show.pk).update(
        status=DocumentStatus.FAILED, error="The PDF could not be produced: no fonts"
    )
    failed = client.get(url + "?seen=queued", **HTMX)

    assert queued.status_code == 200
    assert 'hx-trigger="every 1s"' in queued.content.decode()
    assert f'hx-get="{url}?seen=queued"' in queued.content.decode()
    assert unchanged.status_code == 204
    assert failed.status_code == 200
    assert "The PDF could not be produced: no fonts" in failed.content.decode()
    assert "hx-trigger" not in failed.content.decode()


def test_the_download_is_a_pdf_attachment(demo_meeting, client, ready_run_of_show):
    sign_in(client, "moderator")

    response = client.get(f"/documents/{ready_run_of_show.pk}/download/")
    body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        'attachment; filename="social-safety-nets-run-of-show-v1-en.pdf"'
    )
    assert body.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("focal_point", 403),
        ("delegate", 403),
        ("moderator", 200),
        ("secretariat", 200),
    ],
)
def test_who_may_follow_and_download_the_run_of_show(
    demo_meeting, client, ready_run_of_show, role, status
):
    sign_in(client, role)

    assert client.get(f"/documents/{ready_run_of_show.pk}/status/").status_code == status
    assert client.get(f"/documents/{ready_run_of_show.pk}/download/").status_code == status


def test_the_compendium_downloads_for_anyone(demo_meeting, client, generate):
    generate("good-practices", orientation="portrait")
    document = RenderedDocument.objects.get()

    response = client.get(f"/documents/{document.pk}/download/")

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_document_not_ready_or_unknown_is_not_found(demo_meeting, client, ready_run_of_show):
    sign_in(client, "moderator")
    RenderedDocument.objects.filter(pk=ready_run_of_show.pk).update(status=DocumentStatus.RENDERING)

    assert client.get(f"/documents/{ready_run_of_show.pk}/download/").status_code == 404
    assert client.get("/documents/999999/download/").status_code == 404
    assert client.get("/documents/999999/status/").status_code == 404


def panel_forms(page):
    return [
        kind
        for kind in ["run-of-show", "participants", "good-practices", "summary"]
        if f'action="{MEETING}documents/{kind}/"' in page
    ]


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        ("anonymous", ["good-practices"]),
        ("focal_point", ["good-practices"]),
        ("moderator", ["run-of-show", "participants", "good-practices", "summary"]),
        ("secretariat", ["run-of-show", "participants", "good-practices", "summary"]),
    ],
)
def test_the_meeting_page_offers_the_documents_each_role_may_have(
    demo_meeting, client, role, kinds
):
    sign_in(client, role)

    page = client.get(MEETING).content.decode()

    assert panel_forms(page) == kinds
    assert 'id="documents-heading"' in page
    assert 'role="status"' in page


def test_the_meeting_page_shows_the_latest_document_of_each_kind(
    demo_meeting, client, ready_run_of_show
):
    sign_in(client, "moderator")

    page = client.get(MEETING).content.decode()

    assert f'href="/documents/{ready_run_of_show.pk}/download/"' in page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_meeting_page_runs_the_same_queries_with_few_and_many_documents(
    demo_meeting, client, ready_run_of_show
):
    sign_in(client, "moderator")
    client.get(MEETING)  # the agenda is cached from here on; the documents panel is not
    few = count_queries(client, MEETING)
    for number in range(12):
        for kind in ["run-of-show", "summary"]:
            RenderedDocument.objects.create(
                meeting=demo_meeting, kind=kind, fingerprint=f"{kind}-{number}", version=number
            )

    assert count_queries(client, MEETING) == few
