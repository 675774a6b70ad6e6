"""A meeting's sittings: its sessions, or the meeting itself standing as its only one.

A meeting of one sitting (the concept note's dialogue) has no session rows: its date,
start time, planned end, venue and chair make the sitting, and nothing about it changes.
Once the secretariat adds sessions (days, mornings and afternoons, working groups in
parallel rooms), each part belongs to one and each session has its own clock.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from agenda.models import Meeting, MeetingSession


def implicit_session(meeting):
    """Return the meeting as its only session: unsaved, made of the meeting's own fields."""
    session = MeetingSession(
        meeting=meeting,
        title="",
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        room=meeting.venue,
        chair_id=meeting.chair_id,
        connection_link=meeting.connection_link,
    )
    return session


def sittings(meeting):
    """Return the meeting's sessions in time order, or the meeting as its only one.

    Reads ``meeting.sessions`` as prefetched by ``agenda.selectors`` when it is; a
    meeting without sessions asks nothing of the database.
    """
    if not meeting.has_sessions:
        return [implicit_session(meeting)]
    sessions = list(meeting.sessions.all())
    for session in sessions:
        # The meeting is at hand: a session's times need its time zone.
        session.meeting = meeting
    return sessions or [implicit_session(meeting)]


def sitting_key(session):
    """Return the key of a sitting in URLs and maps: its id, or 0 for the meeting itself."""
    return session.pk or 0


def parts_by_sitting(meeting, segments=None):
    """Return ``[(sitting, [parts])]`` in time order, the parts in the agenda's order.

    A part without a session (or of one that is gone) belongs to the first sitting.
    ``segments`` are the meeting's parts in order when the caller has them.
    """
    sessions = sittings(meeting)
    segments = list(meeting.segments.all()) if segments is None else segments
    by_key = {sitting_key(session): [] for session in sessions}
    first = sitting_key(sessions[0])
    for segment in segments:
        by_key.get(segment.session_id or 0, by_key[first]).append(segment)
    return [(session, by_key[sitting_key(session)]) for session in sessions]


def rooms(sessions):
    """Return the rooms of ``sessions`` in the order they first appear, blanks as one."""
    seen = []
    for session in sessions:
        if session.room not in seen:
            seen.append(session.room)
    return seen


def count_sessions(meeting_ids):
    """Store how many sessions each meeting of ``meeting_ids`` has (``session_count``)."""
    ids = {pk for pk in meeting_ids if pk is not None}
    if not ids:
        return
    counted = (
        MeetingSession.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Meeting.objects.filter(pk__in=ids).update(session_count=Coalesce(Subquery(counted), 0))


def _on_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    count_sessions([instance.meeting_id])
    meeting = instance._state.fields_cache.get("meeting")
    if meeting is not None:
        # The caller's copy of the meeting now tells the truth too.
        meeting.session_count = (
            Meeting.objects.filter(pk=meeting.pk).values_list("session_count", flat=True).first()
            or 0
        )


def connect():
    """Keep ``Meeting.session_count`` right whatever path writes a session."""
    post_save.connect(_on_change, sender=MeetingSession, dispatch_uid="agenda-session-count-save")
    post_delete.connect(_on_change, sender=MeetingSession, dispatch_uid="agenda-session-count-del")
