"""The secretariat's agenda editor: meetings, parts, speaker slots and guiding questions.

Server-rendered pages enhanced with htmx: an edit form opens in a side panel; after
every change the agenda is rendered again, so the clock times on the page follow. The
same URLs work without JavaScript (full pages and redirects).
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import duplication, history, publishing, relations, selectors, services
from agenda.forms import (
    DuplicateMeetingForm,
    MeetingForm,
    PersonForm,
    QuestionForm,
    SegmentForm,
    SlotForm,
)
from agenda.models import GuidingQuestion, Meeting, Segment
from agenda.templatetags.labels import PK_PLACEHOLDER
from cidi_meeting.ordering import UP
from cidi_meeting.versioning import EditConflict

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


def _meeting(slug):
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


def _page_parts(meeting):
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


def _agenda_context(meeting_slug):
    meeting = selectors.meeting_get_for_agenda(
        slug=meeting_slug, published_only=False, for_editor=True
    )
    timing = selectors.agenda_timing(meeting)
    return {
        "meeting": meeting,
        "timing": timing,
        "overrun_minutes": selectors.overrun_minutes(meeting, timing),
        **_page_parts(meeting),
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
    without the server writing each row again.
    """
    origin = timing.meeting.starts_at

    def minutes(moment):
        return int((moment - origin).total_seconds() // 60)

    entries = []
    for part in timing.segments:
        entries.append(
            f"p{part.segment.pk}:{minutes(part.planned_start)}:{minutes(part.planned_end)}"
        )
        entries.extend(
            f"s{item.slot.pk}:{minutes(item.planned_start)}:{minutes(item.planned_end)}"
            for item in part.slots
        )
    return {"origin": int(origin.timestamp() * 1000), "times": ",".join(entries)}


def _after_change(request, meeting, message, changed=None):
    """Answer a successful change: what changed for htmx, a redirect otherwise.

    ``changed`` (a ``Changed``) names the parts, the slot or the questions the edit
    touched: the answer writes those again and only the clock times of the rest. Without
    it (a part added, moved or deleted, the meeting's details) the whole agenda.
    """
    if not request.htmx:
        messages.success(request, message)
        return redirect(meeting.get_editor_url())
    context = _agenda_context(meeting.slug)
    context["status_message"] = message
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
        context["changed_parts"] = [
            (part, index == 0, index == len(parts) - 1)
            for index, part in enumerate(parts)
            if part.segment.pk in wanted
        ]
        context["clock_times"] = clock_times(context["timing"])
    return render(request, "agenda/editor/_after_change.html", context)


def _form_response(request, meeting, form, *, title, action, conflict=None, status=200, intro=""):
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


def _save(request, meeting, form, save, *, title, action, success, changed=None):
    """Run ``save`` for a valid form; turn conflicts and rule violations into messages.

    ``changed`` tells ``_after_change`` what the edit touches on the agenda.
    """
    try:
        save()
    except EditConflict as conflict:
        form.set_current_version(conflict.instance.version)
        return _form_response(
            request, meeting, form, title=title, action=action, conflict=conflict.changes or [()]
        )
    except ValidationError as error:
        for text in error.messages:
            form.add_error(None, text)
        return _form_response(request, meeting, form, title=title, action=action)
    return _after_change(request, meeting, success, changed)


# Meetings ------------------------------------------------------------------------------


@secretariat_required
def meeting_list(request):
    """List every meeting, drafts included, for the secretariat."""
    meetings = Meeting.objects.order_by("-date", "-start_time")
    return render(request, "agenda/editor/meeting_list.html", {"meetings": meetings})


@secretariat_required
def meeting_create(request):
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in {"version", "expected_outcomes"}
        }
        meeting = services.meeting_create(
            data=data, expected_outcomes=form.cleaned_data["expected_outcomes"]
        )
        messages.success(request, _("Meeting created. Now add its parts and speakers."))
        return redirect(meeting.get_editor_url())
    return render(
        request,
        "agenda/editor/form_page.html",
        {
            "form": form,
            "title": _("New meeting"),
            "action": reverse("agenda:meeting_create"),
            "multipart": True,
        },
    )


@secretariat_required
def meeting_editor(request, slug):
    """The editor: the whole agenda with clock times and the controls to change it."""
    try:
        context = _agenda_context(slug)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return render(request, "agenda/editor/editor.html", context)


