"""The scenario's standard words: what the Chair and the moderator say when nothing is edited.

Every sentence is one message with named placeholders, so that translators can place the
role, the name and the part where their language wants them. Role names follow the
person's grammatical gender (``Person.grammatical_gender``): the same English word ("the
moderator") is translated once per context, "feminine", "masculine" or "neutral" ("la
moderadora", "el moderador", "la moderación"). Roles are named only where the sentence
needs no contraction with a preposition ("al moderador"), so one form per gender serves.
"""

import re

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import fallbacks

from accounts.enums import Language
from agenda.enums import LeadRole, SegmentKind
from cidi_meeting.labels import in_sentence, minutes_label
from speakers.enums import GrammaticalGender, SlotRole

CHAIR, MODERATOR = LeadRole.CHAIR, LeadRole.MODERATOR
PARAGRAPHS = re.compile(r"\n\s*\n")


def _gender(person):
    return getattr(person, "grammatical_gender", "") or ""


def role_name(role, person=None):
    """Return "the Chair" or "the moderator" for ``person``'s grammatical gender.

    Spanish gives "la presidenta", "el presidente" or "la Presidencia"; French "la
    présidente", "le président" or "la présidence"; Portuguese "a presidenta", "o
    presidente" or "a Presidência" (and so for the moderator).
    """
    # Translators: the role of a woman, with its article ("la moderadora"); the
    # "masculine" context is a man's, the "neutral" one names the office ("la
    # moderación", "la Presidencia").
    names = {
        (MODERATOR, GrammaticalGender.FEMININE): pgettext_lazy("feminine", "the moderator"),
        (MODERATOR, GrammaticalGender.MASCULINE): pgettext_lazy("masculine", "the moderator"),
        (MODERATOR, ""): pgettext_lazy("neutral", "the moderator"),
        (CHAIR, GrammaticalGender.FEMININE): pgettext_lazy("feminine", "the Chair"),
        (CHAIR, GrammaticalGender.MASCULINE): pgettext_lazy("masculine", "the Chair"),
        (CHAIR, ""): pgettext_lazy("neutral", "the Chair"),
    }
    return str(names[_role(role), _gender(person)])


def role_label(role, person=None):
    """Return "Moderator" or "Chair" as a label for ``person``'s grammatical gender.

    Without an article, for headings: "Moderadora", "Moderador", "Moderación".
    """
    labels = {
        (MODERATOR, GrammaticalGender.FEMININE): pgettext_lazy("feminine label", "Moderator"),
        (MODERATOR, GrammaticalGender.MASCULINE): pgettext_lazy("masculine label", "Moderator"),
        (MODERATOR, ""): pgettext_lazy("neutral label", "Moderator"),
        (CHAIR, GrammaticalGender.FEMININE): pgettext_lazy("feminine label", "Chair"),
        (CHAIR, GrammaticalGender.MASCULINE): pgettext_lazy("masculine label", "Chair"),
        (CHAIR, ""): pgettext_lazy("neutral label", "Chair"),
    }
    return str(labels[_role(role), _gender(person)])


def _role(role):
    return MODERATOR if role == MODERATOR else CHAIR


def who_speaks(segment, meeting):
    """Return the role name of whoever gives the floor in ``segment``, capitalized.

    The part's moderator when it has one, else the Chair: the part's lead when the lead
    chairs it, else the meeting's chair.
    """
    lead = segment.lead
    if lead is not None and segment.lead_role == MODERATOR:
        return capfirst(role_name(MODERATOR, lead))
    return capfirst(chair_name(meeting, segment))


def chair_name(meeting, segment=None):
    """Return the Chair's role name (lowercase article), from the part's or meeting's chair."""
    if segment is not None and segment.lead is not None and segment.lead_role == CHAIR:
        return role_name(CHAIR, segment.lead)
    return role_name(CHAIR, meeting.chair)


