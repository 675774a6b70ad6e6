"""Merging two records of one person keeps one self-declaration, never two and never none."""

import pytest

from directory.services import person_merge
from inclusion.enums import Gender
from inclusion.models import SelfDeclaration
from tests.speakers.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_duplicates_declaration_moves_to_the_kept_record_that_has_none():
    keep, discard = PersonFactory(), PersonFactory()
    declaration = SelfDeclaration.objects.create(person=discard, gender=Gender.WOMAN)

    person_merge(keep=keep, discard=discard)

    declaration.refresh_from_db()
    assert declaration.person == keep


def test_the_kept_records_own_declaration_wins_and_the_duplicates_goes_with_it():
    keep, discard = PersonFactory(), PersonFactory()
    kept = SelfDeclaration.objects.create(person=keep, gender=Gender.MAN)
    SelfDeclaration.objects.create(person=discard, gender=Gender.WOMAN, youth=True)

    person_merge(keep=keep, discard=discard)

    assert list(SelfDeclaration.objects.all()) == [kept]
    assert SelfDeclaration.objects.get().gender == Gender.MAN
