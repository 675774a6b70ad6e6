"""Reminders sent in batches: the sweep's batches, and one read of the meeting per batch.

The sweep queues one task per batch of due messages of one meeting; the batch reads the
meeting's agenda once, whatever its size, and each of its messages is still locked and
sent on its own (see test_batch_delivery.py for the SMTP side).
"""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.selectors import meeting_get_for_agenda
from reminders import delivery, services, sweep
from reminders.models import ReminderAnchor, ReminderAudience
from speakers.models import Person
from tests.factories import meeting_with_parts
from tests.reminders.conftest import RULES_MADE

# What sending one message of a batch costs in queries: locking its row, recording it.
QUERIES_PER_MESSAGE = 2


def meeting_with_due_reminders(count):
    """Return a meeting whose ``count`` speakers each have a reminder due, and its "now"."""
    meeting = meeting_with_parts([1] * count)
    for index, person in enumerate(Person.objects.filter(slots__segment__meeting=meeting)):
        person.email = f"speaker.{index}@example.org"
        person.save(update_fields=["email"])
    services.reminder_rule_create(
        meeting=meeting,
        name="Before each slot",
        anchor=ReminderAnchor.SLOT_START,
        offset_minutes=-(count + 60),
        audience=ReminderAudience.SPEAKERS_CONFIRMED,
        now=RULES_MADE,
    )
    return meeting, meeting.starts_at - datetime.timedelta(minutes=1)


def statements(queries):
    """Return how many queries ran, without the savepoints of the test's transaction."""
    return sum("SAVEPOINT" not in query["sql"] for query in queries)


def agenda_reads(queries, meeting):
    """Return how many of ``queries`` are those that read the meeting's agenda."""
    with CaptureQueriesContext(connection) as agenda:
        meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    statements = {query["sql"] for query in agenda}
    return sum(query["sql"] in statements for query in queries)


def test_messages_are_batched_by_meeting_in_their_order():
    pairs = [(1, 10), (2, 20), (3, 10), (4, 10), (5, 20), (6, 10)]

    assert delivery.outbox_batches(pairs, size=2) == [[1, 3], [4, 6], [2, 5]]


@pytest.mark.django_db
def test_a_batch_reads_the_meeting_once_whatever_its_size():
    meeting, now = meeting_with_due_reminders(22)
    sweep.reminders_materialize(now=now, meeting=meeting)
    ids, _reclaimed = sweep.outbox_claim(now=now, meeting=meeting, queue=False)
    assert len(ids) == 22

    with CaptureQueriesContext(connection) as small:
        two = delivery.outbox_batch_send(message_ids=ids[:2])
    with CaptureQueriesContext(connection) as large:
        twenty = delivery.outbox_batch_send(message_ids=ids[2:])

    assert (two.outcomes, twenty.outcomes) == (Counter(sent=2), Counter(sent=20))
    assert agenda_reads(small, meeting) == agenda_reads(large, meeting) > 0
    assert statements(large) - statements(small) == 18 * QUERIES_PER_MESSAGE
    assert len(mail.outbox) == 22
