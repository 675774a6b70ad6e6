"""A person is told apart from a namesake wherever the secretariat chooses one."""

import pytest

from agenda.forms import SlotForm
from delegations.models import MemberState, Organization
from tests.factories import PersonFactory, SegmentFactory


@pytest.mark.django_db
def test_the_slot_forms_person_choices_tell_namesakes_apart():
    segment = SegmentFactory()
    panama = MemberState.objects.get(iso2="PA")
    PersonFactory(full_name="Ana Pérez", member_state=panama, email="ana@example.org")
    PersonFactory(full_name="Ana Pérez", member_state=panama, email="aperez@example.org")

    form = SlotForm(meeting=segment.meeting, segment=segment)
    labels = [label for value, label in form.fields["person"].choices if value]

    assert labels == [
        "Ms. Ana Pérez — Panama, ana@example.org",
        "Ms. Ana Pérez — Panama, aperez@example.org",
    ]


@pytest.mark.django_db
def test_the_choice_label_names_the_organization_or_the_position():
    eclac = Organization.objects.get(acronym="ECLAC")

    assert PersonFactory(full_name="Ana", organization=eclac).choice_label == "Ms. Ana — ECLAC"
    assert PersonFactory(full_name="Ana", position="Chair").choice_label == "Ms. Ana — Chair"
    assert PersonFactory(full_name="Ana").choice_label == "Ms. Ana"
