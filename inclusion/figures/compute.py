"""The inclusion figures of one meeting, as plain data, in a fixed number of queries.

``meeting_figures`` counts exactly (what the secretariat reads); ``display_figures``
turns those counts into what a page or a document prints, and with ``public=True``
applies the suppression rule of public figures (``inclusion.figures.suppression``).
Both return plain values only (numbers, strings, lists, dicts), so that a document can
take a fingerprint of them as JSON.

Who a speaker is: a person of the speaker records, counted once per part and once for
the meeting, whatever the number of their slots. Whom a declaration speaks for: a
delegation member linked to a speaker record (``DelegationMember.person``) is one human,
so the person's declaration is read first and the member's only when the person has
none. No declaration, or one with a blank gender, is "not declared".
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from agenda.selectors import INACTIVE_SLOT_STATUSES
from delegations.enums import MemberRole
from delegations.models import DelegationMember
from inclusion.enums import Gender, Group
from inclusion.figures import suppression
from live.items import actual_seconds
from live.report import seconds_label
from outcomes.enums import PracticeStatus
from outcomes.models import GoodPractice
from speakers.models import SpeakerSlot

NOT_DECLARED = "not_declared"
# The gender breakdown's columns: the declared answers, then no answer at all.
CATEGORIES = (*Gender.values, NOT_DECLARED)
GROUPS = tuple(Group.values)

# What a slot brings of its speaker's declaration, whichever record it sits on.
SLOT_DECLARATIONS = ("person__self_declaration", "person__delegation_member__self_declaration")


def category_label(key):
    """Return the name of a gender category ("Woman", "Not declared") in the active language."""
    if key == NOT_DECLARED:
        return _("Not declared")
    return str(Gender(key).label)


def group_label(key):
    return str(Group(key).label)


def declaration_of_person(person):
    """Return the declaration that speaks for a speaker record, or None.

    Its own first, then that of the delegation member linked to it; reads the relations
    selected with the person (``SLOT_DECLARATIONS``), never the database.
    """
    own = getattr(person, "self_declaration", None)
    if own is not None:
        return own
    member = getattr(person, "delegation_member", None)
    return getattr(member, "self_declaration", None) if member is not None else None


def declaration_of_member(member):
    """Return the declaration that speaks for a delegation member: its person's first."""
    if member.person_id is not None:
        own = getattr(member.person, "self_declaration", None)
        if own is not None:
            return own
    return getattr(member, "self_declaration", None)


def category_of(declaration):
    """Return the gender category of a declaration (``NOT_DECLARED`` for none or blank)."""
    if declaration is None or not declaration.gender:
        return NOT_DECLARED
    return declaration.gender


def groups_of(declaration):
    return declaration.groups if declaration is not None else []


def breakdown(categories):
    """Return the gender breakdown of people given by their categories (one per person)."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for category in categories:
        counts[category] += 1
    total = sum(counts.values())
    return {
        "total": total,
        "counts": counts,
        "women_share": counts[Gender.WOMAN] / total if total else None,
    }


# Reads ---------------------------------------------------------------------------------


def meeting_slots(meeting):
    """Return the meeting's active speaker slots with their parts and declarations (1 query).

    Declined and withdrawn slots are left out, as the agenda leaves them out of its times.
    """
    return list(
        SpeakerSlot.objects.filter(segment__meeting=meeting)
        .exclude(status__in=INACTIVE_SLOT_STATUSES)
        .select_related("segment__session", *SLOT_DECLARATIONS)
        .order_by("segment_id", "order", "pk")
    )


def sitting_order(session):
    """Return where a session comes among the meeting's (``MeetingSession.Meta.ordering``)."""
    return (session.date, session.start_time, session.room, session.pk)


