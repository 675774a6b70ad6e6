"""What every page of the agenda editor shares: its addresses and labels, built once per
page, and the answer to an edit (what it changed and the clock times, or a redirect)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from agenda import publishing, relations, selectors
from agenda.forms import SlotForm
from agenda.models import Meeting
from agenda.templatetags.labels import PK_PLACEHOLDER
from cidi_meeting.versioning import EditConflict

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


def meeting_or_404(slug):
    return get_object_or_404(Meeting, slug=slug)


# The addresses each part, slot and question of the editor links to, built once per page
# with a placeholder for the id (the ``pk`` filter puts it in).
_ROW_URLS = {
    "segment_edit": ("agenda:segment_edit", ()),
    "segment_up": ("agenda:segment_move", ("up",)),
    "segment_down": ("agenda:segment_move", ("down",)),
    "segment_delete": ("agenda:segment_delete", ()),
    "slots_reorder": ("agenda:slots_reorder", ()),
    "slot_add": ("agenda:slot_add", ()),
    "question_add": ("agenda:question_add", ()),
    "slot_edit": ("agenda:slot_edit", ()),
    "slot_up": ("agenda:slot_move", ("up",)),
    "slot_down": ("agenda:slot_move", ("down",)),
    "slot_delete": ("agenda:slot_delete", ()),
    "question_edit": ("agenda:question_edit", ()),
    "question_delete": ("agenda:question_delete", ()),
}
# Addresses of the apps built on the agenda (their URLs may not be installed).
_OTHER_URLS = {"invite": "speakers:invitation_send", "person_edit": "directory:person_edit"}


def page_parts(meeting):
    """Return the addresses and the per-row labels of the editor, made once per page."""
    urls = {
        key: reverse(name, args=[meeting.slug, PK_PLACEHOLDER, *rest])
        for key, (name, rest) in _ROW_URLS.items()
    }
    for key, name in _OTHER_URLS.items():
        try:
            urls[key] = reverse(name, args=[PK_PLACEHOLDER])
        except NoReverseMatch:
            urls[key] = ""
    labels = {
        "edit": _("Edit"),
        "delete": _("Delete"),
        "drag": _("Drag to reorder"),
        "invite": _("Invite"),
        "invite_again": _("Invite again"),
        "email_first": _("Add an email address to the person first"),
        "link_expired": _("(the link has expired)"),
        "add_email": _("(no email address: add one)"),
        "no_email": _("(no email address)"),
        "no_slots": _(
            "No speaker slots: the part lasts its allotted minutes. Add a slot, or drag one here."
        ),
        "delete_question": _("Delete this question?"),
        # Filled with each slot's name by the ``named`` filter.
        "actions_for": _("Actions for %(slot)s"),
        "move_up": _("Move %(slot)s up"),
        "move_down": _("Move %(slot)s down"),
        "delete_slot": _("Delete the slot of %(slot)s?"),
    }
    return {"urls": urls, "labels": labels}


def agenda_context(meeting_slug):
    """Return what the editor's agenda shows: the meeting, its timing, each part's warnings."""
    meeting = selectors.meeting_get_for_agenda(
        slug=meeting_slug, published_only=False, for_editor=True
    )
    timing = selectors.agenda_timing(meeting)
    # The gentle warnings of the apps built on the agenda, shown next to each part.
    warnings = publishing.extra_part_warnings(meeting, timing)
    for part in timing.segments:
        part.warnings = warnings.get(part.segment.pk, [])
    return {
        "meeting": meeting,
        "timing": timing,
        "overrun_minutes": selectors.overrun_minutes(meeting, timing),
        **page_parts(meeting),
    }


@dataclass(frozen=True)
class Changed:
    """What an edit changed on the editor's agenda, so its answer carries only that.

    ``parts``: the ids of the parts to write again whole; ``slot``: a slot whose row
    alone changed (with its part's header and questions); ``questions_only``: only the
    parts' guiding questions changed. The clock times of every row come with any answer.
    """

    parts: frozenset = frozenset()
    slot: int | None = None
    questions_only: bool = False


def clock_times(timing):
    """Return every planned clock time of the agenda as minutes after its start.

    ``{"origin": <ms since 1970 of the start>, "times": "p12:0:60,s40:0:7,..."}``: the
    editor's script writes them into the rows after an edit (``data-times`` marks them),
    without the server writing each row again. The minutes count the time that passes
    from the meeting's start, across days and clock changes, so a session on a later
    day (``x<id>``: its agenda's start and end) is as right as the first.
    """
    origin = timing.meeting.starts_at

    def minutes(moment):
        return int((moment - origin).total_seconds() // 60)

    entries = []
    if timing.meeting.has_sessions:
        entries.extend(
            f"x{sitting.session.pk}:{minutes(sitting.planned_start)}:{minutes(sitting.planned_end)}"
            for sitting in timing.sessions
            if sitting.session.pk
        )
    for part in timing.segments:
        entries.append(
            f"p{part.segment.pk}:{minutes(part.planned_start)}:{minutes(part.planned_end)}"
        )
        entries.extend(
            f"s{item.slot.pk}:{minutes(item.planned_start)}:{minutes(item.planned_end)}"
            for item in part.slots
        )
    return {"origin": int(origin.timestamp() * 1000), "times": ",".join(entries)}


def _places(timing):
    """Return ``{part id: (is first, is last)}`` of each part within its sitting."""
    places = {}
    for sitting in timing.sessions:
        last = len(sitting.segments) - 1
        for index, part in enumerate(sitting.segments):
            places[part.segment.pk] = (index == 0, index == last)
    return places


def after_change(request, meeting, message, changed=None, *, refused=False):
    """Answer a change: what changed for htmx, a redirect otherwise.

    ``changed`` (a ``Changed``) names the parts, the slot or the questions the edit
    touched: the answer writes those again and only the clock times of the rest. Without
    it (a part or a session added, moved or deleted, the meeting's details) the whole
    agenda. ``refused``: nothing was saved; the answer shows the agenda as stored (a slot
    dropped where it may not go returns to its place) and ``message`` as a warning.
    """
    if not request.htmx:
        if refused:
            messages.error(request, message)
        else:
            messages.success(request, message)
        return redirect(meeting.get_editor_url())
    context = agenda_context(meeting.slug)
    context["status_message"] = message
    context["refused"] = refused
    if refused:
        changed = None
    parts = context["timing"].segments
    wanted = set(changed.parts) if changed is not None else set()
    if changed is not None and changed.slot is not None:
        holding = {
            part.segment.pk
            for part in parts
            if any(item.slot.pk == changed.slot for item in part.slots)
        }
        # A slot that no longer takes time is listed under its part: write the part.
        changed = changed if holding else None
        wanted |= holding
    if changed is not None:
        context["changed"] = changed
        places = _places(context["timing"])
        context["changed_parts"] = [
            (part, *places[part.segment.pk]) for part in parts if part.segment.pk in wanted
        ]
        context["clock_times"] = clock_times(context["timing"])
    return render(request, "agenda/editor/_after_change.html", context)


def form_response(request, meeting, form, *, title, action, conflict=None, status=200, intro=""):
    context = {
        "meeting": meeting,
        "form": form,
        "title": title,
        "action": action,
        "conflict": conflict,
        "intro": intro,
        "offers_new_person": isinstance(form, SlotForm),
        # The slot being edited: the panel lists its statements (a new slot has none).
        "slot": form.instance if isinstance(form, SlotForm) and form.instance.pk else None,
    }
    template = "agenda/editor/_panel.html" if request.htmx else "agenda/editor/form_page.html"
    return render(request, template, context, status=status)


def save_form(request, meeting, form, save, *, title, action, success, changed=None, intro=""):
    """Run ``save`` for a valid form; turn conflicts and rule violations into messages.

    ``changed`` tells ``after_change`` what the edit touches on the agenda; ``intro`` is
    the panel's introduction, shown again with the form when the save is refused.
    """
    try:
        save()
    except EditConflict as conflict:
        form.set_current_version(conflict.instance.version)
        return form_response(
            request,
            meeting,
            form,
            title=title,
            action=action,
            conflict=conflict.changes or [()],
            intro=intro,
        )
    except ValidationError as error:
        # A rule about one field (a session's day) is shown at that field.
        fields = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        for name, errors in fields.items():
            for text in ValidationError(errors).messages:
                form.add_error(name if name in form.fields else None, text)
        return form_response(request, meeting, form, title=title, action=action, intro=intro)
    return after_change(request, meeting, success, changed)
