"""A new secretariat officer builds the next CIDI dialogue from scratch, in Spanish.

Lorena (secretariat) creates "Diálogo del CIDI sobre educación digital", adds the
Inter-American Development Bank to the directory, builds the agenda (an opening, a
technical panel with an expert of the IDB at 4 + 3 minutes, a dialogue), adds the
expert from the half-filled slot form, invites her; the expert confirms from the emailed
link and uploads her statement, which the secretariat then sees in the editor; the
meeting is published through its checklist; its calendar, read with icalendar, agrees
event by event with the public page. Screenshots at 1366 px and 390 px go to
``var/test/journey/`` for people to look at.
"""

import re
from pathlib import Path

import icalendar
import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from agenda.models import Meeting
from delegations.models import Organization
from tests.conftest import DEMO_PASSWORD
from tests.speakers.factories import PDF_BYTES  # a whole one-page PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(django_settings.BASE_DIR) / "var" / "test" / "journey"
WIDTHS = {"wide": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page, name):
    """Save the page at both widths (then back to the wide one)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=SCREENS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(WIDTHS["wide"])


def sign_in_in_spanish(page, base_url, email):
    page.goto(f"{base_url}/es/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("button", name="Cerrar sesión", include_hidden=True)).to_have_count(1)


def emailed_link(mail_dir, pattern):
    """Return the last link matching ``pattern`` in the emails written to ``mail_dir``."""
    links = []
    for path in sorted(Path(mail_dir).glob("*.log"), key=lambda p: p.stat().st_mtime):
        links += re.findall(pattern, path.read_text(encoding="utf-8"))
    assert links, f"no email holds {pattern}"
    return links[-1]


MEETING_TITLE = "Diálogo del CIDI sobre educación digital"
SLUG = "dialogo-del-cidi-sobre-educacion-digital"
QUESTION = "¿Cómo puede la educación digital llegar a los hogares más vulnerables?"


def create_the_meeting(officer, base):
    """A new meeting: the web address follows the title as it is typed."""
    officer.goto(f"{base}/es/secretariat/meetings/new/")
    officer.get_by_label("Título").first.fill(MEETING_TITLE)
    expect(officer.locator("#id_slug")).to_have_value(SLUG)
    officer.locator("#id_date").fill("2027-03-18")
    officer.locator("#id_start_time").fill("10:00")
    officer.locator("#id_end_time").fill("11:30")
    officer.locator("#id_time_zone").select_option("America/New_York")
    officer.locator("#id_venue").fill("Sede de la OEA, Washington, D.C.")
    shoot(officer, "01-new-meeting")
    officer.get_by_role("button", name="Guardar reunión").click()
    expect(officer).to_have_url(f"{base}/es/secretariat/meetings/{SLUG}/")
    meeting = Meeting.objects.get(slug=SLUG)
    assert (meeting.title_es, meeting.title_en or "") == (MEETING_TITLE, "")
    return meeting


def add_the_idb(officer, base):
    """The Inter-American Development Bank joins the directory of organizations."""
    officer.goto(f"{base}/es/secretariat/organizations/new/")
    officer.locator("#id_acronym").fill("IDB")
    officer.locator("#id_name_en").fill("Inter-American Development Bank")
    officer.locator("#id_name_es").fill("Banco Interamericano de Desarrollo")
    officer.locator("#id_acronym_es").fill("BID")
    officer.locator("form button[type=submit]").last.click()
    expect(officer.get_by_text("Banco Interamericano de Desarrollo").first).to_be_visible()
    return Organization.objects.get(acronym="IDB")


def add_the_parts(officer, editor):
    """An opening, a technical panel, a dialogue with the delegations."""
    for title, kind, minutes in [
        ("Apertura", "opening", "10"),
        ("Panel técnico", "technical_panel", ""),
        ("Diálogo con las delegaciones", "delegations_dialogue", "30"),
    ]:
        officer.goto(editor)
        officer.get_by_role("link", name="Agregar una parte").click()
        officer.locator("#editor-panel #id_title").fill(title)
        officer.locator("#editor-panel #id_kind").select_option(kind)
        officer.locator("#editor-panel #id_allotted_minutes").fill(minutes)
        officer.locator("#editor-panel [type=submit][name=save]").click()
        expect(officer.locator("section.segment-card", has_text=title)).to_be_visible()


def add_the_expert_from_the_slot_form(officer, idb):
    """Half-way through the slot form the expert turns out to be missing: add her."""
    panel = officer.locator("section.segment-card", has_text="Panel técnico")
    panel.get_by_role("link", name="Agregar un turno de intervención").click()
    officer.locator("#editor-panel #id_speaking_minutes").fill("4")
    officer.locator("#editor-panel #id_qa_minutes").fill("3")
    officer.get_by_role("button", name="Agregar primero una persona").click()
    officer.locator("#editor-panel #id_full_name").fill("Ana Experta")
    officer.locator("#editor-panel #id_protocol_title").fill("Dra.")
    officer.locator("#editor-panel #id_email").fill("ana.experta@example.org")
    officer.locator("#editor-panel #id_preferred_language").select_option("es")
    officer.locator("#editor-panel [type=submit][name=save]").click()
    # Back in the slot form, as it was left, with the new person chosen.
    expect(officer.locator("#editor-panel #id_speaking_minutes")).to_have_value("4")
    expect(officer.locator("#editor-panel #id_qa_minutes")).to_have_value("3")
    expect(officer.locator("#editor-panel #id_person option:checked")).to_contain_text(
        "Ana Experta"
    )
    officer.locator("#editor-panel #id_role").select_option("panelist")
    officer.locator("#editor-panel #id_representing_organization").select_option(str(idb.pk))
    officer.locator("#editor-panel [type=submit][name=save]").click()
    expert_row = officer.locator("li.slot-item", has_text="Ana Experta")
    expect(expert_row).to_contain_text("10:10–10:17")
    expect(expert_row).to_contain_text("Aún sin invitar")
    panel.get_by_role("link", name="Agregar una pregunta orientadora").click()
    officer.locator("#editor-panel #id_text").fill(QUESTION)
    officer.locator("#editor-panel [type=submit][name=save]").click()
    expect(panel).to_contain_text(QUESTION)
    shoot(officer, "02-editor")


def set_the_confirmation_deadline(officer, base):
    """Speakers answer by March 4 (under Delegations, registration settings)."""
    officer.goto(f"{base}/es/secretariat/meetings/{SLUG}/delegations/")
    officer.locator("#id_confirmation_deadline_date").fill("2027-03-04")
    officer.locator("#id_confirmation_deadline_time").fill("17:59")
    officer.locator("#id_confirmation_deadline_time").press("Enter")
    expect(officer.locator("#id_confirmation_deadline_date")).to_have_value("2027-03-04")


def invite_the_expert(officer, editor, mail_dir):
    """Invite her; return the link of the email she receives."""
    officer.goto(editor)
    expert_row = officer.locator("li.slot-item", has_text="Ana Experta")
    expert_row.get_by_role("button", name=re.compile("^Invitar")).click()
    expect(officer.locator("li.slot-item", has_text="Ana Experta")).to_contain_text(
        "Invitación enviada el"
    )
    return emailed_link(mail_dir, r"https?://[^\s]+/speakers/invitation/[^\s/]+/")


def the_expert_confirms_and_sends_her_statement(expert, link, base):
    expert.goto(re.sub(r"^https?://[^/]+", base, link))
    # The meeting's deadline, not the link's expiry.
    expect(expert.get_by_text("4 de marzo de 2027")).to_be_visible()
    expect(expert.get_by_text(QUESTION)).to_be_visible()
    expert.get_by_role("button", name="Confirmar").click()
    expect(expert.get_by_role("status").first).to_contain_text("confirm")
    expert.locator("input[type=file]").set_input_files(
        {"name": "declaracion-bid.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    expert.locator("#statement-form [type=submit]").click()
    expect(expert.get_by_text("declaracion-bid.pdf").first).to_be_visible()
    shoot(expert, "03-speaker")


def the_secretariat_sees_the_answer_and_the_statement(officer, editor):
    officer.goto(editor)
    expert_row = officer.locator("li.slot-item", has_text="Ana Experta")
    expect(expert_row).to_contain_text("Confirmad")
    expect(expert_row.get_by_role("link", name=re.compile("declaracion-bid.pdf"))).to_be_visible()


def publish_through_the_checklist(officer):
    """Warnings, not blockers: two deadlines are still missing."""
    officer.get_by_role("link", name="Publicar…").click()
    checklist = officer.get_by_test_id("publish-checklist")
    expect(checklist).to_contain_text("Plazos no fijados.")
    expect(checklist).not_to_contain_text("confirmado")
    shoot(officer, "04-publish")
    officer.get_by_role("button", name="Publicar ahora").click()
    expect(officer.locator("#meeting-status")).to_have_text("Publicada")


def calendar_events(page, base, meeting):
    """Return the calendar's events as (summary, start, end) in the meeting's zone."""
    response = page.request.get(f"{base}/meetings/{meeting.slug}/agenda.ics")
    assert response.ok
    zone = meeting.tzinfo
    return [
        (
            str(event["SUMMARY"]),
            event.decoded("DTSTART").astimezone(zone),
            event.decoded("DTEND").astimezone(zone),
        )
        for event in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    ]


def test_the_secretariat_builds_invites_and_publishes_a_meeting_in_spanish(
    live_server, demo_meeting, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    base = live_server.url
    officer = browser.new_context(locale="es-ES", viewport=WIDTHS["wide"]).new_page()
    officer.set_default_timeout(15_000)
    expert = browser.new_context(locale="es-ES", viewport=WIDTHS["wide"]).new_page()
    expert.set_default_timeout(15_000)

    sign_in_in_spanish(officer, base, "secretariat@example.org")
    meeting = create_the_meeting(officer, base)
    editor = f"{base}/es/secretariat/meetings/{meeting.slug}/"
    idb = add_the_idb(officer, base)
    add_the_parts(officer, editor)
    add_the_expert_from_the_slot_form(officer, idb)
    set_the_confirmation_deadline(officer, base)
    link = invite_the_expert(officer, editor, settings.EMAIL_FILE_PATH)
    the_expert_confirms_and_sends_her_statement(expert, link, base)
    the_secretariat_sees_the_answer_and_the_statement(officer, editor)
    publish_through_the_checklist(officer)

    # The calendar agrees with the public page, event by event, and ends at 11:30.
    events = calendar_events(officer, base, meeting)
    officer.goto(f"{base}/es/meetings/{meeting.slug}/")
    shoot(officer, "05-public-page")
    clock = "{:%H:%M}".format
    assert [(clock(start), clock(end)) for _summary, start, end in events] == [
        ("10:00", "11:30"),
        ("10:00", "10:10"),
        ("10:10", "10:17"),
        ("10:10", "10:17"),
        ("10:17", "10:47"),
    ]
    assert events[0][0] == MEETING_TITLE
    for summary, start, _end in events[1:]:
        name = "Ana Experta" if "Ana Experta" in summary else summary
        shown = officer.locator("section.segment-card tr, section.segment-card h3").filter(
            has_text=name
        )
        expect(shown.first).to_contain_text(clock(start))
