from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.decorators import secretariat_required
from accounts.forms import AccountCreateForm


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
