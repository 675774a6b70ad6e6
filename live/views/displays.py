"""The room displays: their pages (reached by a secret link) and their management."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from agenda.models import Meeting, MeetingSession
from cidi_meeting.text import SafeTextMixin
from live import services, state
from live.models import RoomDisplay

LAST_SEEN_EVERY = datetime.timedelta(seconds=30)


def _display_for(token):
    display = (
        RoomDisplay.objects.select_related("meeting", "session").filter(token=token).first()
        if token
        else None
    )
    if display is None:
        raise Http404("No such display.")
    return display


def _display_session(room_display, session_pk):
    """Return the session a display shows: its link's, or the one its URL names.

    A link made for one session shows only that one; a session of another meeting is a
    404. None: the meeting's own clock (a meeting without sessions), or, for a meeting
    run by session, none chosen yet.
    """
    meeting = room_display.meeting
    session = room_display.session
    if session_pk is not None:
        if session is not None and session.pk != session_pk:
            raise Http404("The display link is for another session.")
        if session is None:
            session = get_object_or_404(MeetingSession, pk=session_pk, meeting=meeting)
    if session is not None:
        session.meeting = meeting
    return session


def _revoked(request, display):
    return render(request, "live/display_revoked.html", {"display": display}, status=410)


def _mark_seen(display):
    now = timezone.now()
    if display.last_seen_at is None or now - display.last_seen_at > LAST_SEEN_EVERY:
        RoomDisplay.objects.filter(pk=display.pk).update(last_seen_at=now)


def display_state_url(room_display, session_pk=None):
    if session_pk is None:
        return reverse("live:display_state", kwargs={"token": room_display.token})
    return reverse(
        "live:display_session_state",
        kwargs={"token": room_display.token, "session_pk": session_pk},
    )


@never_cache
def display(request, token, session_pk=None):
    """Show the room display: speaker, country, the big countdown (no sign-in).

    A display of a meeting run by session shows one session's clock and its room; a link
    made for no session in particular first lists the sessions to choose from.
    """
    room_display = _display_for(token)
    if room_display.is_revoked:
        return _revoked(request, room_display)
    session = _display_session(room_display, session_pk)
    _mark_seen(room_display)
    meeting = room_display.meeting
    if session is None and meeting.has_sessions:
        return _display_chooser(request, room_display)
    snapshot = state.clock_snapshot(
        state.room_clock_for_display(meeting=meeting, session=session),
        order=services.running_order(meeting=meeting, session=session),
    )
    return render(
        request,
        "live/display.html",
        {
            "meeting": meeting,
            "session": session,
            "display": room_display,
            "snapshot": snapshot,
            "state_url": display_state_url(room_display, session_pk),
        },
    )


def _display_chooser(request, room_display):
    meeting = room_display.meeting
    sessions = list(meeting.sessions.all())
    for session in sessions:
        session.meeting = meeting
        session.display_url = reverse(
            "live:display_session",
            kwargs={"token": room_display.token, "session_pk": session.pk},
        )
    return render(
        request,
        "live/display_sessions.html",
        {"meeting": meeting, "display": room_display, "sessions": sessions},
    )


@never_cache
def display_state(request, token, session_pk=None):
    """Answer a room display's poll; a revoked link answers 410 and the page says so."""
    room_display = _display_for(token)
    if room_display.is_revoked:
        return JsonResponse({"error": _("This display link has been revoked.")}, status=410)
    session = _display_session(room_display, session_pk)
    _mark_seen(room_display)
    meeting = room_display.meeting
    if session is None and meeting.has_sessions:
        return JsonResponse({"error": _("Choose the session this display shows.")}, status=409)
    room_clock = state.room_clock_for_display(meeting=meeting, session=session)
    order = services.running_order(meeting=meeting, session=session)
    snapshot = state.clock_snapshot(room_clock, order=order)
    if session is not None:
        snapshot["session"] = session.title
        snapshot["room"] = session.room
    return JsonResponse(snapshot)


class DisplayForm(SafeTextMixin, forms.ModelForm):
    class Meta:
        model = RoomDisplay
        fields = ["label", "session"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting.has_sessions:
            # A display in a room shows that room's session; only the meeting's are offered.
            session = self.fields["session"]
            session.queryset = meeting.sessions.all()
            session.empty_label = gettext_lazy("Choose on the screen")
        else:
            del self.fields["session"]


@secretariat_required
def displays(request, slug):
    """List the meeting's room displays and create a new link (POST)."""
    meeting = get_object_or_404(Meeting, slug=slug)
    form = DisplayForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        created = form.save(commit=False)
        created.meeting = meeting
        created.created_by = request.user
        created.save()
        messages.success(
            request,
            _("Display link “%(label)s” created. Open it on the projector's computer.")
            % {"label": created.label},
        )
        return redirect("live:displays", slug=meeting.slug)
    room_displays = list(meeting.room_displays.select_related("created_by", "session"))
    for room_display in room_displays:
        room_display.url = request.build_absolute_uri(
            reverse("live:display", kwargs={"token": room_display.token})
        )
    return render(
        request,
        "live/displays.html",
        {"meeting": meeting, "form": form, "displays": room_displays},
        status=400 if form.errors else 200,
    )


@secretariat_required
@require_POST
def display_revoke(request, slug, pk):
    """Revoke a display link: the screen showing it says so at its next poll."""
    room_display = get_object_or_404(RoomDisplay, meeting__slug=slug, pk=pk)
    if room_display.revoked_at is None:
        RoomDisplay.objects.filter(pk=room_display.pk).update(revoked_at=timezone.now())
        messages.success(
            request, _("Display link “%(label)s” revoked.") % {"label": room_display.label}
        )
    return redirect("live:displays", slug=slug)
