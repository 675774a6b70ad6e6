"""The editor's parts and their guiding questions."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import services
from agenda.editor.answers import (
    Changed,
    after_change,
    form_response,
    meeting_or_404,
    save_form,
)
from agenda.forms import (
    QuestionForm,
    SegmentForm,
)
from agenda.models import GuidingQuestion, MeetingSession, Segment
from cidi_meeting.ordering import UP, next_position

# Segments ------------------------------------------------------------------------------


def _session_asked(request, meeting):
    """Return the session whose block's "Add a part" opened the form, if any."""
    pk = request.GET.get("session", "")
    if not (meeting.has_sessions and pk.isdigit()):
        return None
    return MeetingSession.objects.filter(meeting=meeting, pk=pk).first()


@secretariat_required
def segment_add(request, slug):
    meeting = meeting_or_404(slug)
    form = SegmentForm(
        request.POST or None, meeting=meeting, session=_session_asked(request, meeting)
    )
    action = reverse("agenda:segment_add", args=[slug])
    title = _("New part")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return save_form(
            request,
            meeting,
            form,
            lambda: services.segment_create(meeting=meeting, data=data),
            title=title,
            action=action,
            success=_("Part added."),
        )
    return form_response(request, meeting, form, title=title, action=action)


@secretariat_required
def segment_edit(request, slug, pk):
    meeting = meeting_or_404(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    session_before = segment.session_id
    form = SegmentForm(request.POST or None, instance=segment, meeting=meeting)
    action = reverse("agenda:segment_edit", args=[slug, pk])
    title = _("Edit part")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        moves = "session" in data and getattr(data["session"], "pk", None) != session_before
        if moves:
            # Moved to another session, the part comes after that session's parts.
            data["order"] = next_position(meeting.segments.all())
        return save_form(
            request,
            meeting,
            form,
            lambda: services.segment_update(
                segment=segment, data=data, expected_version=form.cleaned_data["version"]
            ),
            title=title,
            action=action,
            success=_("Part saved."),
            # A part moved to another session changes the agenda's structure.
            changed=None if moves else Changed(parts=frozenset({segment.pk})),
        )
    return form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def segment_delete(request, slug, pk):
    meeting = meeting_or_404(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    services.segment_delete(segment=segment)
    return after_change(request, meeting, _("Part deleted."))


@secretariat_required
@require_POST
def segment_move(request, slug, pk, direction):
    meeting = meeting_or_404(slug)
    segment = get_object_or_404(Segment, pk=pk, meeting=meeting)
    services.segment_move(segment=segment, direction=direction)
    return after_change(
        request,
        meeting,
        _("Moved “%(title)s” up.") % {"title": segment.title}
        if direction == UP
        else _("Moved “%(title)s” down.") % {"title": segment.title},
    )


# Guiding questions ------------------------------------------------------------------


@secretariat_required
def question_add(request, slug, segment_pk):
    meeting = meeting_or_404(slug)
    segment = get_object_or_404(Segment, pk=segment_pk, meeting=meeting)
    form = QuestionForm(request.POST or None, segment=segment)
    action = reverse("agenda:question_add", args=[slug, segment_pk])
    title = _("New guiding question")
    if request.method == "POST" and form.is_valid():
        return save_form(
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
    return form_response(request, meeting, form, title=title, action=action)


@secretariat_required
def question_edit(request, slug, pk):
    meeting = meeting_or_404(slug)
    question = get_object_or_404(
        GuidingQuestion.objects.select_related("segment"), pk=pk, segment__meeting=meeting
    )
    form = QuestionForm(request.POST or None, segment=question.segment, instance=question)
    action = reverse("agenda:question_edit", args=[slug, pk])
    title = _("Edit guiding question")
    if request.method == "POST" and form.is_valid():
        return save_form(
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
    return form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def question_delete(request, slug, pk):
    meeting = meeting_or_404(slug)
    question = get_object_or_404(GuidingQuestion, pk=pk, segment__meeting=meeting)
    services.question_delete(question=question)
    return after_change(
        request,
        meeting,
        _("Guiding question deleted."),
        Changed(parts=frozenset({question.segment_id}), questions_only=True),
    )
