"""Pages of the live console, the room displays and the planned-versus-actual report."""

import datetime
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat
from agenda.live import report, services, state
from agenda.live.rules import can_control_room
from agenda.live_models import ClockAction, RoomDisplay
from agenda.models import Meeting

# Console keys: each control's key, shown on the page and read by static/js/live-console.js.
SHORTCUTS = [
    (ClockAction.START, "S", gettext_lazy("Start"), gettext_lazy("Start the slot (or the next)")),
    (ClockAction.PAUSE, "P", gettext_lazy("Pause"), gettext_lazy("Pause or resume (or space)")),
    (ClockAction.QUESTIONS, "Q", gettext_lazy("Questions"), gettext_lazy("Go on to questions")),
    (ClockAction.END, "E", gettext_lazy("End slot"), gettext_lazy("End the slot")),
    (ClockAction.SKIP, "K", gettext_lazy("Skip"), gettext_lazy("Skip the slot (speaker absent)")),
    (ClockAction.NEXT, "N", gettext_lazy("Next"), gettext_lazy("End if running; load the next")),
]
LAST_SEEN_EVERY = datetime.timedelta(seconds=30)


def room_controller(view):
    """Let only those who may run this meeting's room in; others get 403, visitors sign in."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        meeting = get_object_or_404(Meeting.objects.select_related("chair"), slug=slug)
        if not can_control_room(request.user, meeting):
            raise PermissionDenied
        return view(request, meeting, *args, **kwargs)

    return wrapped


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@room_controller
def console(request, meeting):
    """Show the moderator's console: the current slot large, the countdown, the controls."""
    room_clock = state.room_clock_for_display(meeting=meeting)
    snapshot = state.console_snapshot(room_clock, meeting=meeting)
    return render(
        request,
        "agenda/live/console.html",
        {
            "meeting": meeting,
            "snapshot": snapshot,
            "shortcuts": SHORTCUTS,
            "can_manage_displays": is_secretariat(request.user),
        },
    )


@never_cache
@room_controller
def console_state(request, meeting):
    """Answer the console's poll with the clock, the next slots and the forecast."""
    room_clock = state.room_clock_for_display(meeting=meeting)
    return JsonResponse(state.console_snapshot(room_clock, meeting=meeting))


@room_controller
def console_press(request, meeting, action):
    """Apply a control (POST) and answer with the new state, or a refusal (409)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    slot_id = request.POST.get("slot")
    try:
        services.clock_press(
            meeting=meeting,
            action=action,
            user=request.user,
            slot_id=int(slot_id) if slot_id and slot_id.isdigit() else None,
        )
        refusal = None
    except services.ClockRefused as refused:
        refusal = refused.message
    if _wants_json(request):
        room_clock = state.room_clock_for_display(meeting=meeting)
        payload = state.console_snapshot(room_clock, meeting=meeting)
        payload["error"] = refusal
        return JsonResponse(payload, status=409 if refusal else 200)
    if refusal:
        messages.error(request, refusal)
    return redirect("agenda:console", slug=meeting.slug)


def _display_for(token):
    display = (
        RoomDisplay.objects.select_related("meeting").filter(token=token).first() if token else None
    )
    if display is None:
        raise Http404("No such display.")
    return display


def _revoked(request, display):
    return render(request, "agenda/live/display_revoked.html", {"display": display}, status=410)


def _mark_seen(display):
    now = timezone.now()
    if display.last_seen_at is None or now - display.last_seen_at > LAST_SEEN_EVERY:
        RoomDisplay.objects.filter(pk=display.pk).update(last_seen_at=now)


@never_cache
def display(request, token):
    """Show the room display: speaker, country, the big countdown (no sign-in)."""
    room_display = _display_for(token)
    if room_display.is_revoked:
        return _revoked(request, room_display)
    _mark_seen(room_display)
    meeting = room_display.meeting
    snapshot = state.clock_snapshot(state.room_clock_for_display(meeting=meeting))
    return render(
        request,
        "agenda/live/display.html",
        {"meeting": meeting, "display": room_display, "snapshot": snapshot},
    )


@never_cache
def display_state(request, token):
    """Answer a room display's poll; a revoked link answers 410 and the page says so."""
    room_display = _display_for(token)
    if room_display.is_revoked:
        return JsonResponse({"error": _("This display link has been revoked.")}, status=410)
    _mark_seen(room_display)
    room_clock = state.room_clock_for_display(meeting=room_display.meeting)
    return JsonResponse(state.clock_snapshot(room_clock))


class DisplayForm(forms.ModelForm):
    class Meta:
        model = RoomDisplay
        fields = ["label"]


@secretariat_required
def displays(request, slug):
    """List the meeting's room displays and create a new link (POST)."""
    meeting = get_object_or_404(Meeting, slug=slug)
    form = DisplayForm(request.POST or None)
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
        return redirect("agenda:displays", slug=meeting.slug)
    room_displays = list(meeting.room_displays.select_related("created_by"))
    for room_display in room_displays:
        room_display.url = request.build_absolute_uri(
            reverse("agenda:display", kwargs={"token": room_display.token})
        )
    return render(
        request,
        "agenda/live/displays.html",
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
    return redirect("agenda:displays", slug=slug)


@room_controller
def timekeeping(request, meeting):
    """Show planned versus actual minutes per slot, the overruns and the total delay."""
    return render(
        request,
        "agenda/live/timekeeping.html",
        {"meeting": meeting, "report": report.planned_versus_actual(meeting)},
    )
