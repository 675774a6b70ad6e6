from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.decorators import secretariat_required
from agenda.calendar import calendar_response, meeting_calendar, slot_event
from agenda.models import Meeting
from cidi_meeting.links import InvitationRefused
from cidi_meeting.uploads import CONTENT_TYPES, name_for_type
from speakers import selectors, services
from speakers.enums import InvitationResponse
from speakers.forms import InvitationAnswerForm, InviteAllForm, StatementUploadForm
from speakers.models import SpeakerSlot, Statement

# HTTP status of each reason an invitation link is refused.
REFUSAL_STATUS = {"invalid": 400, "other_account": 403, "expired": 410, "withdrawn": 410}
ANSWER_MESSAGES = {
    InvitationResponse.CONFIRMED: gettext_lazy("Thank you: your participation is confirmed."),
    InvitationResponse.DECLINED: gettext_lazy("Your answer is recorded: you have declined."),
}


def _next_url(request, default):
    """Return the posted ``next`` address when it is on this site, else ``default``.

    Only a path is taken: ``redirect`` would take any other text for a view's name.
    """
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


@secretariat_required
@require_POST
def invitation_send(request, slot_pk):
    """Email the slot's speaker an invitation, then go back to where the button was.

    A speaker invited already is invited again only once the secretariat confirms
    (``confirm=yes``: the button's dialog, or the page this view shows without it).
    """
    slot = get_object_or_404(
        SpeakerSlot.objects.select_related("person", "segment__meeting").prefetch_related(
            "invitations"
        ),
        pk=slot_pk,
    )
    next_url = _next_url(request, slot.segment.meeting.get_editor_url())
    state = selectors.slot_invitation_state(slot)
    if state.is_invited and slot.person.email.strip() and request.POST.get("confirm") != "yes":
        return render(
            request,
            "speakers/invite_again.html",
            {"slot": slot, "state": state, "meeting": slot.segment.meeting, "next": next_url},
        )
    try:
        invitation = services.invitation_send(slot=slot, sent_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Invitation for %(speaker)s sent to %(email)s.")
            % {"speaker": slot.person.display_name, "email": invitation.email},
        )
    if request.htmx:
        return HttpResponseClientRedirect(next_url)
    return redirect(next_url)


@secretariat_required
@require_http_methods(["GET", "POST"])
def invite_all(request, slug):
    """Invite every speaker of the meeting not invited yet, after showing who that is.

    The page also lists the speakers without an address and those invited already; these
    are invited again only when ticked.
    """
    meeting = get_object_or_404(Meeting, slug=slug)
    plan = selectors.invite_all_plan(meeting=meeting)
    # Bound on every POST: one with nothing ticked is refused, not shown again blank.
    form = InviteAllForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            invitations = services.invitations_send_all(slots=form.slots(), sent_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation is on its way.",
                    "%(count)s invitations are on their way.",
                    len(invitations),
                )
                % {"count": len(invitations)},
            )
            return redirect(meeting.get_editor_url())
    return render(
        request,
        "speakers/invite_all.html",
        {
            "meeting": meeting,
            "plan": plan,
            "form": form,
            "invite_checked": form.chosen_pks("invite"),
            "invite_again_checked": form.chosen_pks("invite_again"),
        },
    )


def invitation_refused(request, refusal):
    """Explain why an invitation link cannot be used, with the matching status code."""
    return render(
        request,
        "speakers/invitation_refused.html",
        {"reason": refusal.reason, "invitation": refusal.invitation},
        status=REFUSAL_STATUS[refusal.reason],
    )


def invitation_answer(request, invitation):
    """Record the Confirm or Decline button the speaker pressed."""
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Confirm or Decline."))
        return redirect(request.path)
    answer = form.cleaned_data["answer"]
    services.invitation_respond(invitation=invitation, response=answer)
    messages.success(request, ANSWER_MESSAGES[answer])
    return redirect(request.path)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """Show a speaker their invitation: confirm or decline, and send a statement."""
    try:
        invitation = selectors.invitation_get_by_token(token=token, user=request.user)
        is_upload = request.method == "POST" and request.POST.get("action") == "upload"
        if request.method == "POST" and not is_upload:
            return invitation_answer(request, invitation)
        upload_form = StatementUploadForm(request.POST or None, request.FILES or None)
        if is_upload and upload_form.is_valid():
            statement = services.statement_upload(
                invitation=invitation,
                uploaded=upload_form.cleaned_data["file"],
                kind=upload_form.cleaned_data["kind"],
            )
            messages.success(
                request, _("%(name)s was received.") % {"name": statement.original_name}
            )
            return redirect(request.path)
    except InvitationRefused as refusal:
        return invitation_refused(request, refusal)
    details = selectors.invitation_details(invitation=invitation)
    return render(
        request,
        "speakers/invitation.html",
        {"details": details, "upload_form": upload_form, "token": token},
    )


@never_cache
@require_GET
def slot_ics(request, token):
    """Serve the confirmed speaker's own slot as an iCalendar file."""
    try:
        invitation = selectors.invitation_get_by_token(token=token, user=request.user)
    except InvitationRefused as refusal:
        return invitation_refused(request, refusal)
    if invitation.response != InvitationResponse.CONFIRMED:
        raise Http404("The invitation is not confirmed.")
    details = selectors.invitation_details(invitation=invitation)
    if details.slot_timing is None:
        raise Http404("The slot is not on the agenda.")
    event = slot_event(
        meeting=details.meeting,
        segment_timing=details.segment_timing,
        slot_timing=details.slot_timing,
        stamp=timezone.now(),
        connection_link=True,
    )
    calendar = meeting_calendar(meeting=details.meeting, events=[event])
    return calendar_response(
        calendar, filename=f"{details.meeting.slug}-slot-{details.slot.pk}.ics"
    )


def statement_file_response(statement):
    """Serve ``statement`` as an attachment under its original name; 404 if its file is gone."""
    try:
        stored = default_storage.open(statement.file.name, "rb")
    except FileNotFoundError:
        raise Http404("No such statement.") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=name_for_type(statement.original_name, statement.kind),
        content_type=CONTENT_TYPES.get(statement.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def statement_download(request, pk):
    """Serve a statement under its original name, to those who may read it yet."""
    try:
        statement = selectors.statement_get_for_download(pk=pk, user=request.user)
    except Statement.DoesNotExist:
        raise Http404("No such statement.") from None
    return statement_file_response(statement)
