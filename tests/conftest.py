import io
import os
import socket

import pytest
from django.core.management import call_command

from agenda.demo import DEMO_SLUG
from agenda.models import Meeting

DEMO_PASSWORD = "cidi-demo-2022"


def free_port():
    """Return a TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def english_by_default():
    """Start every test in English: a request to /es/… leaves Spanish active in the thread
    (the test client runs the view in it), which would change what ``reverse`` gives."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def demo_meeting(db):
    """Seed the concept note's meeting and the demo accounts; return the meeting."""
    os.environ.pop("DEMO_PASSWORD", None)
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return Meeting.objects.get(slug=DEMO_SLUG)


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Keeper:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(
                {
                    "from": envelope.mail_from,
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
            return "250 Message accepted"

    keeper = Keeper()
    keeper.port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=keeper.port)
    controller.start()
    yield keeper
    controller.stop()
