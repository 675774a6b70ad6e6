"""A form sent with errors says so in the title and lists each error as a link to its field.

WCAG 3.3.1 and 2.4.3: the summary at the top of the form names every error and leads to its
field, the page's title begins with "Error:" so that the first thing a screen reader
announces is that the form was refused, and each field in error is marked invalid and
described by its message.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.delegations.test_registration import delegation_of, member_data
from tests.outcomes.test_cooperation import add_url, item_data
from tests.outcomes.test_practices import practice_data


class Elements(HTMLParser):
    """Every element of a page with its attributes, the <title>'s text and the summary's links."""

    def __init__(self, page):
        super().__init__()
        self.elements = []
        self.title = ""
        self.summary_links = []
        self._in_title = False
        self._summary_depth = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        self._in_title = tag == "title"
        if self._summary_depth:
            self._summary_depth += 1
            if tag == "a" and attrs.get("href", "").startswith("#"):
                self.summary_links.append(attrs["href"][1:])
        elif "data-error-summary" in attrs and not self.summary_links:
            self._summary_depth = 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._summary_depth:
            self._summary_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def by_id(self, element_id):
        return next((attrs for tag, attrs in self.elements if attrs.get("id") == element_id), None)

    def summaries(self):
        return [attrs for tag, attrs in self.elements if "data-error-summary" in attrs]


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def assert_summarised(response, fields):
    """The page was refused with a summary linking to each of ``fields``, marked invalid."""
    assert response.status_code == 200
    page = Elements(response.content.decode())
    assert page.title.strip().startswith("Error:"), page.title
    [summary] = page.summaries()
    assert summary["tabindex"] == "-1"
    assert summary.get("role") == "alert" or summary.get("aria-labelledby")
    links = page.summary_links
    assert links, "the summary has no link to a field"
    for field in fields:
        assert f"id_{field}" in links, (field, links)
    for target in links:
        field = page.by_id(target)
        assert field is not None, f"#{target} is not on the page"
        assert field.get("aria-invalid") == "true", (target, field)
        described_by = field.get("aria-describedby", "").split()
        assert described_by, f"#{target} is not described by its error"
        assert all(page.by_id(part) is not None for part in described_by), described_by
    return page


def test_the_member_form_sent_empty_is_summarised(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")

    response = signed_in("focal.pa@example.org").post(
        f"/delegations/{panama.pk}/members/new/", member_data("", role="")
    )

    assert_summarised(response, ["full_name", "role"])


def test_the_member_edit_form_sent_empty_is_summarised(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")
    focal = signed_in("focal.pa@example.org")
    focal.post(f"/delegations/{panama.pk}/members/new/", member_data("Eva Pérez"))
    member = panama.members.get(full_name="Eva Pérez")

    response = focal.post(f"/delegations/{panama.pk}/members/{member.pk}/", member_data(""))

    assert_summarised(response, ["full_name"])


def test_the_practice_form_sent_with_errors_is_summarised(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(title="", beneficiaries=10, women_beneficiaries=50),
    )

    assert_summarised(response, ["title", "women_beneficiaries"])


def test_the_cooperation_item_form_sent_empty_is_summarised(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")

    response = signed_in("focal.pa@example.org").post(
        add_url(panama), item_data(prefix="offer-", title="")
    )

    assert_summarised(response, ["offer-title"])


def test_the_meeting_form_sent_empty_is_summarised(demo_meeting):
    response = signed_in("secretariat@example.org").post(
        reverse("agenda:meeting_create"), {"title": ""}
    )

    assert_summarised(response, ["title"])


def test_the_profile_sent_without_a_name_is_summarised(demo_meeting):
    response = signed_in("focal.pa@example.org").post(
        reverse("profile"), {"full_name": "", "preferred_language": "en"}
    )

    assert_summarised(response, ["full_name"])


def test_a_refused_sign_in_is_an_alert_and_marks_both_fields_invalid(demo_meeting):
    response = Client().post(
        reverse("account_login"), {"login": "focal.pa@example.org", "password": "wrong"}
    )

    page = assert_summarised(response, ["login"])
    [summary] = page.summaries()
    assert summary.get("role") == "alert"
    for field in ("id_login", "id_password"):
        assert page.by_id(field).get("aria-invalid") == "true", field
        [message] = page.by_id(field)["aria-describedby"].split()
        assert page.by_id(message) is not None


def test_a_page_without_errors_has_no_summary_and_no_error_title(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")

    response = signed_in("focal.pa@example.org").get(f"/delegations/{panama.pk}/")

    page = Elements(response.content.decode())
    assert not page.title.strip().startswith("Error:")
    assert page.summaries() == []


def test_the_error_title_is_translated(demo_meeting):
    response = Client().post(
        "/es/accounts/login/",
        {"login": "focal.pa@example.org", "password": "wrong"},
        headers={"accept-language": "es"},
    )

    page = Elements(response.content.decode())
    assert page.title.strip().startswith("Error:"), page.title
    assert "Hay un problema" in response.content.decode()
