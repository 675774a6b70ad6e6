"""The editor's sessions: the days, mornings, afternoons and rooms a meeting sits in.

A meeting without sessions is one sitting made of its own date and times; the first
session added turns that sitting into "First session" beside the new one
(``agenda.services.session_create``). After each change the whole agenda is answered.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda import services
from agenda.editor.answers import after_change, form_response, meeting_or_404, save_form
from agenda.forms import SessionForm
from agenda.models import MeetingSession

FIRST_SESSION_INTRO = gettext_lazy(
    "For a meeting of several days or rooms. The meeting's own sitting becomes the "
    "session “First session” with the parts it has now; rename it once this one is saved."
)


@secretariat_required
def session_add(request, slug):
    meeting = meeting_or_404(slug)
    form = SessionForm(request.POST or None, meeting=meeting)
    action = reverse("agenda:session_add", args=[slug])
    title = _("New session")
    # Lazy texts are translated when the panel is drawn, in the request's language.
    intro = "" if meeting.has_sessions else str(FIRST_SESSION_INTRO)
    if request.method == "POST" and form.is_valid():
        data = form.service_data
        return save_form(
            request,
            meeting,
            form,
            lambda: services.session_create(meeting=meeting, data=data),
            title=title,
            action=action,
            success=_("Session added."),
            intro=intro,
        )
    return form_response(request, meeting, form, title=title, action=action, intro=intro)


@secretariat_required
def session_edit(request, slug, pk):
    meeting = meeting_or_404(slug)
    session = get_object_or_404(MeetingSession, pk=pk, meeting=meeting)
    session.meeting = meeting
    form = SessionForm(request.POST or None, instance=session, meeting=meeting)
    action = reverse("agenda:session_edit", args=[slug, pk])
    title = _("Edit session")
    if request.method == "POST" and form.is_valid():
        data = form.service_data
        return save_form(
            request,
            meeting,
            form,
            lambda: services.session_update(
                session=session, data=data, expected_version=form.cleaned_data["version"]
            ),
            title=title,
            action=action,
            success=_("Session saved."),
        )
    return form_response(request, meeting, form, title=title, action=action)


@secretariat_required
@require_POST
def session_delete(request, slug, pk):
    meeting = meeting_or_404(slug)
    session = get_object_or_404(MeetingSession, pk=pk, meeting=meeting)
    session.meeting = meeting
    try:
        services.session_delete(session=session)
    except ValidationError as error:
        return after_change(request, meeting, " ".join(error.messages), refused=True)
    return after_change(
        request, meeting, _("Session “%(title)s” deleted.") % {"title": session.title}
    )
