"""The figures page and the meeting page's panel fit a phone: 390 px, nothing scrolls
sideways but the tables and charts, each in its own container. Screenshots go to
``var/test/inclusion/``."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from agenda.models import Meeting
from delegations.enums import MemberRole
from delegations.models import Delegation
from inclusion.enums import Gender
from inclusion.models import SelfDeclaration
from tests.delegations.floor_factories import DelegationMemberFactory
from tests.e2e.test_accessibility import AXE_JS, BLOCKING, axe_violations, describe
from tests.e2e.test_agenda_editor import sign_in
from tests.e2e.test_tables_on_phones import PHONE, PUBLIC_MEASURE
from tests.outcomes.factories import GoodPracticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(django_settings.BASE_DIR) / "var" / "test" / "inclusion"


def declared_demo(meeting):
    """The demo meeting, ended, its speakers declared, a head per delegation, practices."""
    Meeting.objects.filter(pk=meeting.pk).update(end_time=datetime.time(13, 0))
    genders = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, "", Gender.WOMAN, Gender.ANOTHER]
    people = {slot.person for part in meeting.segments.all() for slot in part.slots.all()}
    for person, gender in zip(sorted(people, key=lambda p: p.pk), genders * 5, strict=False):
        SelfDeclaration.objects.get_or_create(
            person=person, defaults={"gender": gender, "youth": gender == Gender.WOMAN}
        )
    for index, delegation in enumerate(Delegation.objects.filter(meeting=meeting)):
        head = DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD)
        SelfDeclaration.objects.create(member=head, gender=genders[index % len(genders)])
        if delegation.member_state_id:
            GoodPracticeFactory(
                delegation=delegation,
                target_groups=["women", "older-persons", "persons-with-disabilities"],
                instruments=["cash-transfer-conditional", "cash-transfer-unconditional"],
            )


def measure(page, url, shot):
    """Return what sticks out of ``url`` at 390 px, and its serious WCAG 2.2 AA violations."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.screenshot(path=SCREENS / f"{shot}-phone.png", full_page=True)
    found = page.evaluate(PUBLIC_MEASURE)
    if AXE_JS.is_file():
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
        found["violations"] = describe(blocking)
    return found


def test_the_figures_fit_a_phone(live_server, demo_meeting, page):
    declared_demo(demo_meeting)
    SCREENS.mkdir(parents=True, exist_ok=True)

    public = measure(page, live_server.url + demo_meeting.get_absolute_url(), "panel")
    sign_in(page, live_server.url, "secretariat@example.org")
    url = live_server.url + reverse("inclusion:figures", args=[demo_meeting.slug])
    secretariat = measure(page, url, "secretariat")

    for found in (public, secretariat):
        assert found["scrollWidth"] <= PHONE["width"], found
        assert not found["outside"], found
        assert not found.get("violations"), found["violations"]
    assert page.locator("main table caption").count() == 6
    # Each table's container takes the keyboard's focus, so it scrolls without a mouse.
    container = page.locator("[data-table-scrolls][tabindex='0']").first
    container.focus()
    assert container.evaluate("(el) => document.activeElement === el")