@secretariat_required
def meeting_edit(request, slug):
    meeting = _meeting(slug)
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting)
    action = reverse("agenda:meeting_edit", args=[slug])
    title = _("Meeting details")
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in {"version", "expected_outcomes"}
        }

        def save():
            services.meeting_update(
                meeting=meeting,
                data=data,
                expected_version=form.cleaned_data["version"],
                expected_outcomes=form.cleaned_data["expected_outcomes"],
            )

        response = _save(
            request,
            meeting,
            form,
            save,
            title=title,
            action=action,
            success=_("Meeting details saved."),
        )
        if meeting.slug != slug and response.status_code == 200 and request.htmx:
            response["HX-Redirect"] = meeting.get_editor_url()
        return response
    return _form_response(request, meeting, form, title=title, action=action)


def _posted_version(request, meeting):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else meeting.version


@secretariat_required
def meeting_publish(request, slug):
    """Show what is not ready yet, then publish when the secretariat says so."""
    meeting = _meeting(slug)
    if request.method == "POST":
        try:
            services.meeting_publish(
                meeting=meeting, expected_version=_posted_version(request, meeting)
            )
        except EditConflict:
            messages.warning(
                request,
                _("Someone changed the meeting meanwhile; check the list again and publish."),
            )
            return redirect("agenda:meeting_publish", slug=slug)
        messages.success(
            request, _("Published: the agenda is public and delegations can register.")
        )
        return redirect(meeting.get_editor_url())
    return render(
        request,
        "agenda/editor/publish.html",
        {"meeting": meeting, "warnings": publishing.publish_checklist(meeting)},
    )


@secretariat_required
@require_POST
def meeting_unpublish(request, slug):
    """Take a published meeting back to a draft (the public page disappears)."""
    meeting = _meeting(slug)
    try:
        services.meeting_unpublish(
            meeting=meeting, expected_version=_posted_version(request, meeting)
        )
    except EditConflict:
        messages.warning(request, _("Someone changed the meeting meanwhile; try again."))
    else:
        messages.success(request, _("The meeting is a draft again: only the secretariat sees it."))
    return redirect(meeting.get_editor_url())


def _next_slug(meeting, date):
    base = meeting.slug.rstrip("-0123456789") or "meeting"
    candidate = f"{base}-{date:%Y-%m-%d}"[:80]
    number = 2
    while Meeting.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{date:%Y-%m-%d}-{number}"[:80]
        number += 1
    return candidate


@secretariat_required
def meeting_duplicate(request, slug):
    """Start the next meeting from this one: same agenda and settings, a new date."""
    meeting = _meeting(slug)
    next_date = meeting.date + datetime.timedelta(days=7)
    form = DuplicateMeetingForm(
        request.POST or None,
        initial={"title": meeting.title, "date": next_date, "slug": _next_slug(meeting, next_date)},
    )
    if request.method == "POST" and form.is_valid():
        copy = duplication.meeting_duplicate(meeting=meeting, **form.cleaned_data)
        messages.success(
            request,
            _(
                "A draft copy of “%(title)s” was created on %(date)s: check its parts, "
                "speakers and deadlines, then invite the speakers."
            )
            % {"title": meeting.title, "date": date_format(copy.date, "DATE_FORMAT")},
        )
        return redirect(copy.get_editor_url())
    return render(
        request,
        "agenda/editor/form_page.html",
        {
            "form": form,
            "title": _("Duplicate “%(title)s”") % {"title": meeting.title},
            "action": reverse("agenda:meeting_duplicate", args=[slug]),
            "intro": _(
                "The copy keeps the parts, speaker slots, guiding questions, reminder rules "
                "and settings, and moves the deadlines with the date. It starts as a draft: "
                "speakers are neither invited nor confirmed, and nothing of this meeting's "
                "room, statements or registrations is copied."
            ),
        },
    )


@secretariat_required
def meeting_history(request, slug):
    meeting = _meeting(slug)
    return render(
        request,
        "agenda/editor/history.html",
        {"meeting": meeting, "entries": history.meeting_history(meeting=meeting)},
    )


# Segments ------------------------------------------------------------------------------


