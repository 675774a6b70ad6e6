"""Reads of the directory: people and organizations searched and sorted, what a person
appears in, and what a merge of two people would move."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from agenda.models import Meeting, Segment
from delegations.models import Organization
from speakers.models import Person, SpeakerSlot

# A search matches a person when every word of it is in one of these (any language).
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PERSON_SEARCH_FIELDS = [
    *(f"{name}_{code}" for name in ("full_name", "position") for code in LANGUAGE_CODES),
    "email",
    "user__email",
    "member_state__name_en",
    "member_state__name_es_oas",
    "member_state__name_es_common",
    "member_state__name_fr",
    "member_state__name_pt",
    "organization__acronym",
    "organization__acronym_es",
    "organization__acronym_fr",
    "organization__acronym_pt",
    "organization__name_en",
    "organization__name_es",
    "organization__name_fr",
    "organization__name_pt",
]
# Short codes match whole ("PA" finds Panama, not every name with "pa" in it).
PERSON_SEARCH_CODES = ["member_state__iso2", "member_state__iso3"]
ORGANIZATION_SEARCH_FIELDS = [
    "acronym",
    "acronym_es",
    "acronym_fr",
    "acronym_pt",
    "name_en",
    "name_es",
    "name_fr",
    "name_pt",
]
MAX_SEARCH_WORDS = 8


def search_words(query):
    """Return the words of a search box's text (at most ``MAX_SEARCH_WORDS``)."""
    return (query or "").split()[:MAX_SEARCH_WORDS]


def _matching_every_word(words, fields, whole_fields=()):
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        for name in whole_fields:
            any_field |= Q(**{f"{name}__iexact": word})
        condition &= any_field
    return condition


