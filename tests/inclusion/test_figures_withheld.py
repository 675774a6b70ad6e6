"""A public breakdown with nothing left but "fewer than 5" says so in a sentence."""

import pytest

from inclusion.figures import compute

pytestmark = pytest.mark.django_db


def test_the_demos_six_speakers_are_withheld_in_public_and_counted_for_the_secretariat(
    demo_meeting,
):
    exact = compute.meeting_figures(demo_meeting)

    public = compute.display_figures(exact, public=True)
    secretariat = compute.display_figures(exact, public=False)

    assert exact["speakers"]["meeting"]["total"] == 6
    assert (public["speakers_withheld"], public["time_withheld"]) == (True, True)
    assert (secretariat["speakers_withheld"], secretariat["time_withheld"]) == (False, False)


def test_the_sentence_gives_the_totals_that_are_published(client, demo_meeting):
    # The tests' demo meeting was held in 2022: its page gives the figures.
    text = client.get(f"/meetings/{demo_meeting.slug}/").content.decode()

    assert "so the breakdown is withheld to protect each person" in text
    assert "In all, 6 speakers spoke for 0:00 of the 42:00 planned" in text


def test_all_withheld_needs_a_withheld_cell_and_nothing_else_but_zeros():
    hidden, zero, two = (
        {"is_hidden": True, "value": None},
        {"is_hidden": False, "value": 0},
        {"is_hidden": False, "value": 2},
    )
    assert compute.all_withheld([hidden, zero])
    assert not compute.all_withheld([hidden, two])
    assert not compute.all_withheld([zero, zero])
