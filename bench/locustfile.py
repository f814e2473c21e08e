"""The mixed traffic of bench/load.py (locust, run from .venv-bench; never imported by the app).

Citizens (6 in 10) open the portal, search the catalogue, read a procedure and track a dossier
by code and the last 4 digits of the phone; officers (3 in 10) work their queues and open
dossiers of their agency; desk officers (1 in 10) receive a new dossier through the real form.
Each response is checked (status and a word of the page), so a fast error page is not counted
as a success. The data file (codes, ids) is written by bench/load.py from the database.
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from typing import Any

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["LOAD_DATA"]).read())  # noqa: SIM115
PASSWORD = DATA["password"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERRORS = r'class="errorlist[^"]*"[^>]*>(.*?)</ul>'  # the form's messages, in the failure


class _FormFields(HTMLParser):
    """The default values of a form's fields, as a browser would send them untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in a or a["name"] == "documents":
                    self.values.append((a["name"], a.get("value", "on")))
            elif kind not in {"submit", "button", "file"}:
                self.values.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = [v for v, s in self._options if s] or [v for v, _s in self._options if v]
            if chosen:
                self.values.append((self._select, chosen[0]))
            self._select = None


def _login(user: HttpUser, username: str) -> None:
    page = user.client.get("/accounts/login/", name="login form")
    token = CSRF.search(page.text)
    assert token, "no CSRF token on the login form"
    with user.client.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD},
        name="login",
        catch_response=True,
    ) as response:
        if "Đăng xuất" not in response.text:
            response.failure(f"{username} not signed in")


class Citizen(HttpUser):
    weight = 6
    wait_time = between(0.5, 2)

    @task(2)
    def home(self) -> None:
        self._get("/", "home", "Thủ tục")

    @task(3)
    def search(self) -> None:
        query = random.choice(DATA["queries"])
        self._get(f"/thu-tuc/?q={query}", "catalogue search", "thủ tục")

    @task(2)
    def procedure(self) -> None:
        code = random.choice(DATA["procedures"])
        self._get(f"/thu-tuc/{code}/", "procedure page", code)

    @task(3)
    def track(self) -> None:
        code, digits = random.choice(DATA["tracking"])
        form = self.client.get("/tra-cuu/", name="tracking form")
        token = CSRF.search(form.text)
        if not token:
            form.failure("no CSRF token")
            return
        with self.client.post(
            "/tra-cuu/",
            {"csrfmiddlewaretoken": token.group(1), "ma": code, "so": digits},
            name="tracking lookup",
            catch_response=True,
        ) as response:
            if code not in response.text:
                response.failure("the dossier was not shown")

    def _get(self, url: str, name: str, expected: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or expected not in response.text:  # noqa: PLR2004
                response.failure(f"HTTP {response.status_code}, {expected!r} not on the page")


class Officer(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    def on_start(self) -> None:
        _login(self, DATA["officer"])

    @task(4)
    def queue(self) -> None:
        slug = random.choice(["all", "overdue", "due_soon", "my_steps"])
        with self.client.get(
            f"/backoffice/dossiers/?queue={slug}", name="officer queue", catch_response=True
        ) as response:
            if response.status_code != 200 or "Hồ sơ" not in response.text:  # noqa: PLR2004
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def dossier(self) -> None:
        dossier_id, code = random.choice(DATA["dossiers"])
        with self.client.get(
            f"/backoffice/dossiers/{dossier_id}/", name="dossier page", catch_response=True
        ) as response:
            if code not in response.text:
                response.failure(f"HTTP {response.status_code}, code not shown")


class Desk(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        _login(self, DATA["desk"])

    @task
    def receive(self) -> None:
        url = f"/backoffice/dossiers/receive/?version={DATA['version']}"
        page = self.client.get(url, name="reception form")
        fields = _FormFields()
        fields.feed(page.text)
        given = {
            "applicant_name": random.choice(DATA["names"]),
            "applicant_id_number": f"0750{random.randrange(60, 99)}{random.randrange(10**6):06d}",
            "applicant_phone": f"098{random.randrange(10**7):07d}",
            "applicant_address": "Phường Đồng Xoài, tỉnh Đồng Nai",
            "channel": "in_person",
        }
        body: list[tuple[str, Any]] = [(k, v) for k, v in fields.values if k not in given]
        body += list(given.items())
        with self.client.post(url, body, name="reception", catch_response=True) as response:
            if response.status_code != 200 or "/receive/" in response.url:  # noqa: PLR2004
                errors = re.findall(ERRORS, response.text, re.DOTALL)
                response.failure(f"not received: {' '.join(errors)[:200]}")
