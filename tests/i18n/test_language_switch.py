"""The language switcher: from every language to every other, signed in and signed out."""

import itertools

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

MEETING = "/meetings/social-safety-nets/"
HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
LANGUAGES = ("en", "es", "fr", "pt")
PAIRS = list(itertools.permutations(LANGUAGES, 2))


def address(language, path=MEETING):
    """Return the page's address in a language: English has no prefix."""
    return path if language == "en" else f"/{language}{path}"


def switch(client, language, page, **headers):
    """Choose a language on a page with the switcher and follow where it leads."""
    return client.post(
        "/i18n/setlang/", {"language": language, "next": page}, follow=True, **HTML, **headers
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{s}-{t}" for s, t in PAIRS])
def test_the_switcher_goes_from_every_language_to_every_other(
    client, demo_meeting, source, target, signed_in
):
    user = User.objects.get(email="focal.bb@example.org")
    User.objects.filter(pk=user.pk).update(preferred_language=source)
    if signed_in:
        client.force_login(user)
    assert client.get(address(source), **HTML).status_code == 200

    response = switch(client, target, address(source))

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == address(target)
    assert f'<html lang="{target}">' in response.content.decode()
    user.refresh_from_db()
    assert user.preferred_language == (target if signed_in else source)


def test_a_spanish_browser_is_sent_to_spanish_once_then_the_choice_wins(client, demo_meeting):
    spanish_browser = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
    first = client.get(MEETING, follow=True, **HTML, **spanish_browser)
    assert first.redirect_chain == [("/es" + MEETING, 302)]

    to_french = switch(client, "fr", "/es" + MEETING, **spanish_browser)
    to_english = switch(client, "en", "/fr" + MEETING, **spanish_browser)
    again = client.get(MEETING, **HTML, **spanish_browser)

    assert to_french.redirect_chain[-1][0] == "/fr" + MEETING
    assert to_english.redirect_chain[-1][0] == MEETING
    assert '<html lang="en">' in to_english.content.decode()
    assert again.status_code == 200


def test_a_switch_that_cannot_reach_the_page_keeps_the_accounts_language(client, demo_meeting):
    """The account's language (and so its emails) follows the pages: a switch that leaves
    the reader on a page in the old language must not change it behind their back."""
    user = User.objects.get(email="focal.bb@example.org")
    User.objects.filter(pk=user.pk).update(preferred_language="es")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "pt", "next": "/es/no-such-page/"})

    assert response.status_code == 302
    assert response["Location"] == "/es/no-such-page/"
    user.refresh_from_db()
    assert user.preferred_language == "es"
