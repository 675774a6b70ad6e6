"""Pages of requests for the floor: the delegation's and the secretariat's."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required, sign_in_required
from agenda.models import Meeting, Segment
from cidi_meeting.ordering import UP
from cidi_meeting.versioning import EditConflict, VersionedFormMixin
from delegations.floor.forms import FloorDeclineForm, FloorMinutesForm, FloorRequestForm
from delegations.floor.selectors import (
    BY_PRECEDENCE,
    BY_REQUEST,
    MAX_MINUTES,
    NO_MEMBERS,
    NO_PART,
    NOT_ACCREDITED,
    floor_may_act,
    floor_positions,
    floor_queues_for_meeting,
    floor_request_shape,
    floor_requests_related,
    floor_segments,
    floor_slot_starts,
)
from delegations.floor.services import (
    floor_queue_sort,
    floor_request_accept,
    floor_request_create,
    floor_request_decline,
    floor_request_move,
    floor_request_set_minutes,
    floor_request_withdraw,
)
from delegations.models import Delegation, FloorRequest


def floor_context_for_delegation(*, delegation, user):
    """Return the template context of the delegation's requests for the floor.

    ``_my_requests.html`` renders it. Runs a fixed number of queries whatever the number
    of requests.
    """
    requests = list(
        floor_requests_related()
        .filter(delegation=delegation)
        .order_by("segment__order", "segment_id", "requested_at", "pk")
    )
    positions = floor_positions(segment_ids={r.segment_id for r in requests})
    starts = {}
    if any(r.slot_id for r in requests):
        # The clock time of each accepted request, as the agenda plans it now.
        starts = floor_slot_starts(meeting=delegation.meeting)
    may_act = floor_may_act(user=user, delegation=delegation)
    refusal = ""
    if not delegation.is_accredited:
        refusal = NOT_ACCREDITED
    elif not floor_segments(meeting_id=delegation.meeting_id).exists():
        refusal = NO_PART
    elif may_act and not delegation.members.exists():
        refusal = NO_MEMBERS
    return {
        "floor_requests": [floor_request_shape(r, positions, starts) for r in requests],
        "floor_time_zone": delegation.meeting.time_zone,
        "floor_may_act": may_act,
        "floor_refusal": refusal,
        "floor_form": FloorRequestForm(delegation=delegation) if may_act and not refusal else None,
        "floor_add_url": reverse("delegations:floor_request_add", args=[delegation.pk]),
    }


def _run(request, action, success):
    """Run ``action``; report its success or why nothing was saved as a message."""
    try:
        action()
    except EditConflict as conflict:
        changed = ", ".join(str(change[0]) for change in conflict.changes)
        text = _("Someone changed this request after the page was shown; nothing was saved.")
        if changed:
            text += " " + _("Changed meanwhile: %(fields)s.") % {"fields": changed}
        messages.error(request, text)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)


def _submit(request, form, action, success):
    """Run ``action(form.cleaned_data)`` for a valid form; report form errors as messages."""
    if form.is_valid():
        _run(request, lambda: action(form.cleaned_data), success)
        return
    for name, errors in form.errors.items():
        label = getattr(form.fields.get(name), "label", None)
        for error in errors:
            text = _("%(field)s: %(error)s") % {"field": label, "error": error} if label else error
            messages.error(request, text)


def _back(request, default):
    """Redirect to the page the form came from when it is on this site, else ``default``.

    Only a path is followed: ``redirect`` would take any other text for a view's name.
    """
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def delegation_floor_access(view):
    """Let the delegation's focal point and the secretariat in; 404 for anyone else.

    Anonymous visitors are sent to sign in. Another delegation's focal point learns
    nothing: the delegation does not exist for them.
    """

    @sign_in_required
    @wraps(view)
    def wrapped(request, pk, **kwargs):
        delegation = get_object_or_404(
            Delegation.objects.select_related("meeting", "member_state", "organization"), pk=pk
        )
        if not floor_may_act(user=request.user, delegation=delegation):
            raise Http404("No such delegation.")
        return view(request, delegation, **kwargs)

    return wrapped


@delegation_floor_access
def floor_request_add_view(request, delegation):
    """The delegation's requests with the form to ask for the floor."""
    context = floor_context_for_delegation(delegation=delegation, user=request.user)
    if request.method == "POST":
        form = FloorRequestForm(request.POST, delegation=delegation)
        if form.is_valid() and not context["floor_refusal"]:
            try:
                floor_request_create(delegation=delegation, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your request for the floor was sent; its place in the list is shown."),
                )
                return _back(request, context["floor_add_url"])
        elif context["floor_refusal"]:
            form.add_error(None, context["floor_refusal"])
        context["floor_form"] = form
    return render(
        request, "delegations/floor/request_page.html", {**context, "delegation": delegation}
    )


