"""The compendium, its exports and the matrix come from the cache, and never stale.

Each test reads a page twice (the second time from the cache), makes one kind of edit
the page shows, and reads it again: the edit shows on that very next request.
"""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.enums import MeetingStatus
from cidi_meeting import page_cache
from delegations.models import MemberState
from outcomes import cache as outcomes_cache
from outcomes import services
from outcomes.cooperation import services as cooperation_services
from outcomes.enums import CooperationKind, MatchStatus, Modality, PracticeStatus
from outcomes.models import CooperationItem, GoodPractice, Instrument, SdgTarget, Theme
from tests.factories import secretariat_user
from tests.outcomes.factories import CooperationItemFactory, GoodPracticeFactory, delegation_of
from tests.outcomes.test_practices import minimal_docx

LIST = "/practices/"
SPANISH_LIST = "/es/practices/"
CSV_EXPORT = "/practices/export.csv"
JSON_EXPORT = "/practices/export.json"
LIST_FRAGMENT = "outcomes/compendium/_results.html"
MATRIX_FRAGMENT = "outcomes/cooperation/_matrix.html"


@pytest.fixture
def meeting(demo_meeting):
    """The demo meeting without its demo practices, offers and needs."""
    GoodPractice.objects.filter(meeting=demo_meeting).delete()
    CooperationItem.objects.filter(meeting=demo_meeting).delete()
    return demo_meeting


def matrix_url(meeting):
    return f"/meetings/{meeting.slug}/cooperation/matrix/"


def rendered(response, fragment):
    """Return True when the response built ``fragment`` (a miss), False when cached."""
    return fragment in [template.name for template in response.templates]


def read(client, url, fragment, **extra):
    """Read ``url`` twice: the second answer must come from the cache. Return its text."""
    client.get(url, **extra)
    response = client.get(url, **extra)
    assert response.status_code == 200
    assert not rendered(response, fragment)
    return response.content.decode()


def read_list(client, **params):
    client.get(LIST, params)
    response = client.get(LIST, params)
    assert not rendered(response, LIST_FRAGMENT)
    return response.content.decode()


def practice_of(meeting, iso2, **fields):
    return GoodPracticeFactory(delegation=delegation_of(meeting, iso2), **fields)


def offer(meeting, iso2, **fields):
    delegation = delegation_of(meeting, iso2)
    return CooperationItemFactory(delegation=delegation, kind=CooperationKind.OFFER, **fields)


def need(meeting, iso2, **fields):
    delegation = delegation_of(meeting, iso2)
    return CooperationItemFactory(delegation=delegation, kind=CooperationKind.NEED, **fields)


def summary(text):
    """Return the matrix's summary line, spaces collapsed."""
    start = text.index('data-testid="matrix-summary">')
    return " ".join(text[start : text.index("</p>", start)].split()[1:])


def fragments_cached():
    """Return every page fragment in the (local-memory) cache of the test run."""
    prefix = f":1:{page_cache.FRAGMENT_PREFIX}"
    keys = [key[len(":1:") :] for key in cache._cache if key.startswith(prefix)]
    return [cache.get(key) for key in keys]


# The compendium: each kind of edit shows on the next request -----------------------------


