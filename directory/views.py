"""The secretariat's directory of people and organizations: list, search, add, edit,
and merge a person entered twice."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import secretariat_required
from delegations.models import Organization
from directory import selectors, services
from directory.forms import OrganizationForm, PersonForm, PersonMergeForm
from speakers.models import Person

PEOPLE_PER_PAGE = 50
ORGANIZATIONS_PER_PAGE = 50


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _person(pk):
    try:
        return selectors.person_for_edit(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


@secretariat_required
def person_list(request):
    """List the people, searched by name (any language), email, position, state or
    organization, 50 a page."""
    query = request.GET.get("q", "").strip()
    page = _page(request, selectors.person_list(query=query), PEOPLE_PER_PAGE)
    return render(
        request,
        "directory/person_list.html",
        {"page": page, "people": page.object_list, "query": query},
    )


@secretariat_required
def person_create(request):
    """Add a person to the directory."""
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(data=form.cleaned_data)
        messages.success(request, _("%(person)s added.") % {"person": person.display_name})
        return redirect("directory:person_edit", pk=person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": None})


@secretariat_required
def person_edit(request, pk):
    """Edit every field of a person, and show the slots, parts and meetings it is in."""
    person = _person(pk)
    name = person.display_name
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        person = services.person_update(person=person, data=form.cleaned_data)
        messages.success(request, _("%(person)s saved.") % {"person": person.display_name})
        return redirect("directory:person_edit", pk=person.pk)
    return render(
        request,
        "directory/person_form.html",
        {
            "form": form,
            "person": person,
            "name": name,
            "appearances": selectors.person_appearances(person=person),
        },
    )


@secretariat_required
def person_merge(request, pk):
    """Merge a duplicate record into this person: choose it, see what moves, confirm."""
    person = _person(pk)
    form = PersonMergeForm(request.POST or request.GET or None, person=person)
    if request.method == "POST" and form.is_valid():
        discard = form.cleaned_data["duplicate"]
        discarded_name = discard.choice_label
        try:
            person = services.person_merge(keep=person, discard=discard)
        except services.MergeRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(
                reverse("directory:person_merge", args=[pk]) + f"?duplicate={discard.pk}"
            )
        messages.success(
            request,
            _("%(discarded)s merged into %(kept)s.")
            % {"discarded": discarded_name, "kept": person.display_name},
        )
        return redirect("directory:person_edit", pk=person.pk)
    preview = None
    if form.is_bound and form.is_valid():
        preview = selectors.person_merge_preview(
            keep=person, discard=form.cleaned_data["duplicate"]
        )
    return render(
        request,
        "directory/person_merge.html",
        {
            "form": form,
            "person": person,
            "preview": preview,
            "namesakes": [] if preview else list(selectors.person_namesakes(person=person)),
        },
    )


@secretariat_required
def organization_list(request):
    """List the organizations, searched by acronym or name in any language."""
    query = request.GET.get("q", "").strip()
    page = _page(request, selectors.organization_list(query=query), ORGANIZATIONS_PER_PAGE)
    return render(
        request,
        "directory/organization_list.html",
        {"page": page, "organizations": page.object_list, "query": query},
    )


@secretariat_required
def organization_create(request):
    """Add an organization (an international organization, an observer, an OAS unit)."""
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = services.organization_create(data=form.cleaned_data)
        messages.success(
            request, _("%(organization)s added.") % {"organization": organization.display_name}
        )
        return redirect("directory:organization_list")
    return render(request, "directory/organization_form.html", {"form": form, "organization": None})


@secretariat_required
def organization_edit(request, pk):
    """Edit an organization's names, acronyms and kind."""
    organization = get_object_or_404(Organization, pk=pk)
    name = organization.display_name
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        organization = services.organization_update(
            organization=organization, data=form.cleaned_data
        )
        messages.success(
            request, _("%(organization)s saved.") % {"organization": organization.display_name}
        )
        return redirect("directory:organization_list")
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "organization": organization, "name": name},
    )
