"""Self-declarations of the demo's people, so that the inclusion figures have a story.

Declaring is voluntary, and so is the demo's mix: among the speakers of both demo
meetings some declared as women, some as men, one as another gender identity, one
preferred not to say and some declared nothing; a few declared a group. The ministerial
(``remdes-v``) also registers the heads of its delegations, of whom four declared. The
first meeting's delegations are left to register their own members, as its focal points
do in the demo (and as the tests that use it expect).

The people are fictional holders of real offices; nothing here describes anyone. Seeding
again writes nothing: rows are created in bulk when missing and saved only when they
differ (``demo.ministerial.Writes``).
"""

from agenda.models import Meeting
from delegations.enums import MemberRole
from delegations.models import Delegation, DelegationMember
from delegations.reference import member_state_language
from demo.ministerial import MINISTERIAL_SLUG, Writes
from inclusion.enums import Gender, Group
from inclusion.models import SelfDeclaration
from speakers.models import Person, SpeakerSlot

# What the speaker representing a state or a body declared: (gender, groups). A code
# missing here (Jamaica, the chairs) declared nothing.
SPEAKERS = {
    "PA": (Gender.WOMAN, [Group.DISABILITY]),
    "BB": (Gender.WOMAN, [Group.AFRO_DESCENDANT]),
    "UY": (Gender.MAN, [Group.OLDER]),
    "MX": (Gender.ANOTHER, []),
    "DO": (Gender.UNDISCLOSED, []),
    "CL": (Gender.MAN, [Group.YOUTH]),
    "CO": (Gender.MAN, [Group.DISABILITY]),
    "GT": (Gender.WOMAN, [Group.INDIGENOUS]),
    "CA": (Gender.WOMAN, []),
    "CR": (Gender.WOMAN, [Group.AFRO_DESCENDANT]),
    "CIM": (Gender.WOMAN, []),
    # The moderator, who also reports for the SARE at the ministerial.
    "SARE": (Gender.WOMAN, []),
}
# The ministerial's heads of delegation: (title, name, position, what they declared, or
# None). Members of their own, not linked to the speaker records: a speaker record links
# to one member at most, and the delegations may register their speakers themselves.
HEADS = {
    "PA": (
        "H.E.",
        "Permanent Representative of Panama to the OAS",
        "Ambassador, Permanent Mission of Panama to the OAS",
        (Gender.WOMAN, []),
    ),
    "BB": (
        "H.E.",
        "Permanent Representative of Barbados to the OAS",
        "Ambassador, Permanent Mission of Barbados to the OAS",
        (Gender.WOMAN, [Group.AFRO_DESCENDANT]),
    ),
    "UY": (
        "H.E.",
        "Permanent Representative of Uruguay to the OAS",
        "Ambassador, Permanent Mission of Uruguay to the OAS",
        (Gender.MAN, [Group.OLDER]),
    ),
    "MX": (
        "H.E.",
        "Permanent Representative of Mexico to the OAS",
        "Ambassador, Permanent Mission of Mexico to the OAS",
        (Gender.MAN, [Group.INDIGENOUS]),
    ),
    "DO": (
        "H.E.",
        "Permanent Representative of the Dominican Republic to the OAS",
        "Ambassador, Permanent Mission of the Dominican Republic to the OAS",
        None,
    ),
}
MODERATOR_EMAIL = "moderator@example.org"


def _declaration(declared):
    gender, groups = declared
    return {"gender": gender, **{group: group in groups for group in Group.values}}


def _speakers_by_code(meetings):
    """Return ``{state or body code: [person id, ...]}`` of the speakers of ``meetings``."""
    by_code = {}
    rows = (
        SpeakerSlot.objects.filter(segment__meeting__in=meetings)
        .values_list("representing_state__iso2", "representing_organization__acronym", "person")
        .order_by("segment__meeting__date", "segment__order", "order")
    )
    for iso2, acronym, person_id in rows:
        people = by_code.setdefault(iso2 or acronym, [])
        if person_id not in people:
            people.append(person_id)
    moderator = Person.objects.filter(email=MODERATOR_EMAIL).values_list("pk", flat=True)
    by_code.setdefault("SARE", []).extend(pk for pk in moderator if pk not in by_code["SARE"])
    return by_code


def _heads(writes, ministerial):
    """Register the ministerial's heads of delegation; return ``{member id: declared}``."""
    delegations = Delegation.objects.filter(meeting=ministerial, member_state__iso2__in=HEADS)
    planned, declared = {}, {}
    for delegation in delegations.select_related("member_state"):
        code = delegation.member_state.iso2
        title, name, position, member_declared = HEADS[code]
        planned[delegation.pk] = {
            "delegation_id": delegation.pk,
            "order": 1,
            "protocol_title": title,
            "full_name": name,
            "position": position,
            "role": MemberRole.HEAD,
            "preferred_language": member_state_language(code),
            "person_id": None,
        }
        if member_declared is not None:
            declared[delegation.pk] = member_declared
    stored = {
        member.delegation_id: member
        for member in DelegationMember.objects.filter(
            delegation_id__in=planned, role=MemberRole.HEAD
        ).order_by("-pk")
    }
    members = writes.sync(DelegationMember, stored, planned, delete=False)
    return {members[key].pk: value for key, value in declared.items()}


def demo_inclusion_seed(*, first_meeting):
    """Give the people of both demo meetings their self-declarations (idempotent).

    ``first_meeting`` is the concept note's meeting; the ministerial is found by its slug
    (``demo.ministerial.seed_ministerial`` runs first). Side effects: the ministerial's
    heads of delegation are registered when missing.
    """
    meetings = [first_meeting, *Meeting.objects.filter(slug=MINISTERIAL_SLUG)]
    speakers = _speakers_by_code(meetings)
    writes = Writes()
    by_member = {}
    if len(meetings) > 1:
        by_member = _heads(writes, meetings[1])
    by_person = {
        person_id: declared
        for code, declared in SPEAKERS.items()
        for person_id in speakers.get(code, [])
    }
    stored = SelfDeclaration.objects.filter(person_id__in=by_person) | (
        SelfDeclaration.objects.filter(member_id__in=by_member)
    )
    writes.sync(
        SelfDeclaration,
        {(d.person_id, d.member_id): d for d in stored},
        {
            **{
                (person_id, None): {"person_id": person_id, **_declaration(declared)}
                for person_id, declared in by_person.items()
            },
            **{
                (None, member_id): {"member_id": member_id, **_declaration(declared)}
                for member_id, declared in by_member.items()
            },
        },
        delete=False,
    )