def parts_of(slots):
    """Return the parts of ``slots`` in the agenda's order, sitting by sitting.

    As ``agenda.sessions.parts_by_sitting`` orders them, from the rows at hand: a part
    without a session (in a meeting that has some) goes with the earliest session seen.
    """
    parts = {slot.segment_id: slot.segment for slot in slots}
    sessions = [part.session for part in parts.values() if part.session_id is not None]
    first = min(map(sitting_order, sessions), default=())

    def place(part):
        sitting = sitting_order(part.session) if part.session_id is not None else first
        return (sitting, part.order, part.pk)

    return sorted(parts.values(), key=place)


def meeting_heads(meeting):
    """Return the heads of the meeting's delegations with their declarations (1 query).

    Every delegation of the meeting counts, whatever its status, as in the list of
    participants (``delegations.selectors.meeting_delegations``).
    """
    return list(
        DelegationMember.objects.filter(delegation__meeting=meeting, role=MemberRole.HEAD)
        .select_related("self_declaration", "person__self_declaration")
        .order_by("pk")
    )


def published_practices(meeting):
    """Return the meeting's published good practices with their terms (3 queries).

    Published as the compendium means it: ``PracticeStatus.PUBLISHED``.
    """
    return list(
        GoodPractice.objects.filter(meeting=meeting, status=PracticeStatus.PUBLISHED)
        .select_related("delegation__member_state", "delegation__organization")
        .prefetch_related("target_groups", "instruments")
        .order_by("pk")
    )


# Figures -------------------------------------------------------------------------------


def speaker_figures(parts, slots):
    """Return the gender breakdown of the speakers of each part and of the whole meeting."""
    by_part = defaultdict(dict)
    everyone = {}
    for slot in slots:
        category = category_of(declaration_of_person(slot.person))
        by_part[slot.segment_id][slot.person_id] = category
        everyone[slot.person_id] = category
    return {
        "parts": [
            {"key": part.pk, "title": part.title, **breakdown(by_part[part.pk].values())}
            for part in parts
        ],
        "meeting": breakdown(everyone.values()),
    }


def time_row(slots):
    """Return the speakers, planned and actual seconds of some slots.

    Planned is what the agenda gives each slot (speaking plus question minutes); actual
    is what the console recorded (end minus start, pauses left out), for the slots held.
    A slot not yet held counts in planned only; ``planned_held_seconds`` is the planned
    time of the held slots, to set beside the actual.
    """
    held = [slot for slot in slots if actual_seconds(slot) is not None]
    return {
        "speakers": len({slot.person_id for slot in slots}),
        "slots": len(slots),
        "held_slots": len(held),
        "planned_seconds": sum(slot.total_minutes * 60 for slot in slots),
        "planned_held_seconds": sum(slot.total_minutes * 60 for slot in held),
        "actual_seconds": sum(actual_seconds(slot) for slot in held),
    }


def time_by_gender(slots):
    """Return one ``time_row`` per gender category, in ``CATEGORIES`` order."""
    by_category = defaultdict(list)
    for slot in slots:
        by_category[category_of(declaration_of_person(slot.person))].append(slot)
    return [{"key": key, **time_row(by_category[key])} for key in CATEGORIES]


def time_by_group(slots):
    """Return one ``time_row`` per group, in ``GROUPS`` order (a person may be in several)."""
    by_group = defaultdict(list)
    for slot in slots:
        for group in groups_of(declaration_of_person(slot.person)):
            by_group[group].append(slot)
    return [{"key": key, **time_row(by_group[key])} for key in GROUPS]


def practice_owner(delegation):
    """Return the sort key and the name of whom a practice is counted for: the country."""
    if delegation.member_state_id:
        return (0, delegation.member_state.display_name), delegation.member_state.display_name
    return (1, delegation.organization.display_acronym), delegation.organization.display_name


