"""axe-core on every page of the permission matrix, as each role that opens it, in each language.

``tests/e2e/test_accessibility.py`` checks the main pages; a page added to ``MATRIX``
(tests/test_permissions.py) is checked here without anyone listing it. Every HTML page that
answers 200 to some role is opened as the least and the most privileged of the roles that
open it (a role in between sees the same template with fewer or more controls), in English,
Spanish, French and Portuguese, and run through axe-core with the WCAG 2.2 A/AA rules.

One test per language reports every serious or critical violation at once, so that a
change to a shared template shows all the pages it breaks. The demo is seeded once per
test (a live-server test empties the database afterwards), each role has one browser
context, and pages that show their form only in some state are prepared once, after the
pages that need no state (``PREPARE`` of tests/security/test_every_form.py).
"""

import time

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.test_accessibility import (
    AXE_JS,
    BLOCKING,
    axe_violations,
    describe,
    open_details,
    report,
)
from tests.security.test_every_form import NOT_HTML, PREPARE, ROLES_BY_PRIVILEGE, WITHOUT_OWN_FORM
from tests.test_permissions import MATRIX, sign_in, url_values  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "es", "fr", "pt"]
NOT_HTML_PAGES = {name for name, reason in WITHOUT_OWN_FORM.items() if reason == NOT_HTML}
# HTML that is part of another page, not a page: checked where it is shown. The test makes
# sure each is still a fragment (no <html> of its own), or checks it as a page.
FRAGMENTS = {
    "documents:document_status": "the document's state, polled by htmx into the meeting "
    "page's documents panel (tests/e2e/test_documents.py)",
}


def roles_opening(expected):
    """Return the least and the most privileged roles that open a page (200), or []."""
    roles = [
        role
        for role in ROLES_BY_PRIVILEGE
        if expected.get(role, expected.get("focal_point")) == 200
    ]
    return sorted({roles[0], roles[-1]}, key=ROLES_BY_PRIVILEGE.index) if roles else []


# (url name, path, role), the pages that need a state last.
VISITS = sorted(
    (
        (name, path, role)
        for name, (path, expected) in MATRIX.items()
        if name not in NOT_HTML_PAGES
        for role in roles_opening(expected)
    ),
    key=lambda visit: (visit[0] in PREPARE, visit[0], ROLES_BY_PRIVILEGE.index(visit[2])),
)


def prefixed(language, path):
    if path.startswith("/api/"):
        # Outside the language prefix: the API and its reference page take ?lang=.
        return f"{path}?lang={language}"
    return path if language == "en" else f"/{language}{path}"


def context_for(browser, live_server, role):
    """A browser context signed in as ``role`` (the session of tests/test_permissions.py)."""
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 900}, accept_downloads=False
    )
    if role != "anonymous":
        client = Client()
        sign_in(client, role)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def matrix_state(settings, request):
    """The records the paths name (``url_values``), and the secretariat's pages open."""
    settings.SECRETARIAT_REQUIRES_MFA = False
    return request.getfixturevalue("url_values")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_matrix_has_no_serious_wcag_22_aa_violation(
    live_server, browser, demo_meeting, matrix_state, language
):
    if not AXE_JS.is_file():
        pytest.skip(f"needs axe-core at {AXE_JS} (run `npm ci`, as `make test` does)")
    started = time.monotonic()
    pages, problems, prepared = {}, [], False
    try:
        for name, path, role in VISITS:
            if name in PREPARE and not prepared:
                for prepare in set(PREPARE.values()):
                    prepare(demo_meeting)
                prepared = True
            if role not in pages:
                pages[role] = context_for(browser, live_server, role)
            page = pages[role][1]
            url = live_server.url + prefixed(language, path.format(**matrix_state))
            response = page.goto(url)
            where = f"{name} as {role} ({page.url.removeprefix(live_server.url)})"
            if response.status != 200:
                problems.append(f"{where}: answered {response.status}")
                continue
            if "html" not in (response.headers.get("content-type") or ""):
                problems.append(f"{where}: not HTML; add it to NOT_HTML in test_every_form")
                continue
            if name in FRAGMENTS and "<html" not in response.text().lower():
                continue
            open_details(page)
            violations = axe_violations(page)
            report(f"{name} as {role} in {language}", page.url, violations)
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            if blocking:
                problems.append(f"{where}:\n{describe(blocking)}")
    finally:
        for context, _page in pages.values():
            context.close()
    print(f"{language}: {len(VISITS)} pages × roles checked in {time.monotonic() - started:.0f} s")
    assert not problems, f"{len(problems)} page(s) in {language}:\n" + "\n".join(problems)
