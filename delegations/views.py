"""Delegations' registration pages and the secretariat's accreditation pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.decorators import role_required, secretariat_required
from agenda.models import Meeting
from cidi_meeting.spreadsheets import csv_attachment
from cidi_meeting.uploads import PDF, name_for_type
from cidi_meeting.versioning import EditConflict
from delegations import precedence, selectors, services
from delegations.floor import views as floor
from delegations.forms import (
    AccreditForm,
    ChangeRequestForm,
    CredentialsForm,
    DelegationAddForm,
    MemberAccountForm,
    MemberForm,
    QuotaForm,
    RegistrationSettingsForm,
    ReturnForm,
    VersionForm,
)
from delegations.models import CredentialsLetter, DelegationMember
from delegations.rules import can_edit_delegation
from delegations.services import RegistrationClosed, RegistrationFrozen

login_required = role_required(lambda user: True)


def _editable(request, pk):
    """Return the delegation if the user may change it; 404 otherwise."""
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    if not can_edit_delegation(request.user, delegation):
        raise Http404("No such delegation.")
    return delegation


def _conflict_text(conflict):
    return _("Someone else changed this in the meantime; the page now shows their version.")


def _registration(
    request,
    delegation,
    *,
    member_form=None,
    credentials_form=None,
    change_form=None,
    status=200,
):
    user = request.user
    is_secretariat = roles.is_secretariat(user)
    # Accredited: the focal point asks the secretariat for a change instead.
    is_frozen = delegation.is_accredited and not is_secretariat
    can_edit = can_edit_delegation(user, delegation)
    is_open = delegation.meeting.is_registration_open
    members = list(delegation.members.all())
    # Once submitted, the secretariat reviews the letters that were sent.
    letters_may_change = delegation.status in services.LETTER_REMOVABLE_STATUSES
    can_remove_letters = can_edit and (is_secretariat or (is_open and letters_may_change))
    context = {
        "delegation": delegation,
        "meeting": delegation.meeting,
        "members": members,
        "letters": list(delegation.credentials_letters.all()),
        "is_secretariat": is_secretariat,
        "can_edit": can_edit and (is_secretariat or (is_open and not is_frozen)),
        "can_remove_letters": can_remove_letters,
        "is_open": is_open,
        "is_frozen": is_frozen,
        "may_request_change": can_edit and is_frozen,
        "change_form": change_form or ChangeRequestForm(),
        "seats_left": max(delegation.quota - len(members), 0),
        "member_form": member_form or MemberForm(delegation=delegation),
        "credentials_form": credentials_form or CredentialsForm(),
        "submit_form": VersionForm(initial={"version": delegation.version}),
    }
    if is_secretariat:
        context["accredit_form"] = AccreditForm(delegation=delegation)
        context["return_form"] = ReturnForm(delegation=delegation)
        context["quota_form"] = QuotaForm(delegation=delegation)
    context.update(floor.floor_context_for_delegation(delegation=delegation, user=user))
    return render(request, "delegations/registration.html", context, status=status)


@login_required
def my_delegations(request):
    """List the user's delegations; go straight to the only one."""
    delegations = list(selectors.delegations_for_user(user=request.user))
    if len(delegations) == 1:
        return redirect("delegations:registration", pk=delegations[0].pk)
    return render(request, "delegations/my_delegations.html", {"delegations": delegations})


@login_required
def registration(request, pk):
    """The delegation's page: members in protocol order, credentials, status, floor."""
    return _registration(request, selectors.delegation_get_for_user(pk=pk, user=request.user))


def _by_secretariat(request):
    return roles.is_secretariat(request.user)


@login_required
@require_POST
def member_add(request, pk):
    delegation = _editable(request, pk)
    form = MemberForm(request.POST, delegation=delegation)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            member = services.member_add(
                delegation=delegation, data=data, by_secretariat=_by_secretariat(request)
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("%(name)s registered.") % {"name": member.display_name})
            return redirect("delegations:registration", pk=pk)
    return _registration(request, delegation, member_form=form, status=200)


@login_required
def member_edit(request, pk, member_pk):
    delegation = _editable(request, pk)
    member = get_object_or_404(DelegationMember, pk=member_pk, delegation=delegation)
    try:
        services.registration_check_unfrozen(
            delegation=delegation, by_secretariat=_by_secretariat(request)
        )
    except RegistrationFrozen as frozen:
        messages.error(request, " ".join(frozen.messages))
        return redirect("delegations:registration", pk=pk)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.member_update(
                member=member,
                data=data,
                expected_version=form.cleaned_data["version"],
                by_secretariat=_by_secretariat(request),
            )
        except EditConflict as conflict:
            form.set_current_version(conflict.instance.version)
            form.add_error(None, _conflict_text(conflict))
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("Member saved."))
            return redirect("delegations:registration", pk=pk)
    context = {"delegation": delegation, "member": member, "form": form}
    if _by_secretariat(request):
        context["account_form"] = MemberAccountForm()
    return render(request, "delegations/member_form.html", context)


