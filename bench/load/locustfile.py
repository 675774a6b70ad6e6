"""Locust scenario: focal points registering their delegations while the public reads.

Run by ``bench/load/run_load.py``, which seeds the accounts and passes them here:

* ``LOAD_CREDENTIALS``: a JSON file ``[{"email": ..., "password": ..., "iso": ...}, ...]``;
  each ``FocalPoint`` takes the next account (one account per simulated user).
* ``LOAD_RESULT``: where this file writes, when the test stops, what each focal point
  did (members registered, letter uploaded) and every 5xx or connection error seen.
* ``LOAD_SLUG`` (``load-test``), ``LOAD_MEMBERS`` (3), ``LOAD_LOGIN_INTERVAL`` (2.2 s),
  ``LOAD_MIN_SECONDS`` (60: the run ends once every focal point is done and this
  time has passed; Locust's ``-t`` is the upper bound),
  ``LOAD_READER_WAIT`` (``5,15``: a reader's pause between pages, seconds).

Sign-ins are paced ``LOAD_LOGIN_INTERVAL`` seconds apart: allauth refuses more than 30
sign-ins a minute from one address (all simulated users share 127.0.0.1).

The portal's session and CSRF cookies are ``Secure`` once ``DEBUG=0`` and no setting turns
that off; the load runs over plain http on loopback, so the client keeps them as
plain cookies (``_LoopbackCookieJar``) and sends them back over http.
"""

import itertools
import json
import os
import re
import time
import zlib

import gevent
from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

from bench.load.run_load import member_names

SLUG = os.environ.get("LOAD_SLUG", "load-test")
MEMBERS = int(os.environ.get("LOAD_MEMBERS", "3"))
LOGIN_INTERVAL = float(os.environ.get("LOAD_LOGIN_INTERVAL", "2.2"))
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DELEGATION_RE = re.compile(r"/delegations/(\d+)/$")
READER_WAIT = [float(x) for x in os.environ.get("LOAD_READER_WAIT", "5,15").split(",")]
ROLES = ["head", "alternate", "adviser", "other"]


def _credentials():
    path = os.environ.get("LOAD_CREDENTIALS")
    if not path:
        return []
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


CREDENTIALS = _credentials()
_next_account = itertools.count()
_first_sign_in = []  # the monotonic time the first focal point started, once set
# What happened, written to LOAD_RESULT at the end.
OUTCOMES = {}  # email -> {"iso", "delegation", "members": [names], "letter": bool, "error"}
SERVER_ERRORS = []  # (method, name, status or exception)


def credentials_pdf(text="Credentials letter"):
    """Return the bytes of a small, valid one-page PDF (correct cross-reference table)."""
    stream = zlib.compress(f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class _LoopbackCookieJar(RequestsCookieJar):
    """Keep cookies as if not ``Secure``, so they go back over http on loopback.

    requests copies the session's cookies into a new jar for each request, so a cookie
    policy would be lost: the flag is dropped when the cookie is stored instead.
    """

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def _csrf(response):
    match = CSRF_RE.search(response.text)
    return match.group(1) if match else None


@events.request.add_listener
def _count_server_errors(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", None) if response is not None else None
    if status is not None and status >= 500:
        SERVER_ERRORS.append([request_type, name, status])
    elif exception is not None and not status:
        # No answer at all (refused, reset, timed out): counted with the server errors.
        SERVER_ERRORS.append([request_type, name, repr(exception)[:200]])


def _all_focal_points_finished():
    return len(OUTCOMES) == len(CREDENTIALS) and all(
        outcome["error"] or outcome["letter"] for outcome in OUTCOMES.values()
    )


@events.test_start.add_listener
def _stop_when_registered(environment, **kwargs):
    """End the run once every focal point is done and LOAD_MIN_SECONDS have passed.

    ``-t`` stays the upper bound; readers keep loading pages until the end.
    """
    minimum = float(os.environ.get("LOAD_MIN_SECONDS", "60"))
    started = time.monotonic()

    def watch():
        while not (_all_focal_points_finished() and time.monotonic() - started >= minimum):
            gevent.sleep(1)
        environment.runner.quit()

    if CREDENTIALS and environment.runner is not None:
        gevent.spawn(watch)


@events.test_stop.add_listener
def _write_result(environment, **kwargs):
    path = os.environ.get("LOAD_RESULT")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"outcomes": OUTCOMES, "server_errors": SERVER_ERRORS}, handle, indent=1)