def practice_figures(practices):
    """Return the published practices per country by target group and by instrument.

    A country is the submitting delegation's member state; a delegation of an
    organization is a row of its own, after the countries. The columns are the terms
    at least one practice names, in their list's order; a practice counts once in each
    term it names, so a row's terms may add up to more than its practices.
    """
    target_groups, instruments = {}, {}
    rows = {}
    for practice in practices:
        sort_key, name = practice_owner(practice.delegation)
        row = rows.setdefault(
            practice.delegation_id,
            {
                "sort_key": sort_key,
                "name": name,
                "is_member_state": practice.delegation.member_state_id is not None,
                "practices": 0,
                "target_groups": defaultdict(int),
                "instruments": defaultdict(int),
            },
        )
        row["practices"] += 1
        for term in practice.target_groups.all():
            target_groups[term.pk] = term
            row["target_groups"][term.pk] += 1
        for term in practice.instruments.all():
            instruments[term.pk] = term
            row["instruments"][term.pk] += 1

    def ordered(terms):
        return sorted(terms.values(), key=lambda term: (term.order, term.name_en, term.pk))

    target_group_terms, instrument_terms = ordered(target_groups), ordered(instruments)
    ordered_rows = sorted(rows.values(), key=lambda row: row["sort_key"])
    return {
        "target_groups": [{"code": term.code, "name": term.name} for term in target_group_terms],
        "instruments": [{"code": term.code, "name": term.name} for term in instrument_terms],
        "rows": [
            {
                "name": row["name"],
                "is_member_state": row["is_member_state"],
                "practices": row["practices"],
                "by_target_group": [row["target_groups"][term.pk] for term in target_group_terms],
                "by_instrument": [row["instruments"][term.pk] for term in instrument_terms],
            }
            for row in ordered_rows
        ],
        "totals": {
            "practices": len(practices),
            "by_target_group": [
                sum(row["target_groups"][term.pk] for row in ordered_rows)
                for term in target_group_terms
            ],
            "by_instrument": [
                sum(row["instruments"][term.pk] for row in ordered_rows)
                for term in instrument_terms
            ],
        },
    }


def meeting_figures(meeting):
    """Return the exact inclusion figures of ``meeting`` (5 queries; 3 without practices).

    Counts of persons are exact: for the secretariat's eyes, or for ``display_figures``
    to suppress before anyone else reads them. Times are whole seconds.
    """
    slots = meeting_slots(meeting)
    parts = parts_of(slots)
    heads = meeting_heads(meeting)
    speakers = speaker_figures(parts, slots)
    return {
        "speakers": speakers,
        "heads": breakdown(category_of(declaration_of_member(member)) for member in heads),
        "time_by_gender": time_by_gender(slots),
        "time_by_group": time_by_group(slots),
        "total_time": time_row(slots),
        "practices": practice_figures(published_practices(meeting)),
    }


# Display -------------------------------------------------------------------------------


def count_cell(value, *, hidden=False):
    """Return a count as a page prints it: its value, its label, whether it is withheld."""
    if hidden:
        return {"value": None, "label": suppression.withheld_label(value), "is_hidden": True}
    return {"value": value, "label": str(value), "is_hidden": False}


def share_cell(numerator, denominator, *, hidden=False):
    """Return a share (0 to 1) with its label ("33%"), or an empty one when not shown."""
    if hidden or not denominator:
        return {"value": None, "percent": None, "label": "", "is_hidden": hidden}
    share = numerator / denominator
    percent = round(share * 100)
    return {
        "value": share,
        "percent": percent,
        "label": _("%(percent)s%%") % {"percent": percent},
        "is_hidden": False,
    }


def seconds_cell(seconds, *, hidden=False):
    """Return a duration with its label ("12:30", minutes and seconds), or none when hidden."""
    if hidden:
        return {"seconds": None, "minutes": None, "label": "", "is_hidden": True}
    return {
        "seconds": seconds,
        "minutes": round(seconds / 60, 1),
        "label": seconds_label(seconds),
        "is_hidden": False,
    }


