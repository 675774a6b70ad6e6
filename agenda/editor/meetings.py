"""The editor's meeting pages: the list, a new meeting, the editor itself, its details,
publishing, duplicating and the history."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import duplication, history, publishing, services
from agenda.editor.answers import (
    agenda_context,
    form_response,
    meeting_or_404,
    save_form,
)
from agenda.forms import (
    DuplicateMeetingForm,
    MeetingForm,
)
from agenda.models import Meeting
from cidi_meeting.versioning import EditConflict

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
        context = agenda_context(slug)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return render(request, "agenda/editor/editor.html", context)


@secretariat_required
def meeting_edit(request, slug):
    meeting = meeting_or_404(slug)
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting)
    action = reverse("agenda:meeting_edit", args=[slug])
    title = _("Meeting details")
    if request.method == "POST" and form.is_valid():
        # A meeting with sessions takes its times from them: the form shows, never saves them.
        data = {name: form.cleaned_data[name] for name in form.service_fields}

        def save():
            services.meeting_update(
                meeting=meeting,
                data=data,
                expected_version=form.cleaned_data["version"],
                expected_outcomes=form.cleaned_data["expected_outcomes"],
            )

        response = save_form(
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
    return form_response(request, meeting, form, title=title, action=action)


def _posted_version(request, meeting):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else meeting.version


@secretariat_required
def meeting_publish(request, slug):
    """Show what is not ready yet, then publish when the secretariat says so."""
    meeting = meeting_or_404(slug)
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
    meeting = meeting_or_404(slug)
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
    meeting = meeting_or_404(slug)
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
    meeting = meeting_or_404(slug)
    return render(
        request,
        "agenda/editor/history.html",
        {"meeting": meeting, "entries": history.meeting_history(meeting=meeting)},
    )
