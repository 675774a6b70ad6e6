"""Good practices from the delegation's side and the secretariat's review; outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.decorators import role_required, secretariat_required
from agenda.models import ExpectedOutcome, Meeting
from cidi_meeting.uploads import CONTENT_TYPES, name_for_type
from cidi_meeting.versioning import EditConflict
from delegations import selectors as delegation_selectors
from delegations.rules import can_edit_delegation
from outcomes import services
from outcomes.enums import PracticeStatus
from outcomes.forms import AttachmentForm, OutcomeRecordForm, PracticeForm, ReviewForm
from outcomes.models import GoodPractice, OutcomeRecord, PracticeAttachment
from outcomes.rules import can_edit_practice, can_view_practice, owns

login_required = role_required(lambda user: True)
CONFLICT = _(
    "Someone else saved this practice in the meantime; check their changes and save again."
)


def _own_delegation(request, pk):
    delegation = delegation_selectors.delegation_get_for_user(pk=pk, user=request.user)
    if not can_edit_delegation(request.user, delegation):
        raise Http404("No such delegation.")
    return delegation


def _practice(request, pk):
    practice = get_object_or_404(
        GoodPractice.objects.select_related(
            "delegation__member_state", "delegation__organization", "delegation__meeting", "meeting"
        ),
        pk=pk,
    )
    if not can_view_practice(request.user, practice):
        raise Http404("No such practice.")
    return practice


@login_required
def practice_list_own(request, pk):
    """The delegation's good practices in every state of the workflow."""
    delegation = _own_delegation(request, pk)
    practices = delegation.good_practices.order_by("-updated_at")
    return render(
        request,
        "outcomes/practice_list_own.html",
        {"delegation": delegation, "practices": practices},
    )


def _save_practice(request, form, save, practice_for_submit):
    """Save the draft and its new attachments; submit it too when asked.

    The draft survives a refused submission; a refused attachment saves nothing.
    """
    try:
        practice = save()
    except EditConflict as conflict:
        form.set_current_version(conflict.instance.version)
        form.add_error(None, CONFLICT)
        return None
    except ValidationError as error:
        form.add_error("attachments", error)
        return None
    attached = len(form.cleaned_data["attachments"])
    if attached:
        messages.success(
            request,
            ngettext("%(count)d attachment added.", "%(count)d attachments added.", attached)
            % {"count": attached},
        )
    if "submit" in request.POST:
        try:
            services.practice_submit(practice=practice, expected_version=practice.version)
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
            return redirect("outcomes:practice_edit", pk=practice.pk)
        messages.success(request, _("Practice submitted to the secretariat for review."))
    else:
        messages.success(request, _("Draft saved."))
    return redirect("outcomes:practice_list_own", pk=practice_for_submit(practice))


@login_required
def practice_add(request, pk):
    delegation = _own_delegation(request, pk)
    form = PracticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, m2m = form.split()
        response = _save_practice(
            request,
            form,
            lambda: services.practice_create(
                delegation=delegation,
                data=data,
                m2m=m2m,
                user=request.user,
                attachments=form.cleaned_data["attachments"],
            ),
            lambda practice: practice.delegation_id,
        )
        if response:
            return response
    return render(
        request,
        "outcomes/practice_form.html",
        {"delegation": delegation, "form": form, "practice": None},
    )


