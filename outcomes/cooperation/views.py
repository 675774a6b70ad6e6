"""Pages of cooperation: the delegation's offers and needs, matches and the matrix."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required, secretariat_required
from agenda.models import Meeting
from agenda.selectors import meeting_get_visible
from cidi_meeting import page_cache
from cidi_meeting.versioning import EditConflict
from delegations.rules import can_edit_delegation
from delegations.selectors import delegation_get_for_user
from outcomes import cache
from outcomes.cooperation import selectors, services
from outcomes.cooperation.forms import CooperationItemForm, MatchFollowUpForm, MatchStartForm
from outcomes.enums import CooperationKind
from outcomes.models import CooperationItem, CooperationMatch

login_required = role_required(lambda user: True)
FOLLOW_UP_FIELDS = ("status", "agreed_on", "started_on", "completed_on", "notes")


def _own_delegation(request, pk):
    """Return the delegation if the user is its focal point or the secretariat; else 404."""
    delegation = delegation_get_for_user(pk=pk, user=request.user)
    if not can_edit_delegation(request.user, delegation):
        raise Http404("No such delegation.")
    return delegation


def _conflict_text(conflict):
    fields = ", ".join(name for name, _before, _after in conflict.changes)
    if not fields:
        return _("Someone else saved this in the meantime. Check it and save again.")
    return _(
        "Someone else saved this in the meantime (changed: %(fields)s). Your version is "
        "still in the form; saving it again replaces theirs."
    ) % {"fields": fields}


def _saved(form, action):
    """Run ``action``; when it is refused, put the reason on ``form`` and return False."""
    try:
        action()
    except EditConflict as conflict:
        form.set_current_version(conflict.instance.version)
        form.add_error(None, _conflict_text(conflict))
    except ValidationError as error:
        for text in error.messages:
            form.add_error(None, text)
    else:
        return True
    return False


# A delegation's offers and needs --------------------------------------------------------


def _kind(request):
    kind = request.GET.get("kind")
    return kind if kind in CooperationKind.values else CooperationKind.OFFER


def _item_form(delegation, kind, data=None):
    """Return the form of a new offer or need, prefixed so both fit on one page."""
    return CooperationItemForm(data, delegation=delegation, kind=kind, prefix=kind)


@login_required
def cooperation_own(request, pk):
    """The delegation's offers and needs, with the forms to post new ones."""
    delegation = _own_delegation(request, pk)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    offers, needs = selectors.cooperation_items_of_delegation(delegation=delegation)
    context = {
        "delegation": delegation,
        "meeting": delegation.meeting,
        "offers": offers,
        "needs": needs,
        "add_forms": [(kind, _item_form(delegation, kind)) for kind in CooperationKind.values],
    }
    return render(request, "outcomes/cooperation/own.html", context)


def _item_page(request, delegation, form, *, kind, item=None):
    context = {"delegation": delegation, "form": form, "kind": kind, "item": item}
    return render(request, "outcomes/cooperation/item_form.html", context)


@login_required
def cooperation_add(request, pk):
    """Post an offer or a need (``?kind=offer|need``); errors keep everything typed."""
    delegation = _own_delegation(request, pk)
    kind = _kind(request)
    form = _item_form(delegation, kind, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.cooperation_item_create(
                delegation=delegation, kind=kind, data=form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("“%(title)s” posted.") % form.cleaned_data)
        return redirect("outcomes:cooperation_own", pk=delegation.pk)
    return _item_page(request, delegation, form, kind=kind)


@login_required
def cooperation_edit(request, pk, item_pk):
    """Change an offer or need; a form opened before someone else's save is refused."""
    delegation = _own_delegation(request, pk)
    item = get_object_or_404(CooperationItem, pk=item_pk, delegation=delegation)
    form = CooperationItemForm(
        request.POST or None, instance=item, delegation=delegation, kind=item.kind
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.cooperation_item_update(
                item=item, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
            ),
        )
    ):
        messages.success(request, _("“%(title)s” saved.") % form.cleaned_data)
        return redirect("outcomes:cooperation_own", pk=delegation.pk)
    return _item_page(request, delegation, form, kind=item.kind, item=item)


