"""Pages where a person reads, changes and deletes their own declaration.

A signed-in user answers for each of their speaker records and delegation memberships
(``/me/self-declaration/``); a speaker without an account answers through the link of
their invitation, refused exactly as the invitation's page refuses it. Nobody else,
focal points and the secretariat included, reads or writes a declaration here: another
person's record is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import sign_in_required
from cidi_meeting.links import InvitationRefused
from inclusion.declarations import selectors, services
from inclusion.declarations.forms import SelfDeclarationForm
from inclusion.figures.suppression import THRESHOLD
from speakers.selectors import invitation_get_by_token
from speakers.views import invitation_refused

# Published figures show a group smaller than this as "fewer than 5".
SMALL_GROUP = THRESHOLD


def _entry(record, *, action, form=None):
    """Return what the page shows of ``record``: its form, bound when it was refused."""
    if form is None:
        form = SelfDeclarationForm(prefix=record.prefix, declaration=record.declaration)
    return {"record": record, "form": form, "action": action}


def _record_url(record):
    return reverse(f"inclusion:declaration_{record.kind}", kwargs={"pk": record.owner.pk})


def _answer(request, record, *, next_url):
    """Save or delete what ``record``'s person posted.

    Return the redirect to ``next_url`` once done, or the refused form to show again.
    """
    if "delete" in request.POST:
        if services.declaration_delete(owner=record.owner):
            messages.success(request, _("Your answers are deleted; no copy is kept."))
        else:
            messages.info(request, _("There were no answers to delete."))
        return redirect(next_url), None
    form = SelfDeclarationForm(request.POST, prefix=record.prefix, declaration=record.declaration)
    if form.is_valid():
        try:
            declaration = services.declaration_save(
                owner=record.owner,
                gender=form.cleaned_data["gender"],
                groups=form.cleaned_data["groups"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if declaration is None:
                messages.info(request, _("You left every question unanswered: nothing is kept."))
            else:
                messages.success(request, _("Your answers are saved."))
            return redirect(next_url), None
    return None, form


def _mine_page(request, *, refused=None):
    """Render the user's records; ``refused`` is the (record, form) refused, if any."""
    entries = []
    for record in selectors.declaration_records_for_user(user=request.user):
        form = None
        if refused is not None and refused[0].prefix == record.prefix:
            form = refused[1]
        entries.append(_entry(record, action=_record_url(record), form=form))
    return render(
        request,
        "inclusion/declarations/mine.html",
        {"entries": entries, "small_group": SMALL_GROUP},
    )


@sign_in_required
@never_cache
@require_GET
def declaration_mine(request):
    """List the user's own records, a form for each."""
    return _mine_page(request)


@sign_in_required
@never_cache
@require_POST
def declaration_record(request, kind, pk):
    """Save or delete the declaration of one of the user's own records; 404 for others."""
    record = selectors.declaration_record_get_for_user(kind=kind, pk=pk, user=request.user)
    next_url = f"{reverse('inclusion:declaration_mine')}#{record.prefix}"
    response, form = _answer(request, record, next_url=next_url)
    if response is not None:
        return response
    return _mine_page(request, refused=(record, form))


@never_cache
@require_http_methods(["GET", "POST"])
def declaration_invitation(request, token):
    """The declaration of the speaker an invitation is addressed to, through its link."""
    try:
        invitation = invitation_get_by_token(token=token, user=request.user)
    except InvitationRefused as refusal:
        return invitation_refused(request, refusal)
    record = selectors.declaration_record_for_invitation(invitation=invitation)
    form = None
    if request.method == "POST":
        response, form = _answer(request, record, next_url=request.path)
        if response is not None:
            return response
    return render(
        request,
        "inclusion/declarations/invitation.html",
        {
            "entry": _entry(record, action=request.path, form=form),
            "invitation": invitation,
            "meeting": invitation.slot.segment.meeting,
            "token": token,
            "small_group": SMALL_GROUP,
        },
    )
