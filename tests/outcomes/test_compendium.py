"""The public compendium of good practices: search, filters, facets, exports, detail."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from accounts.enums import Role
from accounts.models import User
from delegations.models import Organization
from delegations.services import delegation_create
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice, PracticeAttachment, SdgTarget
from tests.factories import UserFactory
from tests.outcomes.factories import GoodPracticeFactory, delegation_of
from tests.services import require_postgres

LIST = "/practices/"
CSV_EXPORT = "/practices/export.csv"
JSON_EXPORT = "/practices/export.json"
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
PLAIN_TEXT_FIELDS = ["title", "programme_name", "contact_name", "links", "review_comment"]
RICH_TEXT_FIELDS = ["description", "results", "lessons", "gender_notes"]


@pytest.fixture
def meeting(demo_meeting):
    """The demo meeting without its demo practices, so each test sets out its own."""
    GoodPractice.objects.filter(meeting=demo_meeting).delete()
    return demo_meeting


def practice_of(meeting, iso2, *, sdg_targets=(), **fields):
    practice = GoodPracticeFactory(delegation=delegation_of(meeting, iso2), **fields)
    if sdg_targets:
        practice.sdg_targets.set(SdgTarget.objects.filter(code__in=sdg_targets))
    return practice


def organization_practice(meeting, acronym, **fields):
    organization = Organization.objects.get(acronym=acronym)
    delegation = delegation_create(meeting=meeting, organization=organization)
    return GoodPracticeFactory(delegation=delegation, **fields)


def titles(response):
    return [item.practice.title for item in response.context["items"]]


def facet_counts(response, name):
    """Return {value: count} of one facet of the compendium page."""
    facet = next(facet for facet in response.context["facets"] if facet.name == name)
    return {option.value: option.count for group in facet.groups for option in group.options}


def sign_in(client, email):
    client.force_login(User.objects.get(email=email))


# Listing ---------------------------------------------------------------------------------


def test_compendium_shows_the_demo_practices(client, demo_meeting):
    page = client.get(LIST).content.decode()

    assert "Red de Oportunidades" in page
    assert "3 good practices" in page


def test_compendium_lists_only_published_practices(client, meeting):
    practice_of(meeting, "PA", title="Published in Panama")
    for iso2, status in [
        ("MX", PracticeStatus.DRAFT),
        ("BB", PracticeStatus.SUBMITTED),
        ("UY", PracticeStatus.RETURNED),
    ]:
        practice_of(meeting, iso2, title=f"Not public {status}", status=status)
    sign_in(client, "secretariat@example.org")

    response = client.get(LIST)

    assert response.status_code == 200
    assert titles(response) == ["Published in Panama"]
    assert "Not public" not in response.content.decode()


@pytest.fixture
def panama_practice(meeting):
    return practice_of(
        meeting,
        "PA",
        title="Red de Oportunidades",
        description="<p>Transferencias <strong>condicionadas</strong>.</p>",
        instruments=["cash-transfer-conditional", "labour-inclusion"],
        target_groups=["women", "older-persons"],
        sdg_targets=["1.3", "5.4"],
        period_start=2019,
        period_end=2024,
        links="https://example.org/a\nhttps://example.org/b",
    )


def test_compendium_item_shows_delegation_terms_period_and_plain_snippet(client, panama_practice):
    page = client.get(LIST).content.decode()

    for text in [
        "Panama",
        "Conditional cash transfer; Labour inclusion, wage subsidy, public works",
        "Women; Older persons",
        "1.3; 5.4",
        "2019–2024",
        "Transferencias condicionadas.",
    ]:
        assert text in page, text
    assert "<strong>condicionadas</strong>" not in page


def test_compendium_paginates_and_keeps_the_filters_in_the_page_links(client, meeting):
    for number in range(23):
        practice_of(meeting, "PA", title=f"Practice {number:02}")

    first = client.get(LIST, {"target_group": "women"})
    second = client.get(LIST, {"target_group": "women", "page": 2})

    assert len(first.context["items"]) == 20
    assert len(second.context["items"]) == 3
    page = first.content.decode()
    assert 'href="?target_group=women&amp;page=2"' in page
    assert 'aria-current="page"' in page
    assert "<caption" not in page  # A list, not a table.
    assert len(client.get(LIST, {"page": "99"}).context["items"]) == 3  # The last page.
    odd = client.get(LIST, {"page": "x", "language": "xx", "instrument": "none", "q": " "})
    assert odd.status_code == 200
    assert titles(odd) == []


def test_compendium_form_keeps_the_current_search_and_filters(client, meeting):
    practice_of(meeting, "MX", title="Care in Mexico", target_groups=["women"])

    page = client.get(LIST, {"q": "care", "target_group": "women", "country": "MX"}).content

    text = page.decode()
    assert 'value="care"' in text
    assert '<option value="women" selected>' in text
    assert '<option value="MX" selected>' in text
    assert '<label class="form-label" for="id_target_group">Target group</label>' in text
    assert 'href="/practices/export.csv?q=care&amp;target_group=women&amp;country=MX"' in text


# Search ----------------------------------------------------------------------------------


def test_search_finds_a_word_of_the_description_and_of_the_title(client, meeting):
    practice_of(meeting, "PA", title="Red de Oportunidades", description="Microfinance.")
    practice_of(meeting, "BB", title="Resilience programme", description="Cash.")
    practice_of(meeting, "UY", title="Other", description="Nothing relevant.")

    assert titles(client.get(LIST, {"q": "microfinance"})) == ["Red de Oportunidades"]
    assert titles(client.get(LIST, {"q": "resilience"})) == ["Resilience programme"]
    assert titles(client.get(LIST, {"q": "resilience microfinance"})) == []
    assert titles(client.get(LIST, {"q": "cash -resilience"})) == []


def test_search_ranks_title_matches_above_description_matches(client, meeting):
    require_postgres()
    practice_of(meeting, "PA", title="Meals", description="School feeding for all.")
    practice_of(meeting, "BB", title="School feeding", description="Meals at school.")

    assert titles(client.get(LIST, {"q": "feeding"})) == ["School feeding", "Meals"]


def test_search_reads_web_search_syntax_in_any_language(client, meeting):
    require_postgres()
    practice_of(meeting, "PA", title="Pensión", description="Pensión no contributiva.")
    practice_of(meeting, "MX", title="Bono", description="Pensión y bono.")

    assert titles(client.get(LIST, {"q": "pensión -bono"})) == ["Pensión"]
    assert titles(client.get(LIST, {"q": '"no contributiva"'})) == ["Pensión"]


# Filters ---------------------------------------------------------------------------------


def test_filter_by_country_and_by_organization(client, meeting):
    practice_of(meeting, "MX", title="Mexico's")
    practice_of(meeting, "PA", title="Panama's")
    organization_practice(meeting, "ECLAC", title="ECLAC's")

    assert titles(client.get(LIST, {"country": "MX"})) == ["Mexico's"]
    assert titles(client.get(LIST, {"country": "ECLAC"})) == ["ECLAC's"]


def test_filter_by_broader_instrument_matches_its_narrower_ones(client, meeting):
    practice_of(meeting, "PA", title="Conditional", instruments=["cash-transfer-conditional"])
    practice_of(meeting, "BB", title="Both", instruments=["cash-transfer", "emergency-bonus"])
    practice_of(meeting, "UY", title="Pension", instruments=["non-contributory-pension"])

    broader = client.get(LIST, {"instrument": "cash-transfer"})
    narrower = client.get(LIST, {"instrument": "cash-transfer-conditional"})

    assert sorted(titles(broader)) == ["Both", "Conditional"]
    assert titles(narrower) == ["Conditional"]


def test_filter_by_target_group_sdg_target_and_language(client, meeting):
    practice_of(meeting, "PA", title="Older", target_groups=["older-persons"])
    practice_of(meeting, "BB", title="SDG 5.4", sdg_targets=["5.4", "1.3"], language="en")
    practice_of(meeting, "UY", title="Women", language="pt")

    assert titles(client.get(LIST, {"target_group": "older-persons"})) == ["Older"]
    assert titles(client.get(LIST, {"sdg_target": "5.4"})) == ["SDG 5.4"]
    assert titles(client.get(LIST, {"language": "pt"})) == ["Women"]


# Facets ----------------------------------------------------------------------------------


@pytest.fixture
def faceted(meeting):
    practice_of(
        meeting,
        "PA",
        instruments=["cash-transfer", "cash-transfer-conditional"],
        target_groups=["women", "older-persons"],
        sdg_targets=["1.3"],
    )
    practice_of(
        meeting,
        "MX",
        instruments=["emergency-bonus"],
        target_groups=["women"],
        sdg_targets=["1.3", "5.4"],
        language="en",
    )
    practice_of(meeting, "MX", instruments=["non-contributory-pension"], target_groups=["poverty"])
    organization_practice(meeting, "ECLAC", target_groups=["older-persons"])
    practice_of(meeting, "UY", status=PracticeStatus.DRAFT, target_groups=["women"])
    return meeting


def test_facets_count_the_published_practices_per_value(client, faceted):
    response = client.get(LIST)

    assert facet_counts(response, "country") == {"MX": 2, "PA": 1, "ECLAC": 1}
    assert facet_counts(response, "instrument") == {
        "cash-transfer": 3,
        "cash-transfer-conditional": 2,
        "emergency-bonus": 1,
        "non-contributory-pension": 1,
    }
    assert facet_counts(response, "target_group") == {"women": 2, "older-persons": 2, "poverty": 1}
    assert facet_counts(response, "sdg_target") == {"1.3": 2, "5.4": 1}
    assert facet_counts(response, "language") == {"en": 1, "es": 3}
    assert "Women (2)" in response.content.decode()


def test_facets_count_within_the_current_result_set(client, faceted):
    response = client.get(LIST, {"country": "MX"})

    assert facet_counts(response, "country") == {"MX": 2}
    assert facet_counts(response, "target_group") == {"women": 1, "poverty": 1}
    assert facet_counts(response, "instrument") == {
        "cash-transfer": 1,
        "emergency-bonus": 1,
        "non-contributory-pension": 1,
    }


def test_facets_keep_a_selected_value_the_other_filters_leave_empty(client, faceted):
    response = client.get(LIST, {"country": "PA", "instrument": "non-contributory-pension"})

    assert titles(response) == []
    assert facet_counts(response, "instrument") == {"non-contributory-pension": 0}
    assert facet_counts(response, "country") == {"PA": 0}


# Exports ---------------------------------------------------------------------------------


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_export_holds_every_page_of_the_filter_as_plain_text(client, meeting, panama_practice):
    for _number in range(23):
        practice_of(meeting, "MX", target_groups=["women"])
    practice_of(meeting, "BB", target_groups=["older-persons"])

    response = client.get(CSV_EXPORT, {"target_group": "women"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="good-practices.csv"'
    rows = read_csv(response)
    assert len(rows) == 24
    panama = next(row for row in rows if row["Title"] == "Red de Oportunidades")
    assert panama["Description"] == "Transferencias condicionadas."
    assert panama["Member state or organization"] == "Panama"
    assert panama["Code of the state or organization"] == "PA"
    assert panama["Instrument types"] == (
        "Conditional cash transfer; Labour inclusion, wage subsidy, public works"
    )
    assert panama["Target groups"] == "Women; Older persons"
    assert panama["SDG targets"] == "1.3; 5.4"
    assert panama["Links"] == "https://example.org/a; https://example.org/b"


def test_json_export_has_the_same_fields_and_follows_the_filter(client, meeting):
    practice_of(
        meeting,
        "MX",
        title="Pensión para el Bienestar",
        description="<p>Pensión <em>universal</em>.</p>",
        instruments=["non-contributory-pension"],
        target_groups=["older-persons"],
        population_share="12.50",
    )
    practice_of(meeting, "PA", instruments=["cash-transfer-conditional"])

    response = client.get(JSON_EXPORT, {"instrument": "non-contributory-pension"})

    assert response["Content-Type"] == "application/json"
    records = json.loads(response.content)
    assert [record["title"] for record in records] == ["Pensión para el Bienestar"]
    assert "Pensión para el Bienestar" in response.content.decode()  # ensure_ascii=False
    assert records[0]["description"] == "Pensión universal."
    assert records[0]["instruments"] == ["Non-contributory pension"]
    assert records[0]["target_groups"] == ["Older persons"]
    assert records[0]["population_share"] == "12.50"
    assert records[0]["country"] == "MX"
    csv_headings = next(csv.reader(io.StringIO(client.get(CSV_EXPORT).content.decode()[1:])))
    assert len(records[0]) == len(csv_headings)


def test_csv_export_neutralizes_spreadsheet_formulas(client, meeting):
    practice_of(meeting, "PA", title='=HYPERLINK("http://evil.example","x")')

    rows = read_csv(client.get(CSV_EXPORT))

    assert rows[0]["Title"] == '\'=HYPERLINK("http://evil.example","x")'


# Detail ----------------------------------------------------------------------------------


def test_practice_page_shows_every_field(client, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = practice_of(
        meeting,
        "UY",
        title="Plan de Equidad",
        programme_name="Asignaciones Familiares",
        language="es",
        sdg_targets=["1.3"],
        period_start=2008,
        beneficiaries=390000,
        women_beneficiaries=210000,
        population_share="11.25",
        budget_amount="1500000.00",
        budget_currency="USD",
        description="<p>Transferencias.</p>",
        results="<p>Menos pobreza infantil.</p>",
        lessons="<ul><li>Registro único</li></ul>",
        supports_care=True,
        addresses_gbv_risks=True,
        gender_notes="<p>Titularidad femenina.</p>",
        contact_name="Ana Pérez",
        contact_email="ana@example.org",
        links="https://example.org/plan\njavascript:alert(1)",
    )
    attachment = PracticeAttachment.objects.create(
        practice=practice,
        file="practices/plan.pdf",
        original_name="plan.pdf",
        kind="pdf",
        size=2048,
    )

    response = client.get(practice.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Plan de Equidad",
        "Asignaciones Familiares",
        "Uruguay",
        "Written in Spanish",
        "Since 2008",
        "390,000 beneficiaries",
        "210,000 women among the beneficiaries",
        "11.25 % of the population",
        "1,500,000.00 USD",
        "<p>Menos pobreza infantil.</p>",
        "<li>Registro único</li>",
        "<li>Supports care work and care systems</li>",
        "<li>Addresses the risks of gender-based violence</li>",
        "<p>Titularidad femenina.</p>",
        "Ana Pérez",
        'href="mailto:ana@example.org"',
        '<a href="https://example.org/plan" rel="noopener noreferrer nofollow">',
        "plan.pdf",
        "2.0\xa0KB",
    ]:
        assert text in page, text
    assert 'href="javascript:' not in page
    try:
        download = reverse("outcomes:practice_attachment", args=[practice.pk, attachment.pk])
    except NoReverseMatch:  # The download view is built separately; the page works without.
        download = None
    assert download is None or f'<a href="{download}">plan.pdf</a>' in page
    assert "Not published" not in page


ACCOUNTS = {
    "anonymous": None,
    "focal_point_mx": "focal.mx@example.org",
    "focal_point_bb": "focal.bb@example.org",
    "delegate": Role.DELEGATE,
    "moderator": Role.MODERATOR,
    "secretariat": "secretariat@example.org",
}
# Everyone reads the compendium; Mexico's draft exists only for its focal point and the
# secretariat.
DRAFT_READERS = {"focal_point_mx", "secretariat"}


def sign_in_as(client, account):
    signed_in_as = ACCOUNTS[account]
    if signed_in_as in Role.values:
        client.force_login(UserFactory(roles=[signed_in_as]))
    elif signed_in_as:
        sign_in(client, signed_in_as)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_who_reaches_each_compendium_page(client, meeting, account):
    published = practice_of(meeting, "PA", title="Público")
    draft = practice_of(
        meeting, "MX", title="Borrador", status=PracticeStatus.DRAFT, review_comment="Añadir"
    )
    sign_in_as(client, account)
    public_pages = [LIST, CSV_EXPORT, JSON_EXPORT, published.get_absolute_url()]

    statuses = [client.get(path).status_code for path in public_pages]
    draft_response = client.get(draft.get_absolute_url())

    assert statuses == [200, 200, 200, 200]
    assert draft_response.status_code == (200 if account in DRAFT_READERS else 404)
    if account in DRAFT_READERS:
        page = draft_response.content.decode()
        assert "Not published: Draft" in page
        assert "Añadir" in page
    for path in [LIST, CSV_EXPORT, JSON_EXPORT]:
        assert "Borrador" not in client.get(path).content.decode()


def test_a_missing_practice_answers_404(client, db):
    assert client.get("/practices/999999/").status_code == 404


# Text typed by a delegation stays text ---------------------------------------------------


class TagCollector(HTMLParser):
    """Collect the tags of a page with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(page):
    """Fail when the page holds markup from the payload: only base-template scripts run."""
    collector = TagCollector()
    collector.feed(page)
    scripts = [attrs for tag, attrs in collector.tags if tag == "script"]
    assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts), scripts
    assert not [tag for tag, _attrs in collector.tags if tag == "img"]
    handlers = [
        (tag, name) for tag, attrs in collector.tags for name in attrs if name.startswith("on")
    ]
    assert handlers == []
    assert "<script>alert" not in page
    assert "<img src=x" not in page