@login_required
@require_POST
def cooperation_close(request, pk, item_pk):
    """Close an offer or need: it is no longer proposed for matching."""
    delegation = _own_delegation(request, pk)
    item = get_object_or_404(CooperationItem, pk=item_pk, delegation=delegation)
    try:
        services.cooperation_item_close(
            item=item, expected_version=request.POST.get("version") or 0
        )
    except (EditConflict, ValueError):
        messages.error(
            request,
            _("Someone else changed “%(title)s” in the meantime; nothing was closed.")
            % {"title": item.title},
        )
    else:
        messages.success(request, _("“%(title)s” closed.") % {"title": item.title})
    return redirect("outcomes:cooperation_own", pk=delegation.pk)


# The secretariat's matches --------------------------------------------------------------


def _matches_page(request, meeting, *, bound=None):
    """Render the proposals and followed matches; ``bound`` replaces one match's form."""
    board = selectors.cooperation_board(meeting=meeting)
    for match in board.followed:
        if bound is not None and bound.instance.pk == match.pk:
            match.form = bound
        else:
            match.form = MatchFollowUpForm(instance=match)
    context = {"meeting": meeting, "board": board, "bound_pk": bound and bound.instance.pk}
    return render(request, "outcomes/cooperation/matches.html", context)


@secretariat_required
def cooperation_matches(request, slug):
    """Ranked proposals with their reasons, and the followed matches; POST starts one."""
    meeting = get_object_or_404(Meeting, slug=slug)
    if request.method != "POST":
        return _matches_page(request, meeting)
    form = MatchStartForm(request.POST)
    if not form.is_valid():
        raise Http404("No such proposal.")
    try:
        match = services.cooperation_match_start(
            meeting=meeting,
            offer_pk=form.cleaned_data["offer"],
            need_pk=form.cleaned_data["need"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Follow-up started: %(offer)s (%(from)s) with %(need)s (%(to)s).")
            % {
                "offer": match.offer.title,
                "from": match.offer.delegation.name,
                "need": match.need.title,
                "to": match.need.delegation.name,
            },
        )
    return redirect("outcomes:cooperation_matches", slug=meeting.slug)


@secretariat_required
@require_POST
def cooperation_match_update(request, slug, pk):
    """Record a followed match's status, dates and notes; a stale form is refused."""
    meeting = get_object_or_404(Meeting, slug=slug)
    match = get_object_or_404(CooperationMatch, pk=pk, offer__meeting=meeting)
    form = MatchFollowUpForm(request.POST, instance=match)
    if form.is_valid() and _saved(
        form,
        lambda: services.cooperation_match_update(
            match=match,
            expected_version=form.cleaned_data["version"],
            **{name: form.cleaned_data[name] for name in FOLLOW_UP_FIELDS},
        ),
    ):
        messages.success(request, _("Follow-up saved."))
        return redirect("outcomes:cooperation_matches", slug=meeting.slug)
    return _matches_page(request, meeting, bound=form)


# The supply–demand matrix ---------------------------------------------------------------


def _matrix_fragment(meeting):
    matrix = selectors.cooperation_matrix(meeting=meeting)
    return str(render_to_string("outcomes/cooperation/_matrix.html", {"matrix": matrix}))


def cooperation_matrix(request, slug):
    """Open offers and needs by delegation and theme, and where they meet.

    The counts and the table come from the cache (``outcomes.cache``); the meeting's
    visibility is checked on every request.
    """
    meeting = meeting_get_visible(slug=slug, user=request.user)
    key = cache.fragment_key(
        request, "outcomes.cooperation_matrix", namespace=cache.COOPERATION, extra=[meeting.pk]
    )
    fragment = page_cache.cached(key, lambda: _matrix_fragment(meeting))
    return render(
        request,
        "outcomes/cooperation/matrix.html",
        # Rendered by _matrix_fragment with the template's autoescaping.
        {"meeting": meeting, "matrix_fragment": mark_safe(fragment)},  # noqa: S308
    )