def display_breakdown(figures, *, public):
    """Return a gender breakdown as cells, suppressed when ``public``."""
    counts = figures["counts"]
    hidden = suppression.hidden_cells(counts) if public else set()
    total_hidden = public and suppression.is_suppressed(figures["total"])
    women_hidden = Gender.WOMAN in hidden or total_hidden
    return {
        "total": count_cell(figures["total"], hidden=total_hidden),
        "counts": [
            {
                "key": key,
                "name": category_label(key),
                **count_cell(counts[key], hidden=key in hidden),
            }
            for key in CATEGORIES
        ],
        "women": count_cell(counts[Gender.WOMAN], hidden=women_hidden),
        "not_declared": count_cell(counts[NOT_DECLARED], hidden=NOT_DECLARED in hidden),
        "women_share": share_cell(counts[Gender.WOMAN], figures["total"], hidden=women_hidden),
    }


def all_withheld(cells):
    """Tell whether some cells are withheld and the others are all nil."""
    return any(cell["is_hidden"] for cell in cells) and all(
        cell["is_hidden"] or not cell["value"] for cell in cells
    )


def display_time_row(row, *, label, hidden):
    return {
        "key": row["key"],
        "label": label,
        "speakers": count_cell(row["speakers"], hidden=hidden),
        "slots": count_cell(row["slots"], hidden=hidden),
        "held_slots": count_cell(row["held_slots"], hidden=hidden),
        "planned": seconds_cell(row["planned_seconds"], hidden=hidden),
        "planned_held": seconds_cell(row["planned_held_seconds"], hidden=hidden),
        "actual": seconds_cell(row["actual_seconds"], hidden=hidden),
    }


def practice_tables(practices):
    """Return the practices per country as one table per kind of term (target groups,
    instruments): its terms, and each country's counts in the terms' order."""

    def table(terms_key, counts_key):
        return {
            "terms": practices[terms_key],
            "rows": [
                {"name": row["name"], "practices": row["practices"], "counts": row[counts_key]}
                for row in practices["rows"]
            ],
            "totals": practices["totals"][counts_key],
        }

    return {
        "target_groups": table("target_groups", "by_target_group"),
        "instruments": table("instruments", "by_instrument"),
    }


def display_figures(figures, *, public):
    """Return ``meeting_figures`` as cells to print; ``public`` applies the suppression.

    The shape is the same either way; see ``inclusion.figures.suppression`` for what is
    withheld in public.
    """
    speakers = figures["speakers"]
    gender_counts = {row["key"]: row["speakers"] for row in figures["time_by_gender"]}
    gender_hidden = suppression.hidden_cells(gender_counts) if public else set()
    whole_meeting = display_breakdown(speakers["meeting"], public=public)
    return {
        "is_public": public,
        "threshold": suppression.THRESHOLD,
        # Nothing left to print but "fewer than 5": the page says so in a sentence.
        "speakers_withheld": all_withheld(whole_meeting["counts"]),
        "time_withheld": all_withheld(
            [count_cell(count, hidden=key in gender_hidden) for key, count in gender_counts.items()]
        ),
        "speakers": {
            "parts": [
                {
                    "key": part["key"],
                    "title": part["title"],
                    **display_breakdown(part, public=public),
                }
                for part in speakers["parts"]
            ],
            "meeting": whole_meeting,
        },
        "heads": display_breakdown(figures["heads"], public=public),
        "time_by_gender": [
            display_time_row(
                row, label=category_label(row["key"]), hidden=row["key"] in gender_hidden
            )
            for row in figures["time_by_gender"]
        ],
        "time_by_group": [
            display_time_row(
                row,
                label=group_label(row["key"]),
                hidden=public and suppression.is_suppressed(row["speakers"]),
            )
            for row in figures["time_by_group"]
        ],
        "total_time": display_time_row(
            {"key": "all", **figures["total_time"]}, label=_("All speakers"), hidden=False
        ),
        # Good practices are not personal data: never suppressed.
        "practices": figures["practices"],
        "practice_tables": practice_tables(figures["practices"]),
    }
