"""The editor's speaker slots, and the people named in them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import selectors, services
from agenda.editor.answers import (
    Changed,
    SpeakerSlot,
    after_change,
    form_response,
    meeting_or_404,
    save_form,
)
from agenda.forms import (
    PersonForm,
    SlotForm,
)
from agenda.models import Segment
from cidi_meeting.ordering import UP

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
    meeting = meeting_or_404(slug)
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
        return save_form(
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
    return form_response(
        request, meeting, form, title=title, action=action, intro=_DRAFT_BACK if draft else ""
    )


@secretariat_required
def slot_edit(request, slug, pk):
    meeting = meeting_or_404(slug)
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
        return save_form(
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
    return form_response(
        request, meeting, form, title=title, action=action, intro=_DRAFT_BACK if draft else ""
    )


@secretariat_required
@require_POST
def slot_delete(request, slug, pk):
    meeting = meeting_or_404(slug)
    slot = get_object_or_404(SpeakerSlot, pk=pk, segment__meeting=meeting)
    services.slot_delete(slot=slot)
    return after_change(
        request,
        meeting,
        _("Speaker slot deleted."),
        Changed(parts=frozenset({slot.segment_id})),
    )


@secretariat_required
@require_POST
def slot_move(request, slug, pk, direction):
    meeting = meeting_or_404(slug)
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
    return after_change(request, meeting, message, Changed(parts=frozenset({slot.segment_id})))


@secretariat_required
@require_POST
def slots_reorder(request, slug, segment_pk):
    """Store the order of a segment's slots after a drag and drop."""
    meeting = meeting_or_404(slug)
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
        return after_change(request, meeting, message, refused=True)
    except (ValueError, ValidationError) as error:
        # Nothing was saved: the agenda as stored puts the dropped slot back.
        message = " ".join(getattr(error, "messages", [])) or _("That order could not be saved.")
        return after_change(request, meeting, message, refused=True)
    message = _("New order of “%(part)s” saved.") % {"part": segment.title}
    return after_change(request, meeting, message, changed)


# People -------------------------------------------------------------------------------


@secretariat_required
def person_add(request, slug):
    meeting = meeting_or_404(slug)
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
        return after_change(request, meeting, message)
    return form_response(
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
