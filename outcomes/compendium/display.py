"""What the compendium's pages show beside the stored fields.

Snippets are plain text (autoescaped by the templates); only web addresses become links;
an attachment is linked once the download view (``outcomes:practice_attachment``) exists.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator, capfirst

from cidi_meeting.richtext import plain_text
from outcomes.models import GoodPractice, PracticeAttachment

SNIPPET_WORDS = 40
GENDER_FEATURES = [
    "transforms_gender_relations",
    "addresses_gbv_risks",
    "supports_care",
    "sexual_reproductive_health",
]
WEB_ADDRESS = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class ListItem:
    practice: GoodPractice
    snippet: str


def list_items(practices):
    """Return the practices with the start of their description as plain text."""
    return [
        ListItem(practice, Truncator(plain_text(practice.description)).words(SNIPPET_WORDS))
        for practice in practices
    ]


def gender_features(practice):
    """Return the names of the gender-responsive features the practice has."""
    return [
        str(capfirst(GoodPractice._meta.get_field(name).verbose_name))
        for name in GENDER_FEATURES
        if getattr(practice, name)
    ]


def is_web_address(text):
    try:
        WEB_ADDRESS(text)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class Link:
    address: str
    is_web_address: bool


def links(practice):
    """Return the practice's links; anything but an http(s) address stays plain text."""
    return [Link(address, is_web_address(address)) for address in practice.link_list]


@dataclass(frozen=True)
class Attachment:
    attachment: PracticeAttachment
    url: str


def attachments(practice):
    """Return the practice's attachments with their download address ("" if none yet)."""
    items = []
    for attachment in practice.attachments.all():
        try:
            url = reverse("outcomes:practice_attachment", args=[practice.pk, attachment.pk])
        except NoReverseMatch:
            # The download view is another piece of work; until it exists, name the file.
            url = ""
        items.append(Attachment(attachment, url))
    return items
