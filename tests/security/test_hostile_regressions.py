"""Defects the every-form suite (test_every_form.py) found, each pinned by a narrow case."""

import pytest
from django import forms

from agenda.models import Segment
from cidi_meeting.text import SafeTextMixin
from delegations.models import Delegation, DelegationMember, FloorRequest
from live.models import RoomDisplay
from tests.agenda.test_editor import meeting_form_data
from tests.security.test_hostile_input import media, signed_in  # noqa: F401 - media is autouse

EDITOR = "/secretariat/meetings/social-safety-nets/"
OVERRIDE = "Ana \u202egnaW\u202c Pérez"


@pytest.mark.parametrize("next_value", ["<script>alert(1)</script>", "Ana Pérez", "agenda:editor"])
def test_a_withdrawal_whose_next_is_not_a_path_goes_back_to_the_request_page(
    demo_meeting, next_value
):
    panama = Delegation.objects.get(meeting=demo_meeting, member_state__iso2="PA")
    member = DelegationMember.objects.create(delegation=panama, full_name="Ana", role="head")
    floor_request = FloorRequest.objects.create(
        segment=demo_meeting.segments.get(accepts_floor_requests=True),
        delegation=panama,
        member=member,
        topic="Care",
    )

    response = signed_in("focal.pa@example.org").post(
        f"/delegations/{panama.pk}/floor/{floor_request.pk}/withdraw/",
        {"version": floor_request.version, "next": next_value},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/delegations/{panama.pk}/floor/new/"


def test_an_invitation_whose_next_is_not_a_path_goes_back_to_the_editor(demo_meeting):
    slot = demo_meeting.segments.filter(slots__isnull=False).first().slots.first()

    response = signed_in("secretariat@example.org").post(
        f"/speakers/slots/{slot.pk}/invite/", {"next": "Ana Pérez", "confirm": "yes"}
    )

    assert response.status_code == 302
    assert response["Location"] == EDITOR


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_a_meeting_dated_at_the_edge_of_the_calendar_is_refused_with_a_message(demo_meeting, date):
    response = signed_in("secretariat@example.org").post(
        f"{EDITOR}details/", meeting_form_data(demo_meeting, date=date)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    demo_meeting.refresh_from_db()
    assert str(demo_meeting.date) == "2022-11-17"


def test_the_mixin_removes_bidi_controls_from_text_fields_only():
    class Sample(SafeTextMixin, forms.Form):
        name = forms.CharField()
        count = forms.IntegerField()

    form = Sample({"name": OVERRIDE, "count": "1"})

    assert form.is_valid()
    assert form.cleaned_data["name"] == "Ana gnaW Pérez"
    assert "\u202e" not in form["name"].value()


def test_a_display_label_is_stored_without_an_override(demo_meeting):
    signed_in("secretariat@example.org").post(f"{EDITOR}displays/", {"label": OVERRIDE})

    labels = set(RoomDisplay.objects.filter(meeting=demo_meeting).values_list("label", flat=True))
    assert "Ana gnaW Pérez" in labels
    assert OVERRIDE not in labels


def test_a_part_title_is_stored_without_an_override(demo_meeting):
    signed_in("secretariat@example.org").post(
        f"{EDITOR}parts/new/",
        {
            "title": OVERRIDE,
            "kind": "closing",
            "lead_role": "chair",
            "buffer_minutes": 0,
            "floor_minutes": 3,
        },
    )

    assert Segment.objects.filter(meeting=demo_meeting, title="Ana gnaW Pérez").exists()
