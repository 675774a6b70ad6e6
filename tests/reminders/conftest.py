"""Fixtures of the reminder tests: the demo meeting's default rules, SMTP servers, time."""

import datetime
import email
import email.policy

import icalendar
import pytest

from reminders.models import ReminderRule
from reminders.services import reminder_rules_default
from speakers.models import SpeakerInvitation
from tests.conftest import free_port

# A day before the demo meeting (Nov. 17, 2022, 10:00 in New York, 15:00 UTC; its last
# slot, ECLAC's, at 10:35): every "one day before" reminder has come due, no "one hour
# before" one has.
DAY_BEFORE = datetime.datetime(2022, 11, 16, 15, 45, tzinfo=datetime.UTC)
# When the tests' rules were made: a rule never sends what was due before it existed.
RULES_MADE = datetime.datetime(2022, 10, 1, tzinfo=datetime.UTC)


@pytest.fixture
def demo_rules(demo_meeting):
    """The demo meeting with its default reminder rules, made weeks before the meeting."""
    return reminder_rules_default(meeting=demo_meeting, now=RULES_MADE)


def smtp_settings(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def flaky_smtp_server():
    """A real SMTP server on loopback that refuses the first ``refusals`` messages.

    Set ``server.refusals`` (how many) and ``server.reply`` (451 by default: try later);
    ``server.refuse_to`` maps an address to how many of its messages to refuse, whatever
    the others. ``server.peers`` lists the client's address of every message it was
    offered: one distinct address per SMTP connection.
    """
    from aiosmtpd.controller import Controller

    class Flaky:
        def __init__(self):
            self.messages = []
            self.refused = 0
            self.refusals = 0
            self.reply = "451 4.3.0 Try again later"
            self.refuse_to = {}
            self.peers = []

        async def handle_DATA(self, server, session, envelope):
            # The client's address and port name its connection: one per connection.
            self.peers.append(session.peer)
            [address] = envelope.rcpt_tos[:1] or [""]
            if self.refuse_to.get(address, 0) > 0:
                self.refuse_to[address] -= 1
                return self.reply
            if self.refused < self.refusals:
                self.refused += 1
                return self.reply
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
            return "250 Message accepted"

    server = Flaky()
    server.port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    yield server
    controller.stop()


@pytest.fixture
def fast_retries(monkeypatch):
    """Retry failed sends at once instead of after seconds of back-off."""
    monkeypatch.setattr("celery.app.autoretry.get_exponential_backoff_interval", lambda **kwargs: 0)


class Received:
    """One email as the SMTP server received it, parsed."""

    def __init__(self, raw):
        # Parsed from bytes: the parts are 8-bit UTF-8, which a str parser would garble.
        self.message = email.message_from_bytes(raw.encode(), policy=email.policy.default)

    @property
    def to(self):
        return self.message["To"]

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def text(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self):
        return self.message.get_body(preferencelist=("html",)).get_content()

    @property
    def calendars(self):
        return [
            icalendar.Calendar.from_ical(part.get_content())
            for part in self.message.iter_attachments()
            if part.get_content_type() == "text/calendar"
        ]


def received(server):
    """Return the server's emails parsed, by recipient address."""
    return {item["to"][0]: Received(item["data"]) for item in server.messages}


@pytest.fixture
def demo_meeting(demo_meeting):
    """The demo meeting without its default rules: each test adds the rules it needs."""
    ReminderRule.objects.filter(meeting=demo_meeting).delete()
    return demo_meeting


def agenda_queries(meeting):
    """Return how many queries reading the meeting's agenda takes (its prefetches).

    The pages that read the agenda count it as one block: parts, slots, questions and
    whatever else the agenda prefetches, the same for every size of meeting.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agenda.selectors import meeting_get_for_agenda

    with CaptureQueriesContext(connection) as queries:
        meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    return len(queries)


def invitation_sent(slot):
    """Record that ``slot``'s speaker was emailed an invitation."""
    SpeakerInvitation.objects.create(
        slot=slot,
        email=slot.person.email,
        expires_at=datetime.datetime(2022, 12, 1, tzinfo=datetime.UTC),
        sent_at=datetime.datetime(2022, 11, 1, tzinfo=datetime.UTC),
    )
