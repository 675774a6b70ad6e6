"""A meeting's statements and documents: who sees which, where.

Speakers send their statements through their invitation (``services.statement_upload``).
Those who run the meeting read them at any time, the speaker too through the invitation's
link; everyone else once the speaker has delivered them in a published meeting (the rule
``selectors.statement_get_for_download`` applies to the download). This module shows them:
the secretariat's page of a meeting's statements and documents, what the meeting's page
lists (``speakers.contributions``), and the speaker's own download.

Everything here reads the statements that ``agenda.selectors.meeting_get_for_agenda``
prefetches with the slots, so the pages run a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.decorators import secretariat_required
from accounts.roles import can_run_meetings
from agenda.models import Meeting
from agenda.selectors import agenda_timing, meeting_get_for_agenda
from cidi_meeting.links import InvitationRefused
from speakers import selectors
from speakers.models import SpeakerSlot, Statement
from speakers.views import invitation_refused, statement_file_response


def statements_are_public(*, slot, meeting):
    """Tell whether everyone may read the slot's statements: delivered, meeting published."""
    return slot.delivered_at is not None and meeting.is_published


@dataclass
class SlotStatements:
    """A slot of the agenda and the statements its speaker sent, newest first."""

    slot: SpeakerSlot
    # None for a slot that takes no time on the agenda (declined, withdrawn).
    planned_start: datetime.datetime | None
    statements: list
    is_public: bool

    @property
    def has_statement(self):
        return bool(self.statements)


@dataclass
class PartStatements:
    segment: object
    slots: list


@dataclass
class MeetingStatements:
    meeting: Meeting
    parts: list

    @property
    def slot_count(self):
        return sum(len(part.slots) for part in self.parts)

    @property
    def received_count(self):
        return sum(row.has_statement for part in self.parts for row in part.slots)


def meeting_statements(*, meeting):
    """Return every slot of ``meeting`` with its statements, part by part, in agenda order.

    ``meeting`` comes from ``meeting_get_for_agenda``: its slots and their statements are
    prefetched, and nothing here queries the database again.
    """
    timing = agenda_timing(meeting)
    starts = {item.slot.pk: item.planned_start for part in timing.segments for item in part.slots}
    parts = []
    for segment in meeting.segments.all():
        rows = []
        for slot in segment.slots.all():
            statements = list(slot.statements.all())
            rows.append(
                SlotStatements(
                    slot=slot,
                    planned_start=starts.get(slot.pk),
                    statements=statements,
                    is_public=statements_are_public(slot=slot, meeting=meeting),
                )
            )
        parts.append(PartStatements(segment=segment, slots=rows))
    return MeetingStatements(meeting=meeting, parts=parts)


def statements_readable_by(*, meeting, user):
    """Return the statements of ``meeting`` that ``user`` may read, in agenda order.

    Each item is ``(slot, statement, is_public)``; those who run meetings get them all.
    One query of its own, so the meeting's page can ask it without loading the agenda
    (the page serves its agenda from the cache).
    """
    sees_all = can_run_meetings(user)
    statements = Statement.objects.filter(slot__segment__meeting=meeting)
    if not sees_all:
        if not meeting.is_published:
            return []
        statements = statements.filter(slot__delivered_at__isnull=False)
    statements = statements.select_related(
        "slot__person", "slot__representing_state", "slot__representing_organization"
    ).order_by(
        "slot__segment__order", "slot__segment__pk", "slot__order", "slot__pk", "-uploaded_at"
    )
    return [
        (statement.slot, statement, statements_are_public(slot=statement.slot, meeting=meeting))
        for statement in statements
    ]


@secretariat_required
@require_GET
def statements_and_documents(request, slug):
    """List the meeting's concept note and every slot with its statement, or none yet."""
    try:
        # for_editor: each slot's invitations too, for its invitation state.
        meeting = meeting_get_for_agenda(slug=slug, published_only=False, for_editor=True)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    return render(
        request,
        "speakers/statements.html",
        {"meeting": meeting, "overview": meeting_statements(meeting=meeting)},
    )


@never_cache
@require_GET
def invitation_statement(request, token, pk):
    """Serve the speaker, through the invitation's link, a statement of their own slot."""
    try:
        invitation = selectors.invitation_get_by_token(token=token, user=request.user)
    except InvitationRefused as refusal:
        return invitation_refused(request, refusal)
    statement = Statement.objects.filter(pk=pk, slot_id=invitation.slot_id).first()
    if statement is None:
        raise Http404("No such statement.")
    return statement_file_response(statement)