@secretariat_required
def segment_add(request, slug):
    meeting = _meeting(slug)
    form = SegmentForm(request.POST or None)
    action = reverse("agenda:segment_add", args=[slug])
    title = _("New part")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return _save(
            request,
            meeting,
            form,
            lambda: services.segment_create(meeting=meeting, data=data),
            title=title,
            action=action,
            success=_("Part added."),
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
def segment_edit(request, slug, pk):
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    form = SegmentForm(request.POST or None, instance=segment)
    action = reverse("agenda:segment_edit", args=[slug, pk])
    title = _("Edit part")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return _save(
            request,
            meeting,
            form,
            lambda: services.segment_update(
                segment=segment, data=data, expected_version=form.cleaned_data["version"]
            ),
            title=title,
            action=action,
            success=_("Part saved."),
            changed=Changed(parts=frozenset({segment.pk})),
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def segment_delete(request, slug, pk):
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    services.segment_delete(segment=segment)
    return _after_change(request, meeting, _("Part deleted."))


@secretariat_required
@require_POST
def segment_move(request, slug, pk, direction):
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    services.segment_move(segment=segment, direction=direction)
    return _after_change(
        request,
        meeting,
        _("Moved “%(title)s” up.") % {"title": segment.title}
        if direction == UP
        else _("Moved “%(title)s” down.") % {"title": segment.title},
    )


# Slots --------------------------------------------------------------------------------


# A slot form left half-filled to add a person: kept in the session, given back after.
SLOT_DRAFT_KEY = "agenda-slot-draft"


def _stash_slot_draft(request, meeting, action):
    """Keep what was typed in the slot form, then open the person form."""
    data = {
        key: request.POST.getlist(key)
        for key in request.POST
        if key not in {"csrfmiddlewaretoken", "add_person"}
    }
    request.session[SLOT_DRAFT_KEY] = {"action": action, "data": data}
    return redirect(
        f"{reverse('agenda:person_add', args=[meeting.slug])}?{urlencode({'then': action})}"
    )


_DRAFT_BACK = gettext_lazy(
    "The person is added and chosen; the rest of the slot is as you left it. Save to keep it."
)


def _slot_draft_initial(request, action):
    """Return the kept slot form's values as initial data, once, for ``action``."""
    if request.method != "GET" or "draft" not in request.GET:
        return None
    draft = request.session.get(SLOT_DRAFT_KEY)
    if not draft or draft["action"] != action:
        return None
    del request.session[SLOT_DRAFT_KEY]
    return {
        key: values if key == "guiding_questions" else (values[0] if values else "")
        for key, values in draft["data"].items()
    }


def _slot_data(form):
    return {
        key: value
        for key, value in form.cleaned_data.items()
        if key not in {"version", "guiding_questions"}
    }


@secretariat_required
def slot_add(request, slug, segment_pk):
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=segment_pk, meeting=meeting)
    action = reverse("agenda:slot_add", args=[slug, segment_pk])
    if "add_person" in request.POST:
        return _stash_slot_draft(request, meeting, action)
    form = SlotForm(
        request.POST or None,
        meeting=meeting,
        segment=segment,
        initial=(draft := _slot_draft_initial(request, action)),
    )
    title = _("New speaker slot in “%(part)s”") % {"part": segment.title}
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["segment"]
        return _save(
            request,
            meeting,
            form,
            lambda: services.slot_create(
                segment=target,
                data=_slot_data(form),
                guiding_questions=form.cleaned_data["guiding_questions"],
            ),
            title=title,
            action=action,
            success=_("Speaker slot added."),
            changed=Changed(parts=frozenset({target.pk})),
        )
    return _form_response(
        request, meeting, form, title=title, action=action, intro=_DRAFT_BACK if draft else ""
    )


@secretariat_required
def slot_edit(request, slug, pk):
    meeting = _meeting(slug)
    slot = get_object_or_404(
        SpeakerSlot.objects.select_related("segment"), pk=pk, segment__meeting=meeting
    )
    action = reverse("agenda:slot_edit", args=[slug, pk])
    if "add_person" in request.POST:
        return _stash_slot_draft(request, meeting, action)
    form = SlotForm(
        request.POST or None,
        instance=slot,
        meeting=meeting,
        initial=(draft := _slot_draft_initial(request, action)),
    )
    title = _("Edit speaker slot")
    if request.method == "POST" and form.is_valid():
        moved = form.cleaned_data["segment"].pk != slot.segment_id
        takes_time = {slot.status, form.cleaned_data["status"]}.isdisjoint(
            selectors.INACTIVE_SLOT_STATUSES
        )
        changed = (
            Changed(slot=slot.pk)
            if takes_time and not moved
            else Changed(parts=frozenset({slot.segment_id, form.cleaned_data["segment"].pk}))
        )
        return _save(
            request,
            meeting,
            form,
            lambda: services.slot_update(
                slot=slot,
                data=_slot_data(form),
                expected_version=form.cleaned_data["version"],
                guiding_questions=[] if moved else form.cleaned_data["guiding_questions"],
            ),
            title=title,
            action=action,
            success=_("Speaker slot saved."),
            changed=changed,
        )
    return _form_response(
        request, meeting, form, title=title, action=action, intro=_DRAFT_BACK if draft else ""
    )


@secretariat_required
@require_POST
def slot_delete(request, slug, pk):
    meeting = _meeting(slug)
    slot = get_object_or_404(SpeakerSlot, pk=pk, segment__meeting=meeting)
    services.slot_delete(slot=slot)
    return _after_change(
        request,
        meeting,
        _("Speaker slot deleted."),
        Changed(parts=frozenset({slot.segment_id})),
    )


@secretariat_required
@require_POST
def slot_move(request, slug, pk, direction):
    meeting = _meeting(slug)
    slot = get_object_or_404(
        SpeakerSlot.objects.select_related(
            "representing_state", "representing_organization", "person"
        ),
        pk=pk,
        segment__meeting=meeting,
    )
    services.slot_move(slot=slot, direction=direction)
    label = slot.representing_label or str(slot.person)
    message = (_("Moved %(slot)s up.") if direction == UP else _("Moved %(slot)s down.")) % {
        "slot": label
    }
    return _after_change(request, meeting, message, Changed(parts=frozenset({slot.segment_id})))


@secretariat_required
@require_POST
def slots_reorder(request, slug, segment_pk):
    """Store the order of a segment's slots after a drag and drop."""
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=segment_pk, meeting=meeting)
    slot_ids = request.POST.getlist("slot")
    # A slot dragged in from another part leaves that part too.
    left = set(
        SpeakerSlot.objects.filter(
            segment__meeting=meeting, pk__in=[pk for pk in slot_ids if pk.isdigit()]
        ).values_list("segment_id", flat=True)
    )
    changed = Changed(parts=frozenset({segment.pk, *left}))
    try:
        services.slots_reorder(segment=segment, slot_ids=slot_ids)
    except services.ReorderConflict:
        message = _("The agenda changed while you were moving slots; it has been reloaded.")
        changed = None
    except (ValueError, ValidationError) as error:
        message = " ".join(getattr(error, "messages", [])) or _("That order could not be saved.")
        changed = None
    else:
        message = _("New order of “%(part)s” saved.") % {"part": segment.title}
    return _after_change(request, meeting, message, changed)


