"""The four official languages: in the URL, from the browser, on the account, in content."""

import re

import pytest
from django.utils import translation

from accounts.models import User
from agenda.models import Segment
from delegations.models import Delegation

pytestmark = pytest.mark.django_db

MEETING = "/meetings/social-safety-nets/"
HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


def page_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def test_english_pages_have_no_prefix_and_the_others_do(client, demo_meeting):
    english = client.get(MEETING, **HTML)
    spanish = client.get("/es" + MEETING, **HTML)

    assert english.status_code == spanish.status_code == 200
    assert 'lang="en"' in english.content.decode()
    assert 'lang="es"' in spanish.content.decode()


@pytest.mark.parametrize(
    ("header", "expected"),
    [("es-AR,es;q=0.9,en;q=0.5", "/es/"), ("fr-CA,fr;q=0.8", "/fr/"), ("pt-BR", "/pt/")],
)
def test_the_browser_language_chooses_the_prefix(client, demo_meeting, header, expected):
    response = client.get(MEETING, HTTP_ACCEPT_LANGUAGE=header, **HTML)

    assert response.status_code == 302
    assert response["Location"] == expected + MEETING.lstrip("/")


def test_an_english_or_unknown_browser_stays_on_the_english_page(client, demo_meeting):
    for header in ("en-US,en;q=0.9", "de-DE", ""):
        response = client.get(MEETING, HTTP_ACCEPT_LANGUAGE=header, **HTML)
        assert response.status_code == 200


def test_the_switcher_wins_over_the_browser(client, demo_meeting):
    client.post("/i18n/setlang/", {"language": "en", "next": MEETING})

    response = client.get(MEETING, HTTP_ACCEPT_LANGUAGE="es", **HTML)

    assert response.status_code == 200


def test_a_script_or_a_download_keeps_its_address(client, demo_meeting):
    response = client.get(
        MEETING + "agenda.ics", HTTP_ACCEPT_LANGUAGE="es", HTTP_ACCEPT="text/calendar"
    )

    assert response.status_code == 200


def test_switching_language_is_kept_for_pages_and_on_the_account_for_emails(client, demo_meeting):
    user = User.objects.get(email="focal.bb@example.org")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "pt", "next": MEETING})

    assert response["Location"] == "/pt" + MEETING
    assert client.get(MEETING, **HTML)["Location"] == "/pt" + MEETING
    user.refresh_from_db()
    assert user.preferred_language == "pt"


def test_the_language_switcher_is_on_every_page(client, demo_meeting):
    for path in ("/", MEETING, "/practices/", "/accounts/login/"):
        html = client.get(path, **HTML).content.decode()
        assert 'action="/i18n/setlang/"' in html, path
        for code, name in (("es", "Español"), ("fr", "Français"), ("pt", "Português")):
            assert f'value="{code}"' in html and name in html, path


def test_content_shows_in_the_readers_language_and_falls_back(demo_meeting):
    part_one = Segment.objects.get(meeting=demo_meeting, order=1)
    part_one.title_fr = None
    part_one.save()

    with translation.override("es"):
        assert part_one.title.startswith("Primera parte") or "Parte" in part_one.title
    with translation.override("fr"):
        assert part_one.title == part_one.title_en


def test_the_secretariat_sees_which_texts_fall_back(client, demo_meeting):
    part_one = Segment.objects.get(meeting=demo_meeting, order=1)
    Segment.objects.filter(pk=part_one.pk).update(title_pt=None)
    client.force_login(User.objects.get(email="secretariat@example.org"))

    page = page_text(client.get("/pt" + MEETING))
    coverage = page_text(client.get("/secretariat/meetings/social-safety-nets/languages/"))

    assert "Versão em português ausente" in page or "português" in page.lower()
    assert "Portuguese" in coverage or "Português" in coverage
    assert re.search(r"Português: (\d+) / \1", coverage) is None  # one text is missing


def test_the_secretariat_fills_in_a_language_side_by_side(client, demo_meeting):
    part_one = Segment.objects.get(meeting=demo_meeting, order=1)
    client.force_login(User.objects.get(email="secretariat@example.org"))
    path = f"/secretariat/meetings/social-safety-nets/languages/part/{part_one.pk}/"
    form = {
        "version": part_one.version,
        "title_en": part_one.title_en,
        "title_es": part_one.title_es or "",
        "title_fr": "Première partie : interventions des hautes autorités",
        "title_pt": part_one.title_pt or "",
        "description_en": part_one.description_en or "",
        "description_es": part_one.description_es or "",
        "description_fr": part_one.description_fr or "",
        "description_pt": part_one.description_pt or "",
    }

    response = client.post(path, form)

    assert response.status_code == 302
    part_one.refresh_from_db()
    assert part_one.title_fr == "Première partie : interventions des hautes autorités"
    assert part_one.version == form["version"] + 1


def test_a_text_cannot_be_emptied_in_every_language(client, demo_meeting):
    part_one = Segment.objects.get(meeting=demo_meeting, order=1)
    client.force_login(User.objects.get(email="secretariat@example.org"))
    path = f"/secretariat/meetings/social-safety-nets/languages/part/{part_one.pk}/"
    form = {"version": part_one.version}
    form.update({f"title_{code}": "" for code in ("en", "es", "fr", "pt")})

    response = client.post(path, form)

    assert response.status_code == 400
    assert "Give this text in at least one language." in response.content.decode()
    part_one.refresh_from_db()
    assert part_one.title_en


def test_country_names_follow_the_language(demo_meeting):
    kitts = Delegation.objects.filter(meeting=demo_meeting).first().member_state
    from delegations.models import MemberState

    kitts = MemberState.objects.get(iso2="KN")
    names = {}
    for code in ("en", "es", "fr", "pt"):
        with translation.override(code):
            names[code] = str(kitts)
    assert names["en"] == "Saint Kitts and Nevis"
    assert names["es"] == "Saint Kitts y Nevis"
    assert names["fr"].startswith("Saint-Kitts")
    assert names["pt"].startswith("São Cristóvão")