@pytest.fixture
def hostile_practices(meeting):
    fields = dict.fromkeys(PLAIN_TEXT_FIELDS + RICH_TEXT_FIELDS, PAYLOAD)
    published = practice_of(meeting, "MX", **fields)
    draft = practice_of(meeting, "MX", status=PracticeStatus.DRAFT, **fields)
    return published, draft


def test_html_in_every_field_is_inert_on_the_pages(client, hostile_practices):
    published, draft = hostile_practices
    list_page = client.get(LIST).content.decode()
    assert_inert(list_page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in list_page  # The title, escaped.
    assert_inert(client.get(LIST, {"q": "alert"}).content.decode())
    assert_inert(client.get(published.get_absolute_url()).content.decode())

    sign_in(client, "focal.mx@example.org")
    draft_page = client.get(draft.get_absolute_url()).content.decode()

    assert_inert(draft_page)
    assert "Secretariat's comments" in draft_page  # The review comment is shown...
    assert draft_page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # ...as text.


def test_html_in_every_field_is_inert_in_the_exports(client, hostile_practices):
    json_response = client.get(JSON_EXPORT)
    record = json.loads(json_response.content)[0]
    row = read_csv(client.get(CSV_EXPORT))[0]

    assert b"<" not in json_response.content
    assert record["title"] == PAYLOAD  # Exact data, escaped in the raw file.
    assert "review_comment" not in record  # The secretariat's comments are not public.
    for field in ["description", "results", "lessons", "gender_notes"]:
        assert record[field] == ""  # The sanitizer removed the script and the image.
    assert row["Description"] == row["Lessons learned"] == ""
    assert row["Title"] == PAYLOAD  # A CSV cell is data, never markup a browser runs.
    assert json_response["X-Content-Type-Options"] == "nosniff"


# Queries ---------------------------------------------------------------------------------


def build_compendium(meeting, count):
    practices = []
    for number in range(count):
        practice = practice_of(
            meeting,
            ["MX", "PA", "BB", "UY", "DO"][number % 5],
            instruments=["cash-transfer-conditional", "emergency-bonus", "care-services"],
            target_groups=["women", "older-persons", "poverty"],
            sdg_targets=["1.3", "5.4"],
            description="Cash transfers with care services.",
        )
        for name in ["a.pdf", "b.docx"]:
            PracticeAttachment.objects.create(
                practice=practice, file=f"practices/{name}", original_name=name, kind="pdf", size=9
            )
        practices.append(practice)
    return practices


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    LIST,
    LIST + "?q=cash&target_group=women&instrument=cash-transfer&sdg_target=1.3&country=MX",
    LIST + "?page=2",
    CSV_EXPORT,
    JSON_EXPORT + "?instrument=cash-transfer",
]


def test_pages_run_the_same_queries_for_few_and_many_practices(client, meeting):
    few = build_compendium(meeting, 2)
    sign_in(client, "focal.mx@example.org")
    small = [count_queries(client, url) for url in PAGES]
    small_detail = count_queries(client, few[0].get_absolute_url())

    many = build_compendium(meeting, 30)

    assert [count_queries(client, url) for url in PAGES] == small
    assert count_queries(client, many[-1].get_absolute_url()) == small_detail
