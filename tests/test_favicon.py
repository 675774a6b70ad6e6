"""The portal's icon: an SVG linked from every page, and /favicon.ico sends browsers to it."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.django_db
def test_favicon_ico_sends_browsers_to_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg") == "/static/img/favicon.svg"


@pytest.mark.django_db
def test_favicon_ico_keeps_its_address_in_every_language(client):
    response = client.get("/favicon.ico", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Location"] == "/static/img/favicon.svg"


@pytest.mark.django_db
def test_pages_link_the_svg_icon(client):
    response = client.get("/")

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in (
        response.content.decode()
    )


def test_favicon_is_a_small_svg_with_a_title():
    path = finders.find("img/favicon.svg")

    assert path is not None
    with open(path, "rb") as icon:
        content = icon.read()
    assert len(content) < 2048
    root = ET.fromstring(content)  # noqa: S314 - the portal's own file, not user input
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "CIDI meetings"
    assert "script" not in content.decode()
