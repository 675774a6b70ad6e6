"""The secretariat's pages of reminders: the rules of a meeting and its outbox."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import secretariat_required
from agenda.enums import MeetingStatus
from agenda.models import Meeting
from cidi_meeting.mail import MailKind
from reminders import selectors, services
from reminders.forms import ReminderRuleForm
from reminders.models import OutboxMessage, OutboxStatus, ReminderRule


def _rule(slug, pk):
    return get_object_or_404(
        ReminderRule.objects.select_related("meeting"), meeting__slug=slug, pk=pk
    )


def _save_rule(request, form, save):
    """Call ``save`` with the form's data; return True, or False with the error on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(**form.rule_fields())
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _rule_form_page(request, meeting, form, title):
    return render(
        request, "reminders/rule_form.html", {"meeting": meeting, "form": form, "title": title}
    )


@secretariat_required
@require_GET
def rule_list(request, slug):
    """List a meeting's reminder rules, with when they send and what they have sent."""
    meeting = get_object_or_404(Meeting, slug=slug)
    return render(
        request,
        "reminders/rule_list.html",
        {
            "meeting": meeting,
            "rows": selectors.reminder_rule_rows(meeting=meeting),
            "is_published": meeting.status == MeetingStatus.PUBLISHED,
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def rule_create(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    form = ReminderRuleForm(request.POST or None)
    if _save_rule(
        request, form, lambda **fields: services.reminder_rule_create(meeting=meeting, **fields)
    ):
        messages.success(request, _("Reminder rule saved."))
        return redirect("reminders:reminder_rules", slug=slug)
    return _rule_form_page(request, meeting, form, _("New reminder rule"))


@secretariat_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, slug, pk):
    rule = _rule(slug, pk)
    form = ReminderRuleForm(request.POST or None, rule=rule)
    if _save_rule(
        request, form, lambda **fields: services.reminder_rule_update(rule=rule, **fields)
    ):
        messages.success(request, _("Reminder rule saved."))
        return redirect("reminders:reminder_rules", slug=slug)
    return _rule_form_page(request, rule.meeting, form, _("Reminder rule"))


@secretariat_required
@require_POST
def rule_deactivate(request, slug, pk):
    rule = _rule(slug, pk)
    services.reminder_rule_deactivate(rule=rule)
    messages.success(
        request,
        _("“%(name)s” is inactive: it sends nothing more until you activate it again.")
        % {"name": rule.name},
    )
    return redirect("reminders:reminder_rules", slug=slug)


def _query(**params):
    """Return "?status=…&kind=…" with the filters that are set, or "?" for none."""
    return "?" + urlencode({name: value for name, value in params.items() if value})


@secretariat_required
@require_GET
def outbox(request, slug):
    """List every email of a meeting: queued, sent, failed (with the reason), by kind."""
    meeting = get_object_or_404(Meeting, slug=slug)
    status = request.GET.get("status")
    if status not in OutboxStatus.values:
        status = None
    kind = request.GET.get("kind")
    if kind not in MailKind.values:
        kind = None
    by_status, by_kind = selectors.outbox_counts(meeting=meeting)
    return render(
        request,
        "reminders/outbox.html",
        {
            "meeting": meeting,
            "page": selectors.outbox_page(
                meeting=meeting, status=status, kind=kind, page=request.GET.get("page")
            ),
            "status": status,
            "kind": kind,
            "query": _query(status=status, kind=kind),
            "all_statuses": _query(kind=kind),
            "all_kinds": _query(status=status),
            "filters": [
                (value, label, by_status[value], _query(status=value, kind=kind))
                for value, label in OutboxStatus.choices
            ],
            "kind_filters": [
                (value, label, by_kind[value], _query(status=status, kind=value))
                for value, label in MailKind.choices
                if by_kind[value] or value == kind
            ],
            "total": sum(by_status.values()),
            "unreachable": selectors.outbox_unreachable(meeting=meeting),
        },
    )


@secretariat_required
@require_GET
def outbox_message(request, slug, pk):
    """Show one email of the outbox: its recipient, status and what it says."""
    meeting = get_object_or_404(Meeting, slug=slug)
    message = selectors.outbox_message_get(meeting=meeting, pk=pk)
    if message is None:
        raise Http404("No such message in this outbox.")
    return render(
        request,
        "reminders/outbox_message.html",
        {
            "meeting": meeting,
            "message": message,
            "preview": selectors.outbox_message_preview(message=message),
        },
    )


@secretariat_required
@require_POST
def outbox_send_again(request, slug, pk):
    message = get_object_or_404(OutboxMessage, meeting__slug=slug, pk=pk)
    try:
        services.outbox_message_send_again(message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The email to %(email)s is on its way again.") % {"email": message.recipient_email},
        )
    return redirect("reminders:outbox", slug=slug)