def test_a_published_practice_shows_at_once(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    submitted = practice_of(
        meeting, "PA", title="Rural pensions", status=PracticeStatus.SUBMITTED, published_at=None
    )
    assert "Rural pensions" not in read_list(client)

    services.practice_publish(practice=submitted, expected_version=submitted.version)

    assert "Rural pensions" in client.get(LIST).content.decode()


def test_an_edited_practice_shows_at_once(client, meeting):
    practice = practice_of(meeting, "MX", title="Cash for care")
    assert "Cash for care" in read_list(client)

    services.practice_update(
        practice=practice,
        data={"title": "Cash for carers"},
        m2m={"instruments": Instrument.objects.filter(code="care-services")},
        expected_version=practice.version,
    )

    text = client.get(LIST).content.decode()
    assert "Cash for carers" in text
    assert "Cash for care<" not in text


def test_a_changed_term_of_a_practice_shows_at_once(client, meeting):
    practice = practice_of(meeting, "MX", title="Cash for care")
    assert "Cash for care" not in read_list(client, sdg_target="1.3")

    practice.sdg_targets.set(SdgTarget.objects.filter(code="1.3"))

    assert "Cash for care" in client.get(LIST, {"sdg_target": "1.3"}).content.decode()


def test_an_unpublished_practice_goes_at_once(client, meeting):
    practice = practice_of(meeting, "MX", title="Cash for care")
    assert "Cash for care" in read_list(client)

    practice.status = PracticeStatus.RETURNED
    practice.save()

    assert "Cash for care" not in client.get(LIST).content.decode()


def test_a_deleted_practice_goes_at_once(client, meeting):
    practice = practice_of(meeting, "MX", title="Cash for care")
    assert "Cash for care" in read_list(client)

    practice.delete()

    assert "Cash for care" not in client.get(LIST).content.decode()


def test_a_translated_sdg_target_shows_at_once(client, meeting):
    practice_of(meeting, "MX", title="Cash for care").sdg_targets.set(
        SdgTarget.objects.filter(code="1.3")
    )
    target = SdgTarget.objects.get(code="1.3")
    assert "Pisos de protección revisados" not in read(client, SPANISH_LIST, LIST_FRAGMENT)

    target.text_es = "Pisos de protección revisados"
    target.save()

    page = client.get(SPANISH_LIST).content.decode()
    assert "1.3: Pisos de protección revisados" in page


def test_a_translated_instrument_shows_at_once(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    instrument = Instrument.objects.get(code="cash-transfer-conditional")
    assert "Transferencias revisadas" not in read(client, SPANISH_LIST, LIST_FRAGMENT)

    instrument.name_es = "Transferencias revisadas"
    instrument.save()

    assert "Transferencias revisadas" in client.get(SPANISH_LIST).content.decode()


def test_a_renamed_member_state_shows_at_once(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    assert "United Mexican States" not in read_list(client)

    state = MemberState.objects.get(iso2="MX")
    state.name_en = "United Mexican States"
    state.save()

    assert "United Mexican States" in client.get(LIST).content.decode()


def test_an_attachment_makes_the_compendium_stale(client, meeting):
    """The list shows no attachment; the practice's page does, and it may be cached later."""
    practice = practice_of(meeting, "MX", title="Cash for care")
    before = page_cache.generation(outcomes_cache.COMPENDIUM)

    services.attachment_add(
        practice=practice, uploaded=SimpleUploadedFile("Informe.docx", minimal_docx())
    )

    assert page_cache.generation(outcomes_cache.COMPENDIUM) != before
    assert "Informe.docx" in client.get(practice.get_absolute_url()).content.decode()


def test_the_exports_follow_an_edit_at_once(client, meeting):
    practice = practice_of(meeting, "MX", title="Cash for care")
    for url in (CSV_EXPORT, JSON_EXPORT):
        client.get(url)
        with CaptureQueriesContext(connection) as hit:
            assert "Cash for care" in client.get(url).content.decode("utf-8-sig")
        assert [q for q in hit.captured_queries if "outcomes_" in q["sql"]] == []

    practice.title = "Cash for carers"
    practice.save()

    for url in (CSV_EXPORT, JSON_EXPORT):
        assert "Cash for carers" in client.get(url).content.decode("utf-8-sig")


def test_an_export_keeps_its_type_and_file_name_from_the_cache(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    first = client.get(CSV_EXPORT)

    second = client.get(CSV_EXPORT)

    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/csv; charset=utf-8"
    assert second["Content-Disposition"] == 'attachment; filename="good-practices.csv"'


# Keys: filters, pages, languages and viewers ---------------------------------------------


def test_each_filter_gets_its_own_entry(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    practice_of(meeting, "PA", title="Rural pensions")
    read_list(client, country="MX")

    panama = client.get(LIST, {"country": "PA"})
    search = client.get(LIST, {"q": "pensions"})

    assert rendered(panama, LIST_FRAGMENT) and rendered(search, LIST_FRAGMENT)
    assert "Rural pensions" in panama.content.decode()
    assert "Cash for care" not in panama.content.decode()
    assert "Cash for care" not in search.content.decode()
    assert "Cash for care" in client.get(LIST, {"country": "MX"}).content.decode()


def test_each_page_gets_its_own_entry(client, meeting):
    for number in range(25):
        practice_of(meeting, "MX", title=f"Practice {number:02}")
    first = read_list(client)

    second = client.get(LIST, {"page": "2"}).content.decode()

    assert "Practice 24" in first and "Practice 24" not in second
    assert "Practice 00" in second and "Practice 00" not in first
    assert "page 2 of 2" in second


def test_a_parameter_the_page_ignores_shares_the_entry_and_is_not_repeated(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    read_list(client, country="MX")

    response = client.get(LIST, {"country": "MX", "utm_source": "<b>newsletter</b>"})

    assert not rendered(response, LIST_FRAGMENT)
    # The language menu (outside the fragment) keeps it; the fragment's links do not.
    assert 'href="/practices/export.csv?country=MX"' in response.content.decode()


def test_each_language_gets_its_own_entry(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    english = read(client, LIST, LIST_FRAGMENT)

    spanish = client.get(SPANISH_LIST)

    assert rendered(spanish, LIST_FRAGMENT)
    assert "Search and filter" in english
    assert "Search and filter" not in spanish.content.decode()


def test_a_secretariat_fragment_is_never_served_to_an_anonymous_reader(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    client.force_login(secretariat_user())
    read(client, LIST, LIST_FRAGMENT)
    read(client, matrix_url(meeting), MATRIX_FRAGMENT)
    client.logout()

    anonymous_list = client.get(LIST)
    anonymous_matrix = client.get(matrix_url(meeting))

    assert rendered(anonymous_list, LIST_FRAGMENT)
    assert rendered(anonymous_matrix, MATRIX_FRAGMENT)


def test_a_cached_fragment_holds_nothing_of_a_user_or_session(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    offer(meeting, "MX")
    user = secretariat_user()
    client.force_login(user)
    page = client.get(LIST).content.decode()
    client.get(matrix_url(meeting))
    client.get(CSV_EXPORT)

    fragments = [str(value) for value in fragments_cached()]

    assert user.email in page
    assert len(fragments) == 3
    for fragment in fragments:
        assert "csrfmiddlewaretoken" not in fragment
        assert user.email not in fragment
        assert client.session.session_key not in fragment


def test_a_hit_runs_fewer_queries_and_none_on_the_compendium(client, meeting):
    practice_of(meeting, "MX", title="Cash for care")
    with CaptureQueriesContext(connection) as miss:
        client.get(LIST)
    with CaptureQueriesContext(connection) as hit:
        client.get(LIST)

    assert len(hit) < len(miss)
    assert [q for q in hit.captured_queries if "outcomes_" in q["sql"]] == []


def test_an_anonymous_hit_on_the_compendium_runs_no_query(
    client, meeting, django_assert_num_queries
):
    practice_of(meeting, "MX", title="Cash for care")
    client.get(LIST)

    with django_assert_num_queries(0):
        client.get(LIST)


# The matrix: each kind of edit shows on the next request ---------------------------------


def test_an_offer_or_need_added_shows_in_the_matrix_at_once(client, meeting):
    offer(meeting, "MX")
    assert summary(read(client, matrix_url(meeting), MATRIX_FRAGMENT)).startswith(
        "1 open offer, 0 open needs"
    )

    need(meeting, "PA", modality=Modality.TRAINING)

    text = client.get(matrix_url(meeting)).content.decode()
    assert summary(text).startswith("1 open offer, 1 open need, 2 meeting points")


def test_an_edited_offer_shows_in_the_matrix_at_once(client, meeting):
    item = offer(meeting, "MX")
    assert "Social registries" not in read(client, matrix_url(meeting), MATRIX_FRAGMENT)

    cooperation_services.cooperation_item_update(
        item=item,
        data={
            "title": item.title,
            "description": "",
            "modality": item.modality,
            "theme": Theme.objects.get(code="social-registries"),
            "instrument": None,
            "practice": None,
            "target_groups": [],
        },
        expected_version=item.version,
    )

    assert "Social registries" in client.get(matrix_url(meeting)).content.decode()


def test_a_closed_offer_leaves_the_matrix_at_once(client, meeting):
    item = offer(meeting, "MX")
    assert summary(read(client, matrix_url(meeting), MATRIX_FRAGMENT)).startswith("1 open offer")

    cooperation_services.cooperation_item_close(item=item, expected_version=item.version)

    assert summary(client.get(matrix_url(meeting)).content.decode()).startswith("0 open offers")


def followed_counts(text):
    return [
        cell.split("<")[0]
        for cell in text.split('data-testid="followed">')[1:]  # one per theme column
    ]


def test_a_match_started_and_moved_shows_in_the_matrix_at_once(client, meeting):
    offered, needed = offer(meeting, "MX"), need(meeting, "PA")
    assert followed_counts(read(client, matrix_url(meeting), MATRIX_FRAGMENT)) == ["0"]

    match = cooperation_services.cooperation_match_start(
        meeting=meeting, offer_pk=offered.pk, need_pk=needed.pk
    )
    assert followed_counts(read(client, matrix_url(meeting), MATRIX_FRAGMENT)) == ["1"]
    cooperation_services.cooperation_match_update(
        match=match,
        status=MatchStatus.DROPPED,
        agreed_on=None,
        started_on=None,
        completed_on=None,
        notes="",
        expected_version=match.version,
    )

    assert followed_counts(client.get(matrix_url(meeting)).content.decode()) == ["0"]


def test_a_renamed_theme_and_member_state_show_in_the_matrix_at_once(client, meeting):
    offer(meeting, "MX")
    read(client, matrix_url(meeting), MATRIX_FRAGMENT)

    theme = Theme.objects.get(code="care-systems")
    theme.name_en = "Care, renamed"
    theme.save()
    state = MemberState.objects.get(iso2="MX")
    state.name_en = "United Mexican States"
    state.save()

    text = client.get(matrix_url(meeting)).content.decode()
    assert "Care, renamed" in text
    assert "United Mexican States" in text


def test_a_matrix_hit_runs_no_query_on_offers_and_needs(client, meeting):
    offer(meeting, "MX")
    need(meeting, "PA")
    with CaptureQueriesContext(connection) as miss:
        client.get(matrix_url(meeting))
    with CaptureQueriesContext(connection) as hit:
        client.get(matrix_url(meeting))

    assert len(hit) < len(miss)
    assert [q for q in hit.captured_queries if "outcomes_" in q["sql"]] == []


def test_a_draft_meeting_cached_for_the_secretariat_stays_hidden_from_others(client, meeting):
    offer(meeting, "MX")
    meeting.status = MeetingStatus.DRAFT
    meeting.save(update_fields=["status"])
    client.force_login(secretariat_user())
    read(client, matrix_url(meeting), MATRIX_FRAGMENT)
    client.logout()

    assert client.get(matrix_url(meeting)).status_code == 404
