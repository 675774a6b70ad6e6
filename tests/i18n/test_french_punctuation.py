"""French puts a (no-break) space before a colon: "Date : …", never "Date: …".

A template that writes ":" after a translated label glues it to the French word; the
label is translated with its colon instead, as one string.
"""

import re

from django.core import mail

from accounts.models import User
from speakers import services
from speakers.models import SpeakerSlot

# A letter (or closing quote or bracket) glued to a colon that ends a label.
GLUED = re.compile(r"[A-Za-zÀ-ÿ»)]:(?=\s|$|<)")


def glued_colons(text):
    text = re.sub(r"<[^>]+>", " ", text)
    return sorted(
        {match.group(0) + text[match.end() : match.end() + 12] for match in GLUED.finditer(text)}
    )


def test_the_speakers_invitation_in_french_spaces_its_colons(demo_meeting, settings):
    slot = SpeakerSlot.objects.filter(segment__meeting=demo_meeting, person__isnull=False).first()
    slot.person.preferred_language = "fr"
    slot.person.email = slot.person.email or "speaker@example.org"
    slot.person.save()
    invitation = services.invitation_send(slot=slot)
    mail.outbox.clear()

    services.invitation_email_send(invitation=invitation)

    body = mail.outbox[0].body
    assert glued_colons(body) == []
    assert "Date\xa0:" in body


def test_the_meeting_page_in_french_spaces_its_colons(client, demo_meeting):
    client.force_login(User.objects.get(email="secretariat@example.org"))

    html = client.get(f"/fr/meetings/{demo_meeting.slug}/").content.decode()

    main = html[html.index("<main") : html.index("</main>")]
    assert glued_colons(main) == []
