"""A small meeting of two days and two rooms, for the tests of what follows sessions.

Day one (Nov. 17, 2022, New York): a plenary in the Hall of the Americas from 09:00.
Day two (Nov. 18): a plenary in the same hall from 09:30, then from 14:00 two working
groups at once, in rooms A and B. Each session has one part of ``slots`` confirmed
speaker slots of 5 + 2 minutes.
"""

import datetime
from dataclasses import dataclass

from agenda.models import Meeting, MeetingSession
from tests.factories import MeetingFactory, PersonFactory, SegmentFactory, SpeakerSlotFactory

DAY_ONE = datetime.date(2022, 11, 17)
DAY_TWO = datetime.date(2022, 11, 18)
HALL = "Hall of the Americas"
VENUE = "OAS headquarters"
GROUP_LINK = "https://meetings.example.org/cidi/group-b"
MEETING_LINK = "https://meetings.example.org/cidi/plenary"


@dataclass
class SessionMeeting:
    meeting: Meeting
    opening: MeetingSession
    plenary: MeetingSession
    group_a: MeetingSession
    group_b: MeetingSession

    @property
    def sessions(self):
        return [self.opening, self.plenary, self.group_a, self.group_b]


def session_meeting(*, slots=2, **fields):
    """Return a ``SessionMeeting``: four sessions on two days, two of them in parallel."""
    meeting = MeetingFactory(
        date=DAY_ONE,
        end_date=DAY_TWO,
        start_time=datetime.time(9, 0),
        venue=VENUE,
        connection_link=MEETING_LINK,
        **fields,
    )
    chair = PersonFactory(full_name="Ana Pérez", protocol_title="Ms.", position="Chair of CIDI")

    def add(title, date, start, end, room, **extra):
        return MeetingSession.objects.create(
            meeting=meeting,
            title=title,
            date=date,
            start_time=start,
            end_time=end,
            room=room,
            **extra,
        )

    opening = add(
        "Opening plenary", DAY_ONE, datetime.time(9, 0), datetime.time(12, 0), HALL, chair=chair
    )
    plenary = add("Second plenary", DAY_TWO, datetime.time(9, 30), datetime.time(12, 0), HALL)
    group_a = add("Working group 1", DAY_TWO, datetime.time(14, 0), None, "Room A")
    group_b = add(
        "Working group 2",
        DAY_TWO,
        datetime.time(14, 0),
        datetime.time(16, 0),
        "Room B",
        connection_link=GROUP_LINK,
    )
    for order, session in enumerate((opening, plenary, group_a, group_b), start=1):
        part = SegmentFactory(
            meeting=meeting, session=session, order=order, title=f"{session.title} part"
        )
        for slot_order in range(1, slots + 1):
            SpeakerSlotFactory(segment=part, order=slot_order, speaking_minutes=5, qa_minutes=2)
    meeting.refresh_from_db()
    return SessionMeeting(meeting, opening, plenary, group_a, group_b)
