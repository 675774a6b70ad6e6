"""No export of persons shows what anyone declared of themselves.

Each export is read before and after every person of the demo declares a gender and all
five groups. The declarations sit in a table of their own that no export reads, so each
export must be the same afterwards, in English and in Spanish: the words and values of
the declaration (which the concept note's meeting uses of itself, in its agenda and its
good practices' target groups) occur in it exactly as often as before.
"""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from agenda.models import Meeting
from delegations.enums import MemberRole
from delegations.models import Delegation, DelegationMember
from documents.registry import SPECS, document_content
from documents.render import document_html
from inclusion.enums import Gender, Group
from inclusion.models import SelfDeclaration
from live.models import RoomDisplay
from speakers.models import Person, SpeakerSlot
from tests.factories import UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

GENERATED_AT = datetime.datetime(2022, 11, 17, 12, 0, tzinfo=datetime.UTC)
# Parts of a page that change from one request to the next whatever the data.
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'name="submission" value="[^"]*"'),
    re.compile(r'"X-CSRFToken": "[^"]*"'),
    re.compile(r"^DTSTAMP:.*$", re.MULTILINE),
    re.compile(r'"server_now": [0-9.]+'),
    re.compile(r'"time_of_day": "[^"]*"'),
]


# Exports that show the aggregated figures (inclusion.figures) besides people: the public
# meeting page and the secretariat's summary. The figures are meant to change with the
# declarations (a chart is drawn once there is something to draw), so they are left to
# tests/inclusion/test_figures_views.py, which checks that no name stands by a figure.
FIGURES = ("meeting page", "summary (data)", "summary (document)")


def normalized(text):
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def declaration_terms():
    """Return the declaration's values, and its labels in the active language."""
    labels = [str(label) for label in (*Gender.labels, *Group.labels)]
    names = [
        str(SelfDeclaration._meta.get_field("gender").verbose_name),
        str(SelfDeclaration._meta.verbose_name),
        "self_declaration",
    ]
    return [*Gender.values, *Group.values, *labels, *names]


def occurrences(text):
    """Return how often each term of the declaration occurs in ``text`` as a whole word."""
    return {
        term: len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE))
        for term in declaration_terms()
    }


def meeting_exports(client, meeting, language):
    """Return every export of persons of ``meeting``, by name, as text."""
    slug = meeting.slug
    display = RoomDisplay.objects.get_or_create(meeting=meeting, label="Exports test")[0]
    pages = {
        "participants": reverse("delegations:participants", kwargs={"slug": slug}),
        "participants.csv": reverse("delegations:participants_csv", kwargs={"slug": slug}),
        "statements": reverse("meeting_statements", kwargs={"slug": slug}),
        "meeting page": reverse("agenda:meeting_detail", kwargs={"slug": slug}),
        "agenda.ics": reverse("agenda:meeting_ics", kwargs={"slug": slug}),
        # The public API: the meeting with its speakers.
        "api meeting": reverse("api:meeting_detail", kwargs={"slug": slug}),
    }
    # The console and the room displays: the meeting's, or each session's.
    sessions = list(meeting.sessions.order_by("pk")) if meeting.has_sessions else [None]
    for session in sessions:
        if session is None:
            console = reverse("live:console_state", kwargs={"slug": slug})
            screen = reverse("live:display_state", kwargs={"token": display.token})
        else:
            console = reverse(
                "live:console_session_state", kwargs={"slug": slug, "session_pk": session.pk}
            )
            screen = reverse(
                "live:display_session_state",
                kwargs={"token": display.token, "session_pk": session.pk},
            )
        pages[f"console state {session and session.pk}"] = console
        pages[f"display state {session and session.pk}"] = screen
    found = {name: read(client, path, language) for name, path in pages.items()}
    for kind, spec in SPECS.items():
        content = document_content(meeting=meeting, kind=kind)
        found[f"{kind} (data)"] = json.dumps(content, default=str, sort_keys=True)
        found[f"{kind} (document)"] = document_html(
            kind=kind,
            content=content,
            language=language,
            paper="a4",
            orientation=spec.default_orientation,
            version=1,
            generated_at=GENERATED_AT,
        )
    return {f"{slug}: {name}": text for name, text in found.items()}


def read(client, path, language):
    response = client.get(path)
    # A request outside the language prefix (the API) leaves its own language active in
    # this thread: what follows is built in the test's language.
    translation.activate(language)
    assert response.status_code == 200, path
    return normalized(response.content.decode())


def exports(client):
    """Return every export of persons of every meeting, and those of no one meeting."""
    language = translation.get_language()
    found = {
        "people directory": read(client, reverse("directory:person_list"), language),
        "compendium.csv": read(client, reverse("outcomes:compendium_csv"), language),
        "compendium.json": read(client, reverse("outcomes:compendium_json"), language),
        "api meetings": read(client, reverse("api:meeting_list"), language),
    }
    for meeting in Meeting.objects.order_by("slug"):
        found.update(meeting_exports(client, meeting, language))
    return found


def register_members(meeting):
    """Register members in Panama's delegation: one also a speaker, one with an account."""
    panama = Delegation.objects.get(meeting=meeting, member_state__iso2="PA")
    speaker = SpeakerSlot.objects.filter(segment__meeting=meeting).first().person
    rows = [
        {"full_name": "Ana Pérez", "role": MemberRole.HEAD, "protocol_title": "H.E."},
        {"full_name": "Beatriz Núñez", "role": MemberRole.ALTERNATE, "account": UserFactory()},
        {"full_name": speaker.full_name, "role": MemberRole.ADVISER, "person": speaker},
    ]
    for order, row in enumerate(rows, start=1):
        DelegationMember.objects.create(delegation=panama, order=order, **row)


def declare_for_everyone():
    """Give every speaker record and every delegation member a declaration of each kind."""
    genders = Gender.values
    every_group = dict.fromkeys(Group.values, True)
    people = list(Person.objects.order_by("pk"))
    members = list(DelegationMember.objects.order_by("pk"))
    for index, person in enumerate(people):
        SelfDeclaration.objects.create(
            person=person, gender=genders[index % len(genders)], **every_group
        )
    for index, member in enumerate(members):
        SelfDeclaration.objects.create(
            member=member, gender=genders[index % len(genders)], **every_group
        )
    return len(people), len(members)


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_export_of_persons_shows_their_declarations(client, demo_meeting, language):
    # The demo's own declarations are set aside: "before" is a meeting where nobody declared.
    SelfDeclaration.objects.all().delete()
    register_members(demo_meeting)
    client.force_login(secretariat_user())
    with translation.override(language):
        before = exports(client)

        people, members = declare_for_everyone()
        after = exports(client)

        assert people > 0
        assert members > 0
        assert SelfDeclaration.objects.count() == people + members
        changed = {
            name: (occurrences(before[name]), occurrences(after[name]))
            for name in before
            if not name.endswith(FIGURES) and occurrences(before[name]) != occurrences(after[name])
        }
        assert changed == {}
        assert [
            name for name in before if not name.endswith(FIGURES) and before[name] != after[name]
        ] == []


def test_the_participants_csv_has_no_word_of_the_declaration(client, demo_meeting):
    SelfDeclaration.objects.all().delete()
    register_members(demo_meeting)
    declare_for_everyone()
    client.force_login(secretariat_user())

    response = client.get(
        reverse("delegations:participants_csv", kwargs={"slug": demo_meeting.slug})
    )

    found = occurrences(response.content.decode())
    assert {term: count for term, count in found.items() if count} == {}
