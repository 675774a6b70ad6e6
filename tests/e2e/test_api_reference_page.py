"""The API's reference page passes axe-core in every language, with no script of its own."""

import pytest

from tests.e2e.test_accessibility import AXE_JS, BLOCKING, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_the_reference_page_has_no_serious_violation(
    live_server,
    browser,
    demo_meeting,
    language,
):
    if not AXE_JS.is_file():
        pytest.skip(f"needs axe-core at {AXE_JS}")
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "violates" in message.text else None,
    )
    try:
        response = page.goto(f"{live_server.url}/api/v1/docs/?lang={language}")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        page.get_by_role("link", name="/api/v1/meetings/remdes-v/").first.click()
        page.go_back()
        violations = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    finally:
        context.close()
    assert violations == [], describe(violations)
    assert blocked == []