@login_required
def practice_edit(request, pk):
    practice = _practice(request, pk)
    if not can_edit_practice(request.user, practice):
        if practice.status == PracticeStatus.SUBMITTED and not roles.is_secretariat(request.user):
            messages.info(request, _("This practice is with the secretariat for review."))
            return redirect("outcomes:practice_list_own", pk=practice.delegation_id)
        raise Http404("No such practice.")
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        data, m2m = form.split()
        response = _save_practice(
            request,
            form,
            lambda: services.practice_update(
                practice=practice,
                data=data,
                m2m=m2m,
                expected_version=form.cleaned_data["version"],
                attachments=form.cleaned_data["attachments"],
            ),
            lambda saved: saved.delegation_id,
        )
        if response:
            return response
    return render(
        request,
        "outcomes/practice_form.html",
        {
            "delegation": practice.delegation,
            "form": form,
            "practice": practice,
            "attachments": practice.attachments.all(),
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk):
    practice = _practice(request, pk)
    if not can_edit_practice(request.user, practice):
        raise Http404("No such practice.")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(practice=practice, uploaded=form.cleaned_data["file"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attachment added."))
    else:
        messages.error(request, _("Choose a PDF or DOCX file to attach."))
    return redirect("outcomes:practice_edit", pk=pk)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    practice = _practice(request, pk)
    is_secretariat = roles.is_secretariat(request.user)
    if not (is_secretariat or owns(request.user, practice.delegation)):
        raise Http404("No such practice.")
    attachment = get_object_or_404(PracticeAttachment, pk=attachment_pk, practice=practice)
    try:
        services.attachment_remove(attachment=attachment, by_secretariat=is_secretariat)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("outcomes:practice_list_own", pk=practice.delegation_id)
    messages.success(
        request, _("Attachment %(name)s removed.") % {"name": attachment.original_name}
    )
    return redirect("outcomes:practice_edit", pk=pk)


@login_required
def practice_delete(request, pk):
    """Confirm (GET) and delete (POST) a draft its delegation never submitted."""
    practice = _practice(request, pk)
    # A delegation's draft is its own work: only its focal point deletes it.
    if not owns(request.user, practice.delegation):
        raise Http404("No such practice.")
    try:
        if request.method == "POST":
            services.practice_delete(practice=practice)
        else:
            services.practice_check_deletable(practice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("outcomes:practice_list_own", pk=practice.delegation_id)
    if request.method == "POST":
        messages.success(request, _("Draft “%(title)s” deleted.") % {"title": practice.title})
        return redirect("outcomes:practice_list_own", pk=practice.delegation_id)
    return render(
        request,
        "outcomes/practice_confirm_delete.html",
        {
            "delegation": practice.delegation,
            "practice": practice,
            "attachments": list(practice.attachments.all()),
        },
    )


def attachment_download(request, pk, attachment_pk):
    """Serve an attachment: public once the practice is published."""
    practice = _practice(request, pk)
    attachment = get_object_or_404(PracticeAttachment, pk=attachment_pk, practice=practice)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name_for_type(attachment.original_name, attachment.kind),
        content_type=CONTENT_TYPES[attachment.kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Secretariat -------------------------------------------------------------------------------


@secretariat_required
def review_list(request, slug):
    """Practices to review first, then the others, for one meeting."""
    meeting = get_object_or_404(Meeting, slug=slug)
    practices = (
        GoodPractice.objects.filter(meeting=meeting)
        .exclude(status=PracticeStatus.DRAFT)
        .select_related("delegation__member_state", "delegation__organization")
        .order_by("status", "-submitted_at")
    )
    return render(
        request, "outcomes/review_list.html", {"meeting": meeting, "practices": practices}
    )


@secretariat_required
def review(request, pk):
    """Accept and publish a submitted practice, or return it with comments."""
    practice = _practice(request, pk)
    form = ReviewForm(request.POST or None, initial={"version": practice.version})
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"]
        try:
            if "publish" in request.POST:
                services.practice_publish(practice=practice, expected_version=expected)
                messages.success(request, _("Practice accepted and published."))
            else:
                services.practice_return(
                    practice=practice,
                    comment=form.cleaned_data["comment"],
                    expected_version=expected,
                )
                messages.success(request, _("Practice returned to the delegation."))
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        except EditConflict:
            form.add_error(None, CONFLICT)
        else:
            return redirect("outcomes:review_list", slug=practice.meeting.slug)
    return render(
        request,
        "outcomes/review.html",
        {"practice": practice, "form": form, "attachments": practice.attachments.all()},
    )


@secretariat_required
def outcome_list(request, slug):
    """The meeting's expected outcomes with what has been recorded on each."""
    meeting = get_object_or_404(Meeting, slug=slug)
    outcomes = ExpectedOutcome.objects.filter(meeting=meeting).select_related("record")
    outcomes = outcomes.prefetch_related(
        Prefetch("record__practices", queryset=GoodPractice.objects.order_by("title")),
        "record__matches__offer",
        "record__matches__need",
        "record__interventions__representing_state",
        "record__interventions__representing_organization",
    )
    return render(request, "outcomes/outcome_list.html", {"meeting": meeting, "outcomes": outcomes})


@secretariat_required
def outcome_edit(request, slug, pk):
    meeting = get_object_or_404(Meeting, slug=slug)
    expected = get_object_or_404(ExpectedOutcome, pk=pk, meeting=meeting)
    record = OutcomeRecord.objects.filter(expected_outcome=expected).first()
    form = OutcomeRecordForm(request.POST or None, instance=record, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        m2m_names = ("practices", "matches", "interventions")
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", *m2m_names}}
        try:
            services.outcome_record_save(
                expected_outcome=expected,
                data=data,
                m2m={name: form.cleaned_data[name] for name in m2m_names},
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            form.add_error(
                None, _("Someone else saved this outcome meanwhile; check and save again.")
            )
        else:
            messages.success(request, _("Outcome saved."))
            return redirect("outcomes:outcome_list", slug=slug)
    return render(
        request,
        "outcomes/outcome_form.html",
        {"meeting": meeting, "expected": expected, "form": form},
    )
