from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.decorators import secretariat_required
from accounts.forms import AccountCreateForm, ProfileForm
from accounts.models import SecurityEvent


@secretariat_required
def account_list(request):
    """List the portal's accounts with their roles."""
    return render(request, "accounts/account_list.html", {"accounts": selectors.account_list()})


@secretariat_required
def account_create(request):
    """Create an account and email its holder a link to choose a password."""
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.account_create(created_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Account created for %(email)s; an email with a link to choose a "
                "password is on its way."
            )
            % {"email": user.email},
        )
        return redirect("accounts:list")
    return render(request, "accounts/account_form.html", {"form": form})


SECURITY_EVENTS_PER_PAGE = 50


@secretariat_required
def security_log(request):
    """The security log, newest first, filtered by kind, 50 events a page."""
    kinds = SecurityEvent.Kind
    kind = request.GET.get("kind", "")
    if kind not in kinds.values:
        kind = ""
    paginator = Paginator(
        selectors.security_event_list(kind=kind or None), SECURITY_EVENTS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security_log.html",
        {"page": page, "events": page.object_list, "kinds": kinds.choices, "kind": kind},
    )


@login_required
def profile(request):
    """Let anyone signed in correct their own name and preferred language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name and language are saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})
