"""Pages of the live console, the room displays and the planned-versus-actual report."""

import datetime
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required, sign_in_required
from accounts.roles import is_secretariat
from agenda.models import Meeting
from cidi_meeting.text import SafeTextMixin
from live import clock as live_clock
from live import report, services, state
from live.items import parse_key
from live.models import ClockAction, RoomClock, RoomDisplay
from live.rules import can_control_room

# Console keys: each control's key, shown on the page and read by static/js/live/console.js.
SHORTCUTS = [
    (ClockAction.START, "S", gettext_lazy("Start"), gettext_lazy("Start the slot (or the next)")),
    (ClockAction.PAUSE, "P", gettext_lazy("Pause"), gettext_lazy("Pause or resume (or space)")),
    (ClockAction.QUESTIONS, "Q", gettext_lazy("Questions"), gettext_lazy("Go on to questions")),
    (ClockAction.END, "E", gettext_lazy("End slot"), gettext_lazy("End the slot")),
    (ClockAction.SKIP, "K", gettext_lazy("Skip"), gettext_lazy("Skip the slot (speaker absent)")),
    (ClockAction.NEXT, "N", gettext_lazy("Next"), gettext_lazy("End if running; load the next")),
]
LAST_SEEN_EVERY = datetime.timedelta(seconds=30)
CONTROL_STYLES = {ClockAction.START: "btn-success", ClockAction.END: "btn-danger"}


def room_controller(view):
    """Let only those who may run this meeting's room in; others get 403, visitors sign in."""

    @sign_in_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        meeting = get_object_or_404(Meeting.objects.select_related("chair"), slug=slug)
        if not can_control_room(request.user, meeting):
            raise PermissionDenied
        return view(request, meeting, *args, **kwargs)

    return wrapped


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _controls(meeting, allowed):
    """Return the console's buttons, each enabled only if the clock's state allows it."""
    controls = []
    for action, key, label, _help in SHORTCUTS:
        pressed, shown = action, label
        # One button pauses and resumes: it presses whichever the clock allows.
        if action == ClockAction.PAUSE and ClockAction.RESUME in allowed:
            pressed, shown = ClockAction.RESUME, gettext_lazy("Resume")
        controls.append(
            {
                "action": action,
                "key": key,
                "label": shown,
                "style": CONTROL_STYLES.get(action, "btn-outline-dark"),
                "url": reverse(
                    "live:console_press", kwargs={"slug": meeting.slug, "action": pressed}
                ),
                "is_enabled": pressed in allowed,
            }
        )
    return controls


def _panel_context(meeting, *, refusal=None):
    """Return what the console's panel draws: the clock, the controls, the running order."""
    room_clock = state.room_clock_for_display(meeting=meeting)
    snapshot = state.console_snapshot(room_clock, meeting=meeting)
    can_go_to = ClockAction.GO_TO in snapshot["allowed"]
    for card in snapshot["order"]:
        # None: no "Go to" in the row (held or current); False: shown, not now.
        offered = not card["is_held"] and not card["is_current"]
        card["go_to"] = can_go_to if offered else None
    return {
        "meeting": meeting,
        "snapshot": snapshot,
        "shown_minute": _minute(snapshot["server_now"]),
        "controls": _controls(meeting, snapshot["allowed"]),
        "shortcuts": SHORTCUTS,
        "refusal": refusal,
    }


def _minute(timestamp):
    """Return the minute (since the epoch) of a moment given in seconds since the epoch."""
    return int(timestamp // 60)


def _panel_is_current(request, meeting):
    """Return True when the panel the console shows has nothing new to draw.

    The console sends the clock's revision and the minute it was drawn in: a press
    changes the revision, and the forecast's clock times can only change with the minute.
    """
    shown_revision = request.GET.get("revision", "")
    shown_minute = request.GET.get("minute", "")
    if not (shown_revision.isdigit() and shown_minute.isdigit()):
        return False
    if int(shown_minute) != _minute(live_clock.now().timestamp()):
        return False
    revision = (
        RoomClock.objects.filter(meeting=meeting).values_list("revision", flat=True).first() or 0
    )
    return int(shown_revision) == revision


def _panel(request, meeting, *, refusal=None, status=200):
    return render(
        request,
        "live/includes/_console_panel.html",
        _panel_context(meeting, refusal=refusal),
        status=status,
    )


@room_controller
def console(request, meeting):
    """Show the moderator's console: the current slot large, the countdown, the controls."""
    context = _panel_context(meeting)
    context["can_manage_displays"] = is_secretariat(request.user)
    return render(request, "live/console.html", context)


@never_cache
@room_controller
def console_state(request, meeting):
    """Answer the console's refresh: the panel to htmx, the state as JSON to others.

    htmx sends the revision and the minute of the panel it shows (``?revision=&minute=``);
    while both are current the answer is 204 No Content, and the page stays as it is.
    """
    if not request.htmx:
        room_clock = state.room_clock_for_display(meeting=meeting)
        response = JsonResponse(state.console_snapshot(room_clock, meeting=meeting))
    elif _panel_is_current(request, meeting):
        response = HttpResponse(status=204)
    else:
        response = _panel(request, meeting)
    patch_vary_headers(response, ["HX-Request"])
    return response


@room_controller
def console_press(request, meeting, action):
    """Apply a control (POST) and answer with the new state, or a refusal (409).

    htmx gets the redrawn panel (with the refusal, if any), a ``fetch`` asking for JSON
    gets the state, a plain form is sent back to the console.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # The item "go to" brings to the floor: "part-3", "slot-12" (a bare number: a slot).
    target = parse_key(request.POST.get("item") or request.POST.get("slot"))
    try:
        services.clock_press(
            meeting=meeting,
            action=action,
            user=request.user,
            target=f"{target[0]}-{target[1]}" if target else None,
        )
        refusal = None
    except services.ClockRefused as refused:
        refusal = refused.message
    status = 409 if refusal else 200
    if request.htmx:
        return _panel(request, meeting, refusal=refusal, status=status)
    if _wants_json(request):
        room_clock = state.room_clock_for_display(meeting=meeting)
        payload = state.console_snapshot(room_clock, meeting=meeting)
        payload["error"] = refusal
        return JsonResponse(payload, status=status)
    if refusal:
        messages.error(request, refusal)
    return redirect("live:console", slug=meeting.slug)


def _display_for(token):
    display = (
        RoomDisplay.objects.select_related("meeting").filter(token=token).first() if token else None
    )
    if display is None:
        raise Http404("No such display.")
    return display


def _revoked(request, display):
    return render(request, "live/display_revoked.html", {"display": display}, status=410)


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
    snapshot = state.clock_snapshot(
        state.room_clock_for_display(meeting=meeting),
        order=services.running_order(meeting=meeting),
    )
    return render(
        request,
        "live/display.html",
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
    order = services.running_order(meeting=room_display.meeting)
    return JsonResponse(state.clock_snapshot(room_clock, order=order))


class DisplayForm(SafeTextMixin, forms.ModelForm):
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
        return redirect("live:displays", slug=meeting.slug)
    room_displays = list(meeting.room_displays.select_related("created_by"))
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


@room_controller
def timekeeping(request, meeting):
    """Show planned versus actual minutes per slot, the overruns and the total delay."""
    return render(
        request,
        "live/timekeeping.html",
        {"meeting": meeting, "report": report.planned_versus_actual(meeting)},
    )
