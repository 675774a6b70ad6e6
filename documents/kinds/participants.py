"""The list of participants: delegations in the order of precedence, members in protocol order."""

from django.utils.translation import gettext_lazy

from delegations.enums import DelegationKind
from delegations.selectors import meeting_delegations
from documents.kinds.common import meeting_header
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register
from speakers.enums import Attendance


def participants_content(meeting):
    """Return the delegations in the order of precedence with their members."""
    delegations = []
    members = in_room = 0
    for rank, delegation in enumerate(meeting_delegations(meeting=meeting), start=1):
        rows = [
            {
                "name": member.display_name,
                "position": member.position,
                "role": member.get_role_display(),
                "attendance": member.get_attendance_display(),
                "is_remote": member.attendance == Attendance.REMOTE,
            }
            for member in delegation.members.all()
        ]
        members += len(rows)
        in_room += sum(not row["is_remote"] for row in rows)
        delegations.append(
            {
                "rank": rank,
                "name": delegation.name,
                "kind": DelegationKind(delegation.kind).label,
                "status": delegation.get_status_display(),
                "is_accredited": delegation.is_accredited,
                "members": rows,
            }
        )
    return {
        "meeting": meeting_header(meeting),
        "precedence": meeting.get_precedence_display(),
        "delegations": delegations,
        "totals": {
            "delegations": len(delegations),
            "members": members,
            "in_room": in_room,
            "remote": members - in_room,
        },
    }


SPEC = register(
    DocumentSpec(
        kind=DocumentKind.PARTICIPANTS,
        template_name="documents/participants.html",
        default_orientation=Orientation.PORTRAIT,
        description=gettext_lazy(
            "Delegations in the order of precedence, members in protocol order."
        ),
        build=participants_content,
    )
)