def _languages_in_reading_order():
    """Return the language codes a name is read in: the active one, then the fallbacks."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    return list(dict.fromkeys([active, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]))


def _name_in_reading_order(prefix=""):
    columns = [
        NullIf(F(f"{prefix}full_name_{code}"), Value("")) for code in _languages_in_reading_order()
    ]
    return Coalesce(*columns, Value(""), output_field=CharField())


def person_list(*, query=""):
    """Return the people matching every word of ``query``, sorted by the name they are
    shown with, each with its state, organization, account and number of speaker slots.

    Two queries per page whatever the page shows (the count and the rows).
    """
    people = Person.objects.select_related("member_state", "organization", "user")
    words = search_words(query)
    if words:
        people = people.filter(
            _matching_every_word(words, PERSON_SEARCH_FIELDS, PERSON_SEARCH_CODES)
        )
    return people.annotate(
        slot_count=Count("slots", distinct=True),
        led_count=Count("led_segments", distinct=True),
        chaired_count=Count("chaired_meetings", distinct=True),
        sort_name=_name_in_reading_order(),
    ).order_by("sort_name", "pk")


def person_for_edit(*, pk):
    """Return the person with its state, organization and account (one query)."""
    return Person.objects.select_related("member_state", "organization", "user").get(pk=pk)


@dataclass
class MeetingAppearance:
    """What a person does in one meeting: chairs it, leads parts, speaks in slots."""

    meeting: object
    is_chair: bool = False
    parts_led: list = field(default_factory=list)
    slots: list = field(default_factory=list)


def person_appearances(*, person):
    """Return the meetings the person is in, newest first, each with the person's roles.

    Three queries, however many meetings, parts and slots there are.
    """
    slots = (
        SpeakerSlot.objects.filter(person=person)
        .select_related("segment__meeting", "representing_state", "representing_organization")
        .order_by("segment__order", "order", "pk")
    )
    parts = Segment.objects.filter(lead=person).select_related("meeting").order_by("order", "pk")
    chaired = Meeting.objects.filter(chair=person)
    meetings = {}

    def appearance(meeting):
        return meetings.setdefault(meeting.pk, MeetingAppearance(meeting=meeting))

    for meeting in chaired:
        appearance(meeting).is_chair = True
    for part in parts:
        appearance(part.meeting).parts_led.append(part)
    for slot in slots:
        appearance(slot.segment.meeting).slots.append(slot)
    return sorted(
        meetings.values(),
        key=lambda item: (item.meeting.date, item.meeting.start_time, item.meeting.pk),
        reverse=True,
    )


def organization_list(*, query=""):
    """Return the organizations matching every word of ``query``, by acronym, each with
    the number of people who belong to it (one query a page, plus the count)."""
    organizations = Organization.objects.all()
    words = search_words(query)
    if words:
        organizations = organizations.filter(
            _matching_every_word(words, ORGANIZATION_SEARCH_FIELDS)
        )
    return organizations.annotate(person_count=Count("people", distinct=True)).order_by(
        "acronym", "pk"
    )


# Merging two records of one person ---------------------------------------------------


def person_relations():
    """Return every relation of another record to a person: foreign keys, one-to-one
    links and many-to-many fields of any app (historical records, which keep the past as
    it was, are not among them)."""
    return [
        relation
        for relation in Person._meta.related_objects
        if not relation.related_model.__name__.startswith("Historical")
    ]


def _translated_base_names():
    return set(translator.get_options_for_model(Person).fields)


def person_fillable_fields():
    """Return the fields a merge fills on the kept record when they are empty there: each
    language's column of a translated field, the state, organization, email, time zone
    and account (the preferred language always has a value, so it is never filled)."""
    skipped = _translated_base_names() | {"preferred_language"}
    return [
        model_field
        for model_field in Person._meta.concrete_fields
        if not model_field.primary_key and model_field.name not in skipped
    ]


def _is_empty(value):
    return value is None or value == ""


def person_fields_to_fill(*, keep, discard):
    """Return the fields empty on ``keep`` that ``discard`` has a value for."""
    return [
        model_field
        for model_field in person_fillable_fields()
        if _is_empty(getattr(keep, model_field.attname))
        and not _is_empty(getattr(discard, model_field.attname))
    ]


def _shown(person, model_field):
    if model_field.is_relation:
        return str(getattr(person, model_field.name))
    return str(getattr(person, model_field.attname))


def _describe_slot(slot):
    return f"{slot.segment.meeting} — {slot.segment} — {slot.label}"


def _describe_part(part):
    return f"{part.meeting} — {part}"


def _describe_meeting(meeting):
    return f"{meeting} ({date_format(meeting.date)})"


def _describe_member(member):
    return f"{member.delegation.meeting} — {member.delegation} — {member}"


# How the merge page names the references it knows; any other is named by its model.
KNOWN_RELATIONS = {
    ("speakers.SpeakerSlot", "person"): (
        _("Speaker slots"),
        ["segment__meeting", "representing_state", "representing_organization"],
        _describe_slot,
    ),
    ("agenda.Segment", "lead"): (_("Parts led"), ["meeting"], _describe_part),
    ("agenda.Meeting", "chair"): (_("Meetings chaired"), [], _describe_meeting),
    ("delegations.DelegationMember", "person"): (
        _("Delegation member record"),
        ["delegation__meeting", "delegation__member_state", "delegation__organization"],
        _describe_member,
    ),
}


@dataclass
class Move:
    """References of one kind that a merge moves from one record to the other."""

    label: str
    items: list
    # Set when the kept record already has the one link this relation allows.
    is_unlinked: bool = False


@dataclass
class MergePreview:
    """What merging ``discard`` into ``keep`` does, for the confirmation page."""

    keep: object
    discard: object
    moves: list = field(default_factory=list)
    # (field's name, the value the kept record takes from the other).
    fills: list = field(default_factory=list)
    # (field's name, the kept record's value, the other's value, which is dropped).
    dropped: list = field(default_factory=list)

    @property
    def moved_count(self):
        return sum(len(move.items) for move in self.moves if not move.is_unlinked)


def person_merge_preview(*, keep, discard):
    """Return what merging ``discard`` into ``keep`` would move, fill and drop.

    One query per kind of reference to a person.
    """
    preview = MergePreview(keep=keep, discard=discard)
    for relation in person_relations():
        model, link = relation.related_model, relation.field
        label, related, describe = KNOWN_RELATIONS.get(
            (model._meta.label, link.name),
            (
                f"{model._meta.verbose_name_plural} ({link.verbose_name})".capitalize(),
                [],
                str,
            ),
        )
        records = model._base_manager.filter(**{link.name: discard}).select_related(*related)
        items = [describe(record) for record in records.order_by("pk")]
        if not items:
            continue
        is_unlinked = bool(
            relation.one_to_one and model._base_manager.filter(**{link.name: keep}).exists()
        )
        preview.moves.append(Move(label=str(label), items=items, is_unlinked=is_unlinked))
    filled = person_fields_to_fill(keep=keep, discard=discard)
    for model_field in person_fillable_fields():
        kept, other = getattr(keep, model_field.attname), getattr(discard, model_field.attname)
        name = str(model_field.verbose_name)
        if model_field in filled:
            preview.fills.append((name, _shown(discard, model_field)))
        elif not _is_empty(other) and kept != other:
            preview.dropped.append((name, _shown(keep, model_field), _shown(discard, model_field)))
    return preview


def person_namesakes(*, person):
    """Return the other people with one of this person's names (in any language) or its
    email address: the likely duplicates."""
    names = {getattr(person, f"full_name_{code}") for code in LANGUAGE_CODES} - {None, ""}
    same = Q()
    for name in names:
        for code in LANGUAGE_CODES:
            same |= Q(**{f"full_name_{code}__iexact": name})
    if person.email:
        same |= Q(email__iexact=person.email)
    if not same:
        return Person.objects.none()
    return (
        Person.objects.filter(same)
        .exclude(pk=person.pk)
        .select_related("member_state", "organization")
        .order_by("pk")
    )
