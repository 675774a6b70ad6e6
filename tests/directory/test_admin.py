"""The administration site: every record of the portal, for the secretariat's staff."""

import pytest
from django.apps import apps
from django.contrib import admin

from accounts.models import User
from delegations.models import Organization
from speakers.models import Person

# The portal's apps whose records the administration site edits.
PORTAL_APPS = [
    "accounts",
    "agenda",
    "speakers",
    "delegations",
    "outcomes",
    "live",
    "reminders",
    "documents",
]


def portal_models():
    """Return every model of the portal's apps, historical records left out."""
    return [
        model
        for label in PORTAL_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def changelist(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def test_every_model_of_the_portal_is_in_the_administration_site():
    missing = [
        model._meta.label for model in portal_models() if not admin.site.is_registered(model)
    ]

    assert missing == []


def people_organizations_and_meetings(meeting):
    person = Person.objects.get(full_name="Chair of CIDI")
    organization = Organization.objects.get(acronym="ECLAC")
    return [
        "/admin/speakers/person/",
        f"/admin/speakers/person/{person.pk}/change/",
        "/admin/delegations/organization/",
        f"/admin/delegations/organization/{organization.pk}/change/",
        "/admin/agenda/meeting/",
        f"/admin/agenda/meeting/{meeting.pk}/change/",
        f"/admin/agenda/meeting/{meeting.pk}/history/",
    ]


def test_the_demo_secretariat_opens_people_organizations_and_meetings_in_the_admin(
    client, demo_meeting
):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    paths = people_organizations_and_meetings(demo_meeting)

    statuses = {path: client.get(path).status_code for path in paths}

    assert statuses == dict.fromkeys(paths, 200)


def test_a_focal_point_cannot_open_the_admin(client, demo_meeting):
    client.force_login(User.objects.get(email="focal.pa@example.org"))
    paths = people_organizations_and_meetings(demo_meeting)

    answers = [client.get(path) for path in paths]

    # Not staff: sent to the admin's sign-in, which refuses a signed-in user who is not staff.
    assert {(answer.status_code, answer["Location"].split("?")[0]) for answer in answers} == {
        (302, "/admin/login/")
    }
    assert client.get(answers[0]["Location"]).status_code == 403


def test_the_demo_secretariat_saves_an_email_for_the_chair_in_the_admin(client, demo_meeting):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    chair = Person.objects.get(full_name="Chair of CIDI")
    page = client.get(f"/admin/speakers/person/{chair.pk}/change/")
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None
    }

    response = client.post(
        f"/admin/speakers/person/{chair.pk}/change/",
        {**data, "email": "chair@example.org", "time_zone": "America/Panama"},
    )

    assert response.status_code == 302
    chair.refresh_from_db()
    assert (chair.email, chair.time_zone) == ("chair@example.org", "America/Panama")


@pytest.mark.parametrize("model", portal_models(), ids=lambda model: model._meta.label)
def test_every_admin_list_and_change_page_opens_for_the_demo_secretariat(
    client, demo_meeting, model
):
    client.force_login(User.objects.get(email="secretariat@example.org"))
    record = model._default_manager.order_by("pk").first()

    assert client.get(changelist(model)).status_code == 200
    if record is not None:
        assert client.get(f"{changelist(model)}{record.pk}/change/").status_code == 200
