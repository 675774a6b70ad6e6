"""What is not ready yet when the secretariat publishes a meeting.

Publishing makes the agenda public; nothing here blocks it (a meeting is often published
while speakers are still confirming), but the secretariat should see, in one place,
what delegations and speakers would find missing: unconfirmed or uninvited speakers,
texts not yet translated, deadlines not set, no venue or connection link, parts without
guiding questions, an agenda running past the planned end.

The apps built on the agenda add gentle warnings about single parts (the inclusion app:
no speaker in a part has declared as a woman) through ``register_part_warnings``; the
editor shows each next to its part. They are notes on the programme, not things left
undone, so this checklist leaves them out.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import Language
from agenda import content_languages, relations, selectors
from agenda.enums import MeetingFormat, SegmentKind, SlotStatus

# Parts that usually have no guiding questions of their own.
PARTS_WITHOUT_QUESTIONS = {SegmentKind.OPENING, SegmentKind.CLOSING, SegmentKind.BREAK}


@dataclass
class NotReady:
    """One thing that is not ready: what, the details, and where to fix it."""

    text: str
    details: list = field(default_factory=list)
    fix_url: str = ""
    fix_label: str = ""


def _speaker_warnings(meeting, timing):
    invitation_model = relations.speaker_invitation_model()
    active = [item.slot for part in timing.segments for item in part.slots]
    invited = set(
        invitation_model.objects.filter(
            slot__segment__meeting=meeting, sent_at__isnull=False
        ).values_list("slot_id", flat=True)
    )
    editor = reverse("agenda:editor", args=[meeting.slug])
    warnings = []
    not_invited = [
        slot for slot in active if slot.pk not in invited and slot.status != SlotStatus.CONFIRMED
    ]
    if not_invited:
        warnings.append(
            NotReady(
                ngettext(
                    "%(count)d speaker has not been invited.",
                    "%(count)d speakers have not been invited.",
                    len(not_invited),
                )
                % {"count": len(not_invited)},
                [slot.label for slot in not_invited],
                editor,
                _("Invite them from the agenda editor"),
            )
        )
    unconfirmed = [
        slot for slot in active if slot.pk in invited and slot.status != SlotStatus.CONFIRMED
    ]
    if unconfirmed:
        warnings.append(
            NotReady(
                ngettext(
                    "%(count)d speaker has not confirmed yet.",
                    "%(count)d speakers have not confirmed yet.",
                    len(unconfirmed),
                )
                % {"count": len(unconfirmed)},
                [slot.label for slot in unconfirmed],
                editor,
                _("See the speakers in the agenda editor"),
            )
        )
    return warnings


def _translation_warnings(meeting):
    rows = content_languages.meeting_coverage(meeting)
    names = dict(Language.choices)
    details = [
        _("%(language)s: %(missing)d of %(total)d texts missing")
        % {
            "language": names.get(total["language"], total["language"]),
            "missing": total["total"] - total["done"],
            "total": total["total"],
        }
        for total in content_languages.coverage_totals(rows)
        if total["done"] < total["total"]
    ]
    if not details:
        return []
    return [
        NotReady(
            _("Some texts are not translated into every language; readers see another language."),
            details,
            reverse("agenda:content_languages", args=[meeting.slug]),
            _("Fill them in under Content languages"),
        )
    ]


def _detail_warnings(meeting, timing):
    details_url = reverse("agenda:meeting_edit", args=[meeting.slug])
    fix = _("Edit the meeting details")
    warnings = []
    deadlines = [
        (meeting.registration_deadline, _("registration deadline")),
        (meeting.speaker_confirmation_deadline, _("speaker-confirmation deadline")),
        (meeting.practice_deadline, _("good-practice deadline")),
    ]
    unset = [str(label) for value, label in deadlines if value is None]
    if unset:
        warnings.append(
            NotReady(
                _("Deadlines not set."),
                unset,
                reverse("delegations:dashboard", args=[meeting.slug]),
                _("Set them under Delegations, registration settings"),
            )
        )
    if meeting.format != MeetingFormat.VIRTUAL and not meeting.venue:
        warnings.append(
            NotReady(_("No venue: delegations do not know where to go."), [], details_url, fix)
        )
    if meeting.format != MeetingFormat.IN_PERSON and not meeting.connection_link:
        warnings.append(
            NotReady(_("No connection link for those who join online."), [], details_url, fix)
        )
    if meeting.has_sessions:
        warnings += _session_end_warnings(meeting, timing)
    elif meeting.ends_at is None:
        warnings.append(NotReady(_("No planned end."), [], details_url, fix))
    elif timing.planned_end > meeting.ends_at:
        over = int((timing.planned_end - meeting.ends_at).total_seconds() // 60)
        warnings.append(
            NotReady(
                ngettext(
                    "The agenda runs %(minutes)d minute past the planned end.",
                    "The agenda runs %(minutes)d minutes past the planned end.",
                    over,
                )
                % {"minutes": over},
                [],
                reverse("agenda:editor", args=[meeting.slug]),
                _("Shorten the agenda"),
            )
        )
    return warnings


def _session_end_warnings(meeting, timing):
    """Warn of sessions without a planned end, and of those whose agenda runs past it."""
    editor = reverse("agenda:editor", args=[meeting.slug])
    without = [s.session.title for s in timing.sessions if s.session.end_time is None]
    over = [
        ngettext(
            "%(session)s: %(minutes)d minute past its planned end",
            "%(session)s: %(minutes)d minutes past its planned end",
            s.overrun_minutes,
        )
        % {"session": s.session.title, "minutes": s.overrun_minutes}
        for s in timing.sessions
        if s.overrun_minutes
    ]
    warnings = []
    if without:
        warnings.append(
            NotReady(_("Sessions without a planned end."), without, editor, _("Edit the sessions"))
        )
    if over:
        warnings.append(
            NotReady(
                _("Sessions that run past their planned end."),
                over,
                editor,
                _("Shorten the agenda"),
            )
        )
    return warnings


def _part_warnings(meeting, timing):
    without = [
        part.segment.title
        for part in timing.segments
        if part.segment.kind not in PARTS_WITHOUT_QUESTIONS
        and not part.segment.guiding_questions.all()
    ]
    if not without:
        return []
    return [
        NotReady(
            _("Parts without guiding questions."),
            without,
            reverse("agenda:editor", args=[meeting.slug]),
            _("Add questions in the agenda editor"),
        )
    ]


# Warnings about single parts, from the apps built on the agenda ----------------------

_part_warning_providers = []


def register_part_warnings(provider):
    """Add ``provider`` to the editor's warnings about parts (once, however often called).

    ``provider(*, meeting, timing)`` returns ``{part id: words}`` for the parts it warns
    about (the words in the active language), with a fixed number of queries whatever
    the number of parts. A warning never refuses anything.
    """
    if provider not in _part_warning_providers:
        _part_warning_providers.append(provider)
    return provider


def extra_part_warnings(meeting, timing):
    """Return ``{part id: [words, ...]}``: every registered warning about each part."""
    warnings = {}
    for provider in _part_warning_providers:
        for part_id, text in provider(meeting=meeting, timing=timing).items():
            warnings.setdefault(part_id, []).append(text)
    return warnings


def publish_checklist(meeting):
    """Return the warnings about what is not ready in ``meeting`` (empty when all is)."""
    meeting = selectors.meeting_get_for_agenda(slug=meeting.slug, published_only=False)
    timing = selectors.agenda_timing(meeting)
    return [
        *_speaker_warnings(meeting, timing),
        *_translation_warnings(meeting),
        *_detail_warnings(meeting, timing),
        *_part_warnings(meeting, timing),
    ]