@delegation_floor_access
@require_POST
def floor_request_withdraw_view(request, delegation, request_pk):
    floor_request = get_object_or_404(FloorRequest, pk=request_pk, delegation=delegation)
    _submit(
        request,
        VersionedFormMixin(request.POST),
        lambda data: floor_request_withdraw(
            floor_request=floor_request, expected_version=data["version"]
        ),
        _("The request for the floor was withdrawn."),
    )
    return _back(request, reverse("delegations:floor_request_add", args=[delegation.pk]))


def _list_url(slug, segment_id):
    return reverse("delegations:floor_list", args=[slug]) + f"#segment-{segment_id}"


def _for_secretariat(slug, pk):
    return get_object_or_404(floor_requests_related(), pk=pk, segment__meeting__slug=slug)


@secretariat_required
def floor_list_view(request, slug):
    """Each accepting part's list of requests, with the controls to run it."""
    try:
        meeting, queues = floor_queues_for_meeting(slug=slug)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    context = {
        "meeting": meeting,
        "queues": queues,
        "max_minutes": MAX_MINUTES,
        "by_request": BY_REQUEST,
        "by_precedence": BY_PRECEDENCE,
    }
    return render(request, "delegations/floor/secretariat_list.html", context)


@secretariat_required
@require_POST
def floor_sort_view(request, slug, segment_pk):
    segment = get_object_or_404(
        Segment, pk=segment_pk, meeting__slug=slug, accepts_floor_requests=True
    )
    by = request.POST.get("by")
    if by not in {BY_REQUEST, BY_PRECEDENCE}:
        messages.error(request, _("Choose to order the list by request or by precedence."))
    else:
        success = {
            BY_REQUEST: _("The list now follows the order of request."),
            BY_PRECEDENCE: _("The list now follows the order of precedence."),
        }[by]
        _run(request, lambda: floor_queue_sort(segment=segment, by=by), success)
    return redirect(_list_url(slug, segment.pk))


@secretariat_required
@require_POST
def floor_move_view(request, slug, pk, direction):
    floor_request = _for_secretariat(slug, pk)
    success = (
        _("%(delegation)s moved up the list.")
        if direction == UP
        else _("%(delegation)s moved down the list.")
    ) % {"delegation": floor_request.delegation.name}
    _run(
        request,
        lambda: floor_request_move(floor_request=floor_request, direction=direction),
        success,
    )
    return redirect(_list_url(slug, floor_request.segment_id))


def _request_form_post(request, slug, pk, *, form_class, service, success, **extra):
    """Bind ``form_class`` and hand its data to ``service``; redirect back to the list.

    ``service`` gets the request, ``expected_version``, the form's other fields and
    ``extra``. ``success`` may name ``%(of_delegation)s`` (the delegation's name after "of",
    with its article: "du Panama") and ``%(part)s``.
    """
    floor_request = _for_secretariat(slug, pk)

    def action(data):
        fields = {name: value for name, value in data.items() if name != "version"}
        service(floor_request=floor_request, expected_version=data["version"], **fields, **extra)

    names = {"of_delegation": floor_request.delegation.name_of, "part": floor_request.segment.title}
    _submit(request, form_class(request.POST), action, success % names)
    return redirect(_list_url(slug, floor_request.segment_id))


@secretariat_required
@require_POST
def floor_minutes_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorMinutesForm,
        service=floor_request_set_minutes,
        # Translators: of_delegation already holds "of" and the name with its article:
        # "of Panama", "de la República Dominicana", "du Panama", "do México".
        success=_("Time limit %(of_delegation)s saved."),
    )


@secretariat_required
@require_POST
def floor_accept_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorMinutesForm,
        service=floor_request_accept,
        # Translators: of_delegation already holds "of" and the name with its article.
        success=_("Request %(of_delegation)s accepted: it is now a speaker slot of “%(part)s”."),
        user=request.user,
    )


@secretariat_required
@require_POST
def floor_decline_view(request, slug, pk):
    return _request_form_post(
        request,
        slug,
        pk,
        form_class=FloorDeclineForm,
        service=floor_request_decline,
        # Translators: of_delegation already holds "of" and the name with its article.
        success=_("Request %(of_delegation)s declined."),
        user=request.user,
    )
