"""Pages of the focal point invitations: the secretariat's, and the emailed link."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import secretariat_required
from agenda.models import Meeting
from cidi_meeting.links import InvitationRefused
from delegations.invitations import selectors, services
from delegations.invitations.forms import (
    BulkInvitationForm,
    InvitationForm,
    InvitationResendForm,
)
from delegations.invitations.links import my_delegations_url
from delegations.models import Delegation, FocalPointInvitation

# HTTP status of each reason an invitation link is refused.
REFUSAL_STATUS = {"invalid": 400, "other_account": 403, "expired": 410, "withdrawn": 410}


def back_to_list(meeting_slug):
    return redirect("delegations:invitations", slug=meeting_slug)


def form_errors_message(request, form):
    """Show the form's errors as one message on the page the secretariat returns to."""
    errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    messages.error(request, " ".join(errors))


def invitation_sent_message(request, invitation):
    messages.success(
        request,
        _("Invitation for %(delegation)s sent to %(email)s.")
        % {"delegation": invitation.delegation.name, "email": invitation.email},
    )


@secretariat_required
@require_GET
def invitation_list(request, slug):
    """List every delegation of the meeting with its latest invitation."""
    meeting = get_object_or_404(Meeting, slug=slug)
    rows = selectors.invitation_rows(meeting=meeting)
    return render(
        request,
        "delegations/invitations/list.html",
        {
            "meeting": meeting,
            "rows": rows,
            "settled_count": sum(not row.needs_attention for row in rows),
            "form": InvitationForm(),
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def invite_bulk(request, slug):
    """Invite the focal points of all the member states not invited yet, in one form."""
    meeting = get_object_or_404(Meeting, slug=slug)
    plan = selectors.bulk_invitation_plan(meeting=meeting)
    form = BulkInvitationForm(request.POST or None, states=plan.to_invite)
    if request.method == "POST" and form.is_valid():
        invitations = services.invitations_send_bulk(
            meeting=meeting,
            addresses=form.addresses(),
            sent_by=request.user,
            language=form.cleaned_data["language"],
        )
        messages.success(
            request,
            ngettext(
                "%(count)s invitation is on its way.",
                "%(count)s invitations are on their way.",
                len(invitations),
            )
            % {"count": len(invitations)},
        )
        return back_to_list(meeting.slug)
    return render(
        request,
        "delegations/invitations/bulk.html",
        {"meeting": meeting, "form": form, "plan": plan},
    )


@secretariat_required
@require_POST
def invite(request, slug, pk):
    """Invite the focal point of one delegation (a member state or an organization)."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("member_state", "organization"),
        meeting__slug=slug,
        pk=pk,
    )
    form = InvitationForm(request.POST)
    if form.is_valid():
        invitation = services.invitation_send(
            delegation=delegation,
            email=form.cleaned_data["email"],
            sent_by=request.user,
            language=form.cleaned_data["language"],
        )
        invitation_sent_message(request, invitation)
    else:
        form_errors_message(request, form)
    return back_to_list(slug)


@secretariat_required
@require_POST
def invitation_resend(request, slug, pk):
    """Revoke an invitation not accepted yet and send its address a fresh one."""
    invitation = get_object_or_404(
        FocalPointInvitation.objects.select_related(*selectors.INVITATION_RELATED),
        delegation__meeting__slug=slug,
        pk=pk,
    )
    form = InvitationResendForm(request.POST)
    if not form.is_valid():
        form_errors_message(request, form)
        return back_to_list(slug)
    try:
        fresh = services.invitation_resend(
            invitation=invitation, sent_by=request.user, language=form.cleaned_data["language"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        invitation_sent_message(request, fresh)
    return back_to_list(slug)


def invitation_refused(request, refusal):
    """Explain why an invitation link cannot be used, with the matching status code."""
    return render(
        request,
        "delegations/invitations/refused.html",
        {"reason": refusal.reason, "invitation": refusal.invitation},
        status=REFUSAL_STATUS[refusal.reason],
    )


@never_cache
@require_GET
def invitation_accept(request, token):
    """Accept the invitation the emailed link carries, or lead its holder to do so.

    Signed in under the invited address: accept at once. Not signed in: sign in when the
    address has an account, otherwise create one for that address only.
    """
    try:
        invitation = selectors.invitation_get_by_token(token=token, user=request.user)
        if request.user.is_authenticated:
            invitation = services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(
                request,
                # Translators: of_delegation already holds "of" and the name with its
                # article: "of Panama", "de la República Dominicana", "du Panama".
                _("You are the focal point %(of_delegation)s for %(meeting)s.")
                % {
                    "of_delegation": invitation.delegation.name_of,
                    "meeting": invitation.delegation.meeting.title,
                },
            )
            return redirect(my_delegations_url())
    except InvitationRefused as refusal:
        return invitation_refused(request, refusal)
    if selectors.account_exists(email=invitation.email):
        messages.info(
            request,
            _("%(email)s already has an account: sign in to accept the invitation.")
            % {"email": invitation.email},
        )
        return redirect_to_login(request.get_full_path())
    get_adapter(request).stash_invitation(request, invitation=invitation)
    return redirect("account_signup")