def _post_action(request, pk, action, success):
    """Run a registration action and go back to the delegation's page with a message."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except EditConflict as conflict:
        messages.error(request, _conflict_text(conflict))
    else:
        messages.success(request, success)
    return redirect("delegations:registration", pk=pk)


@login_required
@require_POST
def member_delete(request, pk, member_pk):
    delegation = _editable(request, pk)
    member = get_object_or_404(DelegationMember, pk=member_pk, delegation=delegation)
    return _post_action(
        request,
        pk,
        lambda: services.member_delete(member=member, by_secretariat=_by_secretariat(request)),
        _("%(name)s removed.") % {"name": member.display_name},
    )


@login_required
@require_POST
def member_move(request, pk, member_pk, direction):
    delegation = _editable(request, pk)
    member = get_object_or_404(DelegationMember, pk=member_pk, delegation=delegation)
    return _post_action(
        request,
        pk,
        lambda: services.member_move(
            member=member, direction=direction, by_secretariat=_by_secretariat(request)
        ),
        _("Protocol order changed."),
    )


@login_required
@require_POST
def credentials_upload(request, pk):
    delegation = _editable(request, pk)
    form = CredentialsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.credentials_upload(
                delegation=delegation,
                uploaded=form.cleaned_data["letter"],
                user=request.user,
                by_secretariat=_by_secretariat(request),
            )
        except RegistrationFrozen as frozen:
            messages.error(request, " ".join(frozen.messages))
            return redirect("delegations:registration", pk=pk)
        except (RegistrationClosed, ValidationError) as error:
            for text in error.messages:
                form.add_error("letter", text)
        else:
            messages.success(request, _("Credentials letter uploaded."))
            return redirect("delegations:registration", pk=pk)
    return _registration(request, delegation, credentials_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def credentials_remove(request, pk, letter_pk):
    """Confirm (GET) and remove (POST) a credentials letter.

    The letter is the delegation's official note verbale: one click must not lose it, so
    "Remove" opens this page first. The service decides on the POST whether the letter may
    still be removed.
    """
    delegation = _editable(request, pk)
    letter = get_object_or_404(CredentialsLetter, pk=letter_pk, delegation=delegation)
    if request.method != "POST":
        return render(
            request,
            "delegations/credentials_confirm_remove.html",
            {"delegation": delegation, "meeting": delegation.meeting, "letter": letter},
        )
    return _post_action(
        request,
        pk,
        lambda: services.credentials_remove(letter=letter, by_secretariat=_by_secretariat(request)),
        _("Credentials letter %(name)s removed.") % {"name": letter.original_name},
    )


@login_required
def credentials_download(request, pk, letter_pk):
    """Serve a credentials letter to its delegation and to the secretariat only."""
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    letter = get_object_or_404(CredentialsLetter, pk=letter_pk, delegation=delegation)
    response = FileResponse(
        letter.file.open("rb"),
        as_attachment=True,
        filename=name_for_type(letter.original_name, PDF),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def submit(request, pk):
    delegation = _editable(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _post_action(
        request,
        pk,
        lambda: services.delegation_submit(
            delegation=delegation,
            expected_version=form.cleaned_data["version"],
            by_secretariat=_by_secretariat(request),
        ),
        _("Registration submitted for accreditation. The secretariat will review it."),
    )


@login_required
@require_POST
def change_request(request, pk):
    """The focal point of an accredited delegation asks the secretariat for a change."""
    delegation = _editable(request, pk)
    form = ChangeRequestForm(request.POST)
    if form.is_valid():
        try:
            services.delegation_request_change(
                delegation=delegation, change=form.cleaned_data["change"], user=request.user
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error("change", text)
        else:
            messages.success(
                request,
                _(
                    "Your request was sent to the secretariat, which will review it. Your "
                    "delegation stays accredited in the meantime."
                ),
            )
            return redirect("delegations:registration", pk=pk)
    return _registration(request, delegation, change_form=form)


# Secretariat ---------------------------------------------------------------------------


@secretariat_required
@require_POST
def accredit(request, pk):
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    form = AccreditForm(request.POST, delegation=delegation)
    if not form.is_valid():
        if form.has_error("presented_on", "outside_window"):
            messages.error(request, " ".join(form.errors["presented_on"]))
        else:
            messages.error(request, _("Give the date and time the credentials were presented."))
        return redirect("delegations:registration", pk=pk)
    return _post_action(
        request,
        pk,
        lambda: services.delegation_accredit(
            delegation=delegation,
            credentials_presented_at=form.presented(),
            expected_version=form.cleaned_data["version"],
        ),
        _("%(delegation)s accredited; the focal point is being notified.")
        % {"delegation": delegation.name},
    )


@secretariat_required
@require_POST
def return_registration(request, pk):
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    form = ReturnForm(request.POST, delegation=delegation)
    if not form.is_valid():
        messages.error(request, _("Say what the delegation must correct."))
        return redirect("delegations:registration", pk=pk)
    return _post_action(
        request,
        pk,
        lambda: services.delegation_return(
            delegation=delegation,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Registration returned to the focal point with your reason."),
    )


@secretariat_required
@require_POST
def change_handled(request, pk):
    """The secretariat has made (or declined) the change an accredited delegation asked for."""
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise Http404("No such request.")
    return _post_action(
        request,
        pk,
        lambda: services.delegation_change_handled(
            delegation=delegation, expected_version=form.cleaned_data["version"]
        ),
        # Translators: of_delegation already holds "of" and the name with its article:
        # "of Panama", "de la República Dominicana", "du Panama", "do México".
        _("The change request %(of_delegation)s is marked as handled.")
        % {"of_delegation": delegation.name_of},
    )


@secretariat_required
@require_POST
def quota(request, pk):
    delegation = selectors.delegation_get_for_user(pk=pk, user=request.user)
    form = QuotaForm(request.POST, delegation=delegation)
    if not form.is_valid():
        messages.error(request, _("The number of seats must be a whole number from 1 to 100."))
        return redirect("delegations:registration", pk=pk)
    return _post_action(
        request,
        pk,
        lambda: services.delegation_set_quota(
            delegation=delegation,
            quota=form.cleaned_data["quota"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Quota saved."),
    )


@secretariat_required
def dashboard(request, slug):
    """Per meeting: invitations, registrations, accreditation, members and the floor."""
    meeting = get_object_or_404(Meeting, slug=slug)
    form = RegistrationSettingsForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_registration_settings(
                meeting=meeting,
                data=form.settings_data(),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            messages.error(
                request, _("Someone else changed these settings; please check them again.")
            )
        else:
            messages.success(request, _("Registration settings saved."))
        return redirect("delegations:dashboard", slug=slug)
    context = {
        "meeting": meeting,
        "figures": selectors.meeting_dashboard(meeting=meeting),
        "delegations": selectors.meeting_delegation_rows(meeting=meeting),
        "settings_form": form,
        "add_form": DelegationAddForm(meeting=meeting),
    }
    return render(request, "delegations/dashboard.html", context)


@secretariat_required
@require_POST
def delegation_add(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    form = DelegationAddForm(request.POST, meeting=meeting)
    if form.is_valid():
        delegation = services.delegation_create(
            meeting=meeting,
            member_state=form.cleaned_data["member_state"],
            organization=form.cleaned_data["organization"],
        )
        messages.success(
            request,
            # Translators: of_delegation already holds "of" and the name with its article:
            # "of Panama", "de la República Dominicana", "du Panama", "do México".
            _("Delegation %(of_delegation)s added.") % {"of_delegation": delegation.name_of},
        )
    else:
        messages.error(request, " ".join(form.non_field_errors()) or _("Choose a delegation."))
    return redirect("delegations:dashboard", slug=slug)


@secretariat_required
@require_POST
def draw_lot(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    try:
        meeting = precedence.lot_draw(meeting=meeting)
    except ValueError:
        messages.error(request, _("The lot has already been drawn for this meeting."))
    else:
        messages.success(request, _("Lot drawn with seed %(seed)s.") % {"seed": meeting.lot_seed})
    return redirect("delegations:dashboard", slug=slug)


can_see_participants = role_required(roles.can_run_meetings)


@can_see_participants
def participants(request, slug):
    """The list of participants: delegations in precedence, members in protocol order."""
    meeting = get_object_or_404(Meeting, slug=slug)
    delegations = selectors.meeting_delegations(meeting=meeting)
    return render(
        request,
        "delegations/participants.html",
        {"meeting": meeting, "delegations": delegations},
    )


@can_see_participants
def participants_csv(request, slug):
    """The list of participants as a CSV file; text that would run as a formula is quoted."""
    meeting = get_object_or_404(Meeting, slug=slug)
    response, writer = csv_attachment(f"{meeting.slug}-participants.csv")
    writer.writerow(
        [
            _("Precedence"),
            _("Delegation"),
            _("Order"),
            _("Protocol title"),
            _("Full name"),
            _("Position"),
            _("Role"),
            _("Attendance"),
            _("Email"),
            _("Accreditation"),
        ]
    )
    for rank, delegation in enumerate(selectors.meeting_delegations(meeting=meeting), start=1):
        for member in delegation.members.all():
            writer.writerow(
                [
                    rank,
                    delegation.name,
                    member.order,
                    member.protocol_title,
                    member.full_name,
                    member.position,
                    member.get_role_display(),
                    member.get_attendance_display(),
                    member.email,
                    delegation.get_status_display(),
                ]
            )
    return response