# Guiding questions ------------------------------------------------------------------


@secretariat_required
def question_add(request, slug, segment_pk):
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=segment_pk, meeting=meeting)
    form = QuestionForm(request.POST or None, segment=segment)
    action = reverse("agenda:question_add", args=[slug, segment_pk])
    title = _("New guiding question")
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            meeting,
            form,
            lambda: services.question_create(
                segment=segment,
                text=form.cleaned_data["text"],
                addressed_slots=form.cleaned_data["addressed_slots"],
            ),
            title=title,
            action=action,
            success=_("Guiding question added."),
            changed=Changed(parts=frozenset({segment.pk}), questions_only=True),
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
def question_edit(request, slug, pk):
    meeting = _meeting(slug)
    question = get_object_or_404(
        GuidingQuestion.objects.select_related("segment"), pk=pk, segment__meeting=meeting
    )
    form = QuestionForm(request.POST or None, segment=question.segment, instance=question)
    action = reverse("agenda:question_edit", args=[slug, pk])
    title = _("Edit guiding question")
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            meeting,
            form,
            lambda: services.question_update(
                question=question,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                addressed_slots=form.cleaned_data["addressed_slots"],
            ),
            title=title,
            action=action,
            success=_("Guiding question saved."),
            changed=Changed(parts=frozenset({question.segment_id}), questions_only=True),
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def question_delete(request, slug, pk):
    meeting = _meeting(slug)
    question = get_object_or_404(GuidingQuestion, pk=pk, segment__meeting=meeting)
    services.question_delete(question=question)
    return _after_change(
        request,
        meeting,
        _("Guiding question deleted."),
        Changed(parts=frozenset({question.segment_id}), questions_only=True),
    )


# People -------------------------------------------------------------------------------


@secretariat_required
def person_add(request, slug):
    meeting = _meeting(slug)
    form = PersonForm(request.POST or None)
    draft = request.session.get(SLOT_DRAFT_KEY)
    then = request.GET.get("then", "")
    returns_to_slot = bool(draft) and draft["action"] == then
    action = reverse("agenda:person_add", args=[slug])
    if returns_to_slot:
        action = f"{action}?{urlencode({'then': then})}"
    title = _("New person")
    if request.method == "POST" and form.is_valid():
        person = form.save()
        message = _("%(person)s added; you can now choose them for a slot.") % {
            "person": person.display_name
        }
        if returns_to_slot:
            # Back to the slot form as it was left, with the new person chosen.
            draft["data"]["person"] = [str(person.pk)]
            request.session[SLOT_DRAFT_KEY] = draft
            if not request.htmx:
                messages.success(request, message)
            return redirect(f"{then}?draft=1")
        return _after_change(request, meeting, message)
    return _form_response(
        request,
        meeting,
        form,
        title=title,
        action=action,
        intro=_(
            "The speaker slot you were filling in is kept; it opens again once the person is saved."
        )
        if returns_to_slot
        else "",
    )