class FocalPoint(HttpUser):
    """Signs in, registers the delegation's members, uploads the credentials letter."""

    fixed_count = len(CREDENTIALS)
    wait_time = between(5, 10)

    def on_start(self):
        self.client.cookies = _LoopbackCookieJar()
        self.delegation_url = None
        index = next(_next_account)
        if index >= len(CREDENTIALS):
            self.stop()
            return
        self.account = CREDENTIALS[index]
        email = self.account["email"]
        self.outcome = OUTCOMES[email] = {
            "iso": self.account["iso"],
            "delegation": None,
            "members": [],
            "letter": False,
            "error": None,
        }
        # Pace the sign-ins under allauth's limit of 30 a minute from one address.
        if not _first_sign_in:
            _first_sign_in.append(time.monotonic())
        gevent.sleep(max(0.0, _first_sign_in[0] + index * LOGIN_INTERVAL - time.monotonic()))
        try:
            self._register()
        except _Stop as stop:
            self.outcome["error"] = str(stop)

    def _register(self):
        if not self._sign_in():
            raise _Stop("sign-in failed")
        page = self.client.get("/delegations/", name="/delegations/ (own delegation)")
        match = DELEGATION_RE.search(page.url or "")
        if page.status_code != 200 or not match:
            raise _Stop(f"no delegation page ({page.status_code} {page.url})")
        self.delegation_url = f"/delegations/{match.group(1)}/"
        self.outcome["delegation"] = int(match.group(1))
        token = _csrf(page)
        for order, name in enumerate(member_names(self.account["iso"], MEMBERS)):
            token = self._add_member(name, ROLES[min(order, len(ROLES) - 1)], token)
        self._upload_letter(token)

    def _sign_in(self):
        form = self.client.get("/accounts/login/", name="/accounts/login/ (form)")
        token = _csrf(form)
        if form.status_code != 200 or not token:
            return False
        with self.client.post(
            "/accounts/login/",
            data={
                "login": self.account["email"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="/accounts/login/ (sign in)",
            catch_response=True,
        ) as response:
            signed_in = response.status_code == 200 and "/accounts/login/" not in response.url
            if not signed_in:
                response.failure(f"not signed in: {response.status_code} at {response.url}")
            return signed_in

    def _add_member(self, name, role, token):
        with self.client.post(
            self.delegation_url + "members/new/",
            data={
                "csrfmiddlewaretoken": token,
                "version": "",
                "protocol_title": "Ms.",
                "full_name": name,
                "position": "Load test",
                "role": role,
                "email": "",
                "preferred_language": "es",
                "attendance": "in_room",
                "needs": "",
            },
            headers={"Referer": self.host + self.delegation_url},
            name="/delegations/[id]/members/new/",
            catch_response=True,
        ) as response:
            # Success redirects back to the delegation's page; a refusal shows the form.
            saved = bool(response.history) and response.url.endswith(self.delegation_url)
            if response.status_code == 200 and saved:
                self.outcome["members"].append(name)
            elif response.status_code < 500:
                response.failure(f"member not registered: {response.status_code}")
            return _csrf(response) or token

    def _upload_letter(self, token):
        with self.client.post(
            self.delegation_url + "credentials/",
            data={"csrfmiddlewaretoken": token},
            files={"letter": ("credentials.pdf", credentials_pdf(), "application/pdf")},
            headers={"Referer": self.host + self.delegation_url},
            name="/delegations/[id]/credentials/",
            catch_response=True,
        ) as response:
            saved = bool(response.history) and response.url.endswith(self.delegation_url)
            if response.status_code == 200 and saved:
                self.outcome["letter"] = True
            elif response.status_code < 500:
                response.failure(f"letter not uploaded: {response.status_code}")

    @task
    def read_own_page(self):
        """Once registered, the focal point keeps reading the delegation's page."""
        if self.delegation_url:
            self.client.get(self.delegation_url, name="/delegations/[id]/")


class _Stop(Exception):
    pass


class AnonymousReader(HttpUser):
    """Reads the published agenda and the home page without signing in."""

    weight = 1
    wait_time = between(*READER_WAIT)

    @task(4)
    def agenda(self):
        self.client.get(f"/meetings/{SLUG}/", name="/meetings/[slug]/ (agenda)")

    @task(1)
    def home(self):
        self.client.get("/", name="/ (home)")
