"""The secretariat's agenda editor: meetings, parts, speaker slots and guiding questions.

Server-rendered pages enhanced with htmx: an edit form opens in a side panel; after
every change the agenda is rendered again, so the clock times on the page follow. The
same URLs work without JavaScript (full pages and redirects).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import history, relations, selectors, services
from agenda.forms import MeetingForm, PersonForm, QuestionForm, SegmentForm, SlotForm
from agenda.models import GuidingQuestion, Meeting, Segment
from cidi_meeting.ordering import UP
from cidi_meeting.versioning import EditConflict

# Models of the apps built on the agenda, by name (see agenda.relations).
SpeakerSlot = relations.speaker_slot_model()


def _meeting(slug):
    return get_object_or_404(Meeting, slug=slug)


def _agenda_context(meeting_slug):
    meeting = selectors.meeting_get_for_agenda(slug=meeting_slug, published_only=False)
    return {"meeting": meeting, "timing": selectors.agenda_timing(meeting)}


def _after_change(request, meeting, message):
    """Answer a successful change: the fresh agenda for htmx, a redirect otherwise."""
    if not request.htmx:
        messages.success(request, message)
        return redirect(meeting.get_editor_url())
    context = _agenda_context(meeting.slug)
    context["status_message"] = message
    return render(request, "agenda/editor/_after_change.html", context)


def _form_response(request, meeting, form, *, title, action, conflict=None, status=200):
    context = {
        "meeting": meeting,
        "form": form,
        "title": title,
        "action": action,
        "conflict": conflict,
    }
    template = "agenda/editor/_panel.html" if request.htmx else "agenda/editor/form_page.html"
    return render(request, template, context, status=status)


def _save(request, meeting, form, save, *, title, action, success):
    """Run ``save`` for a valid form; turn conflicts and rule violations into messages."""
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
    return _after_change(request, meeting, success)


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
    form = SlotForm(request.POST or None, meeting=meeting, segment=segment)
    action = reverse("agenda:slot_add", args=[slug, segment_pk])
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
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
def slot_edit(request, slug, pk):
    meeting = _meeting(slug)
    slot = get_object_or_404(
        SpeakerSlot.objects.select_related("segment"), pk=pk, segment__meeting=meeting
    )
    form = SlotForm(request.POST or None, instance=slot, meeting=meeting)
    action = reverse("agenda:slot_edit", args=[slug, pk])
    title = _("Edit speaker slot")
    if request.method == "POST" and form.is_valid():
        moved = form.cleaned_data["segment"].pk != slot.segment_id
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
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def slot_delete(request, slug, pk):
    meeting = _meeting(slug)
    slot = get_object_or_404(SpeakerSlot, pk=pk, segment__meeting=meeting)
    services.slot_delete(slot=slot)
    return _after_change(request, meeting, _("Speaker slot deleted."))


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
    return _after_change(request, meeting, message)


@secretariat_required
@require_POST
def slots_reorder(request, slug, segment_pk):
    """Store the order of a segment's slots after a drag and drop."""
    meeting = _meeting(slug)
    segment = get_object_or_404(Segment, pk=segment_pk, meeting=meeting)
    slot_ids = request.POST.getlist("slot")
    try:
        services.slots_reorder(segment=segment, slot_ids=slot_ids)
    except services.ReorderConflict:
        message = _("The agenda changed while you were moving slots; it has been reloaded.")
    except (ValueError, ValidationError) as error:
        message = " ".join(getattr(error, "messages", [])) or _("That order could not be saved.")
    else:
        message = _("New order of “%(part)s” saved.") % {"part": segment.title}
    return _after_change(request, meeting, message)


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
        )
    return _form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def question_delete(request, slug, pk):
    meeting = _meeting(slug)
    question = get_object_or_404(GuidingQuestion, pk=pk, segment__meeting=meeting)
    services.question_delete(question=question)
    return _after_change(request, meeting, _("Guiding question deleted."))


# People -------------------------------------------------------------------------------


@secretariat_required
def person_add(request, slug):
    meeting = _meeting(slug)
    form = PersonForm(request.POST or None)
    action = reverse("agenda:person_add", args=[slug])
    title = _("New person")
    if request.method == "POST" and form.is_valid():
        person = form.save()
        message = _("%(person)s added; you can now choose them for a slot.") % {
            "person": person.display_name
        }
        return _after_change(request, meeting, message)
    return _form_response(request, meeting, form, title=title, action=action)