def and_list(items):
    """Return "a, b and c" in the active language."""
    items = [str(item) for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def opening_words(meeting, moderated_parts):
    """Return the Chair's standard opening: welcome, agenda, the parts' moderators.

    ``moderated_parts`` is a list of (part title, moderator ``Person``).
    """
    chair = capfirst(chair_name(meeting))
    words = [
        _(
            "%(chair)s opens the meeting and welcomes the delegations of the Member States, "
            "the speakers and all participants."
        )
        % {"chair": chair},
        _(
            "%(chair)s submits the draft agenda for consideration and, there being no "
            "comments, declares it adopted."
        )
        % {"chair": chair},
    ]
    for title, moderator in moderated_parts:
        name = moderator.display_name
        if moderator.position:
            name = _("%(name)s, %(position)s") % {"name": name, "position": moderator.position}
        words.append(
            _("For “%(part)s”, %(moderator)s will be %(name)s.")
            % {"part": title, "moderator": role_name(MODERATOR, moderator), "name": name}
        )
    words.append(
        _("%(chair)s recalls that interpretation is available in %(languages)s.")
        % {"chair": chair, "languages": and_list(in_sentence(label) for label in Language.labels)}
    )
    return words


def is_dialogue(segment):
    """Return True for a part in which the delegations take the floor."""
    return segment.accepts_floor_requests or segment.kind in (
        SegmentKind.DELEGATIONS_DIALOGUE,
        SegmentKind.INTERACTIVE_DIALOGUE,
    )


def part_opening_words(segment, meeting, *, speaking_minutes=0, qa_minutes=0, has_speakers=True):
    """Return the words that open a part, from its kind and its lead.

    ``speaking_minutes`` and ``qa_minutes`` are the longest limits of its speakers;
    ``has_speakers`` tells a dialogue with a list of speakers from one still without.
    """
    chair = capfirst(chair_name(meeting, segment))
    values = {"chair": chair, "part": segment.title}
    if segment.kind == SegmentKind.BREAK:
        return _("%(chair)s suspends the meeting for “%(part)s”.") % values
    lead = segment.lead
    if lead is not None and segment.lead_role == MODERATOR:
        return _(
            "%(chair)s now opens “%(part)s” and gives the floor to %(name)s, %(moderator)s."
        ) % {**values, "name": lead.display_name, "moderator": role_name(MODERATOR, lead)}
    if is_dialogue(segment) and has_speakers:
        return _(
            "%(chair)s now opens “%(part)s” and gives the floor to the delegations in the "
            "order of the list of speakers, up to %(limit)s per intervention."
        ) % {**values, "limit": minutes_label(segment.floor_minutes)}
    # A dialogue still without speakers: the invitation to ask follows (floor_invitation).
    return _speakers_opening(values, speaking_minutes=speaking_minutes, qa_minutes=qa_minutes)


def _speakers_opening(values, *, speaking_minutes, qa_minutes):
    if speaking_minutes and qa_minutes:
        return _(
            "%(chair)s now opens “%(part)s”: each speaker presents for up to %(speaking)s, "
            "then answers questions for %(qa)s."
        ) % {
            **values,
            "speaking": minutes_label(speaking_minutes),
            "qa": minutes_label(qa_minutes),
        }
    if speaking_minutes:
        return _("%(chair)s now opens “%(part)s”: up to %(limit)s per speaker.") % {
            **values,
            "limit": minutes_label(speaking_minutes),
        }
    return _("%(chair)s now opens “%(part)s”.") % values


def late_note(segment, slots):
    """Return what can be shortened in the part when the meeting runs late, or "".

    ``slots`` are the part's active speaker slots.
    """
    if segment.kind == SegmentKind.BREAK:
        minutes = (segment.allotted_minutes or 0) // 2
        return (
            _("The break can be shortened to %(limit)s.") % {"limit": minutes_label(minutes)}
            if minutes
            else ""
        )
    if is_dialogue(segment):
        return _("Interventions can be limited to %(limit)s.") % {
            "limit": minutes_label(max(1, segment.floor_minutes - 1))
        }
    if slots:
        return _speakers_late_note(slots)
    if segment.buffer_minutes:
        return _("The %(buffer)s kept free at the end of the part can be given up.") % {
            "buffer": minutes_label(segment.buffer_minutes)
        }
    return ""


def _speakers_late_note(slots):
    """Halve the questions where there are some, else hold the speakers to their limit."""
    with_questions = [slot for slot in slots if slot.qa_minutes]
    if not with_questions:
        longest = max(slot.speaking_minutes for slot in slots)
        return _("Ask speakers to keep to %(limit)s; no extension.") % {
            "limit": minutes_label(longest)
        }
    shorter = max(slot.qa_minutes for slot in with_questions) // 2
    saved = sum(slot.qa_minutes - min(slot.qa_minutes, shorter) for slot in with_questions)
    if shorter:
        return _("Questions can be shortened to %(limit)s per panelist (saves %(saved)s).") % {
            "limit": minutes_label(shorter),
            "saved": minutes_label(saved),
        }
    return _("Questions can be left out (saves %(saved)s).") % {"saved": minutes_label(saved)}


def floor_words(segment, meeting, slot):
    """Return the standard words that give the floor to ``slot``'s speaker."""
    person = slot.person
    values = {
        "lead": who_speaks(segment, meeting),
        "speaker": person.display_name,
        "position": person.position,
        "delegation": slot.representing_label,
    }
    if slot.role == SlotRole.DELEGATION and slot.representing_label:
        # "du Panama", "de la República Dominicana": the preposition agrees with the name.
        values["of_delegation"] = slot.representing.display_name_of
        if person.position:
            return (
                # Translators: of_delegation already holds "of" and the name with its
                # article: "of Panama", "de la República Dominicana", "du Panama".
                _(
                    "%(lead)s gives the floor to the delegation %(of_delegation)s: "
                    "%(speaker)s, %(position)s."
                )
                % values
            )
        # Translators: of_delegation already holds "of" and the name with its article.
        return _("%(lead)s gives the floor to the delegation %(of_delegation)s: %(speaker)s.") % (
            values
        )
    if person.position and slot.representing_label:
        return _("%(lead)s gives the floor to %(speaker)s, %(position)s (%(delegation)s).") % (
            values
        )
    if slot.representing_label:
        return _("%(lead)s gives the floor to %(speaker)s (%(delegation)s).") % values
    if person.position:
        return _("%(lead)s gives the floor to %(speaker)s, %(position)s.") % values
    return _("%(lead)s gives the floor to %(speaker)s.") % values


def floor_invitation(segment):
    """Return the line of a part that takes requests for the floor and has no speaker yet."""
    return _(
        "Delegations wishing to take the floor are invited to ask for it; each intervention "
        "is limited to %(limit)s."
    ) % {"limit": minutes_label(segment.floor_minutes)}


def interpretation(slot, *, language):
    """Return the floor language, and the languages it is interpreted into.

    ``language`` is the document's: when the speaker uses another, whoever reads the
    scenario listens through interpretation (``needs_channel``).
    """
    others = [
        in_sentence(label) for value, label in Language.choices if value != slot.floor_language
    ]
    return {
        "floor_language": in_sentence(slot.get_floor_language_display()),
        "into": and_list(others),
        "needs_channel": slot.floor_language != language,
        "channel": in_sentence(dict(Language.choices).get(language, "")),
    }


def closing_words(meeting, outcomes):
    """Return the Chair's standard closing: summary, thanks and closing (``outcomes`` apart)."""
    chair = capfirst(chair_name(meeting))
    summary = (
        _("%(chair)s summarizes the dialogue in light of the expected outcomes:")
        if outcomes
        else _("%(chair)s summarizes the dialogue.")
    ) % {"chair": chair}
    return {
        "summary": summary,
        "after": [
            _(
                "%(chair)s thanks the speakers, the delegations, the interpreters and the "
                "Secretariat."
            )
            % {"chair": chair},
            _("%(chair)s declares the meeting closed.") % {"chair": chair},
        ],
    }


def edited_words(record, field):
    """Return the paragraphs of ``record``'s ``field`` in the active language, or [].

    Read without modeltranslation's fallback: words written for one language are not
    read out in another; an empty field in this language means the standard words.
    """
    with fallbacks(False):
        text = getattr(record, field) or ""
    return [paragraph.strip() for paragraph in PARAGRAPHS.split(text) if paragraph.strip()]
