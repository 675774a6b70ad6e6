"""The moderator's console of a sitting, the list of sessions, and planned versus actual."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts.decorators import sign_in_required
from accounts.roles import is_secretariat
from agenda.models import Meeting, MeetingSession
from live import clock as live_clock
from live import report, services, sittings, state
from live.items import parse_key
from live.models import ClockAction, RoomClock
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
CONTROL_STYLES = {ClockAction.START: "btn-success", ClockAction.END: "btn-danger"}


def room_controller(view):
    """Let only those who may run this meeting's room in; others get 403, visitors sign in.

    A URL naming a session (``session_pk``) hands the view that session, which must be
    one of the meeting's (another meeting's is a 404); without one, the view gets None.
    """

    @sign_in_required
    @wraps(view)
    def wrapped(request, slug, *args, session_pk=None, **kwargs):
        meeting = get_object_or_404(Meeting.objects.select_related("chair"), slug=slug)
        if not can_control_room(request.user, meeting):
            raise PermissionDenied
        session = None
        if session_pk is not None:
            session = get_object_or_404(MeetingSession, pk=session_pk, meeting=meeting)
            session.meeting = meeting
        return view(request, meeting, session, *args, **kwargs)

    return wrapped


def console_url(meeting, session=None):
    """Return the console of a sitting: a session's, or the meeting's own."""
    if session is None:
        return reverse("live:console", kwargs={"slug": meeting.slug})
    return reverse("live:console_session", kwargs={"slug": meeting.slug, "session_pk": session.pk})


def console_state_url(meeting, session=None):
    if session is None:
        return reverse("live:console_state", kwargs={"slug": meeting.slug})
    return reverse(
        "live:console_session_state", kwargs={"slug": meeting.slug, "session_pk": session.pk}
    )


def console_press_url(meeting, session, action):
    if session is None:
        return reverse("live:console_press", kwargs={"slug": meeting.slug, "action": action})
    return reverse(
        "live:console_session_press",
        kwargs={"slug": meeting.slug, "session_pk": session.pk, "action": action},
    )


def _needs_a_session(request, meeting, session):
    """Answer a console URL of the meeting itself when the meeting is run by session.

    Such a meeting has one console per session: htmx and plain forms are sent to the
    list of sessions, a ``fetch`` is told why with 409. None when the URL fits.
    """
    if session is not None or not meeting.has_sessions:
        return None
    chooser = console_url(meeting)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = chooser
        return response
    if _wants_json(request):
        return JsonResponse({"error": str(services.NEEDS_A_SESSION)}, status=409)
    messages.error(request, services.NEEDS_A_SESSION)
    return redirect(chooser)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _controls(meeting, session, allowed):
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
                "url": console_press_url(meeting, session, pressed),
                "is_enabled": pressed in allowed,
            }
        )
    return controls


def _panel_context(meeting, session=None, *, refusal=None):
    """Return what the console's panel draws: the clock, the controls, the running order."""
    room_clock = state.room_clock_for_display(meeting=meeting, session=session)
    snapshot = state.console_snapshot(room_clock, meeting=meeting, session=session)
    can_go_to = ClockAction.GO_TO in snapshot["allowed"]
    for card in snapshot["order"]:
        # None: no "Go to" in the row (held or current); False: shown, not now.
        offered = not card["is_held"] and not card["is_current"]
        card["go_to"] = can_go_to if offered else None
    return {
        "meeting": meeting,
        "session": session,
        "snapshot": snapshot,
        "shown_minute": _minute(snapshot["server_now"]),
        "controls": _controls(meeting, session, snapshot["allowed"]),
        "go_to_url": console_press_url(meeting, session, ClockAction.GO_TO),
        "shortcuts": SHORTCUTS,
        "refusal": refusal,
    }


def _minute(timestamp):
    """Return the minute (since the epoch) of a moment given in seconds since the epoch."""
    return int(timestamp // 60)


def _panel_is_current(request, meeting, session=None):
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
        RoomClock.objects.filter(meeting=meeting, session=session)
        .values_list("revision", flat=True)
        .first()
        or 0
    )
    return int(shown_revision) == revision


def _panel(request, meeting, session=None, *, refusal=None, status=200):
    return render(
        request,
        "live/includes/_console_panel.html",
        _panel_context(meeting, session, refusal=refusal),
        status=status,
    )


@room_controller
def console(request, meeting, session):
    """Show the moderator's console: the current slot large, the countdown, the controls.

    A meeting run by session has one console per session: its own console URL lists them.
    """
    if session is None and meeting.has_sessions:
        return _session_chooser(request, meeting)
    context = _panel_context(meeting, session)
    context["can_manage_displays"] = is_secretariat(request.user)
    context["state_url"] = console_state_url(meeting, session)
    return render(request, "live/console.html", context)


def _session_chooser(request, meeting):
    """List the meeting's sessions by day, time and room, those under way (or next) marked."""
    days = sittings.sessions_by_day(meeting, console_url=console_url)
    return render(
        request,
        "live/console_sessions.html",
        {
            "meeting": meeting,
            "days": days,
            "can_manage_displays": is_secretariat(request.user),
        },
    )


@never_cache
@room_controller
def console_state(request, meeting, session):
    """Answer the console's refresh: the panel to htmx, the state as JSON to others.

    htmx sends the revision and the minute of the panel it shows (``?revision=&minute=``);
    while both are current the answer is 204 No Content, and the page stays as it is.
    """
    response = _needs_a_session(request, meeting, session)
    if response is not None:
        pass
    elif not request.htmx:
        room_clock = state.room_clock_for_display(meeting=meeting, session=session)
        response = JsonResponse(
            state.console_snapshot(room_clock, meeting=meeting, session=session)
        )
    elif _panel_is_current(request, meeting, session):
        response = HttpResponse(status=204)
    else:
        response = _panel(request, meeting, session)
    patch_vary_headers(response, ["HX-Request"])
    return response


@room_controller
def console_press(request, meeting, session, action):
    """Apply a control (POST) and answer with the new state, or a refusal (409).

    htmx gets the redrawn panel (with the refusal, if any), a ``fetch`` asking for JSON
    gets the state, a plain form is sent back to the console.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    needs_a_session = _needs_a_session(request, meeting, session)
    if needs_a_session is not None:
        return needs_a_session
    # The item "go to" brings to the floor: "part-3", "slot-12" (a bare number: a slot).
    target = parse_key(request.POST.get("item") or request.POST.get("slot"))
    try:
        services.clock_press(
            meeting=meeting,
            action=action,
            user=request.user,
            target=f"{target[0]}-{target[1]}" if target else None,
            session=session,
        )
        refusal = None
    except services.ClockRefused as refused:
        refusal = refused.message
    status = 409 if refusal else 200
    if request.htmx:
        return _panel(request, meeting, session, refusal=refusal, status=status)
    if _wants_json(request):
        room_clock = state.room_clock_for_display(meeting=meeting, session=session)
        payload = state.console_snapshot(room_clock, meeting=meeting, session=session)
        payload["error"] = refusal
        return JsonResponse(payload, status=status)
    if refusal:
        messages.error(request, refusal)
    return redirect(console_url(meeting, session))


@room_controller
def timekeeping(request, meeting, session):
    """Show planned versus actual minutes per slot, the overruns and the total delay."""
    return render(
        request,
        "live/timekeeping.html",
        {"meeting": meeting, "report": report.planned_versus_actual(meeting)},
    )
