"""Read the records a person may declare for, each with its declaration if there is one.

A signed-in user is the person of every speaker record whose account they are and of
every delegation member whose portal account they are; a speaker without an account is
the person of the speaker record their invitation names. Nobody reads anyone else's
declaration here: the secretariat reads them in the admin and as aggregated figures.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from delegations.models import DelegationMember
from speakers.models import Person, SpeakerSlot

PERSON = "person"
MEMBER = "member"


@dataclass
class DeclarationRecord:
    """A speaker record or a delegation member, with what its person declared."""

    kind: str
    owner: Person | DelegationMember
    # None while nothing is declared.
    declaration: object
    # What tells two records apart: the meetings the person speaks at, or the
    # delegation and its meeting.
    places: list = field(default_factory=list)

    @property
    def prefix(self):
        """Return the form prefix, unique on the page: ``person-12``, ``member-3``."""
        return f"{self.kind}-{self.owner.pk}"

    @property
    def is_member(self):
        return self.kind == MEMBER


def _declaration_of(owner):
    # The reverse one-to-one was selected with the owner: no query, None when absent.
    return getattr(owner, "self_declaration", None)


def _people():
    slots = SpeakerSlot.objects.select_related("segment__meeting").order_by(
        "segment__meeting__date", "segment__meeting__pk"
    )
    return Person.objects.select_related("self_declaration").prefetch_related(
        Prefetch("slots", queryset=slots)
    )


def _members():
    return DelegationMember.objects.select_related(
        "self_declaration",
        "delegation__meeting",
        "delegation__member_state",
        "delegation__organization",
    ).order_by("-delegation__meeting__date", "delegation__pk", "pk")


def person_record(person):
    """Return the record of a speaker record fetched by ``_people``."""
    meetings = []
    for slot in person.slots.all():
        meeting = slot.segment.meeting
        if meeting not in meetings:
            meetings.append(meeting)
    return DeclarationRecord(
        kind=PERSON,
        owner=person,
        declaration=_declaration_of(person),
        places=[meeting.title for meeting in meetings],
    )


def member_record(member):
    """Return the record of a delegation member fetched by ``_members``."""
    delegation = member.delegation
    return DeclarationRecord(
        kind=MEMBER,
        owner=member,
        declaration=_declaration_of(member),
        places=[f"{delegation.name} · {delegation.meeting.title}"],
    )


def declaration_records_for_user(*, user):
    """Return the user's own records, speaker records first, each with its declaration.

    Three queries whatever the number of records: people, their slots with their
    meetings, and delegation members with their delegations.
    """
    people = _people().filter(user=user)
    members = _members().filter(account=user)
    return [*map(person_record, people), *map(member_record, members)]


def declaration_record_get_for_user(*, kind, pk, user):
    """Return the user's own record of ``kind`` and ``pk``; raise Http404 for any other.

    Another person's record is not told apart from one that does not exist.
    """
    if kind == PERSON:
        person = _people().filter(user=user, pk=pk).first()
        if person is not None:
            return person_record(person)
    elif kind == MEMBER:
        member = _members().filter(account=user, pk=pk).first()
        if member is not None:
            return member_record(member)
    raise Http404("No such record of yours.")


def declaration_record_for_invitation(*, invitation):
    """Return the record of the speaker an invitation (already checked) is addressed to."""
    return person_record(_people().get(pk=invitation.slot.person_id))
